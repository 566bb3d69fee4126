"""Reports: the Laporan area and the Beranda dashboard with its charts."""
