"""Selling: customers (Pelanggan) and quotes (the Penawaran tab of Pesanan)."""
