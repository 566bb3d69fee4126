"""Tooltips for the main actions of every page, in one place.

Pages build their buttons with plain labels; when a page is first shown the main window gives
every button that has no tooltip of its own the explanation below (matched on its label, in
the current language)."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QWidget

from kws_desktop.i18n import N_, _

# button label (Indonesian source text) -> what it does, in plain words
TIPS: dict[str, str] = {
    # Pesanan / Penawaran
    "Penawaran baru": N_("Buat surat penawaran harga untuk pelanggan (Ctrl+Shift+N)."),
    "Buka / ubah": N_("Lihat penawaran yang dipilih; draf masih bisa diubah."),
    "Tandai terkirim": N_("Penawaran sudah diberikan ke pelanggan; sesudah ini tidak bisa diubah, hanya direvisi."),
    "Terima (jadikan pesanan)": N_("Pelanggan setuju: penawaran menjadi pesanan dan tagihan disiapkan."),
    "Tolak": N_("Pelanggan tidak jadi memesan."),
    "Revisi": N_("Buat penawaran baru dari yang ini (nomor baru); yang lama tetap tersimpan."),
    "Cetak...": N_("Lihat pratinjau lalu cetak."),
    "Simpan PDF...": N_("Simpan sebagai berkas PDF untuk dikirim lewat WhatsApp atau email."),
    "Paket pekerjaan...": N_("Atur paket pekerjaan (RAB): bahan, upah, transport, keuntungan dan garansi."),
    "Ubah tahap...": N_("Pindahkan pesanan ke tahap berikutnya: dijadwalkan, dikerjakan, selesai, diserahkan."),
    "Cetak BAST...": N_("Cetak berita acara serah terima untuk ditandatangani pelanggan."),
    "Tambah tukang...": N_("Catat anggota yang bekerja di pesanan ini dan jumlah harinya (HOK)."),
    "Pakai bahan...": N_("Ambil bahan dari stok untuk pesanan ini."),
    "Bahan kembali...": N_("Bahan yang tidak terpakai dikembalikan ke stok."),
    "Tambah biaya...": N_("Catat biaya lain pesanan ini, misalnya transport atau sewa alat."),
    "Tambah foto...": N_("Simpan foto kemajuan pekerjaan (0%, 50%, 100%)."),
    # Pelanggan
    "Rumah tangga baru": N_("Daftarkan kepala keluarga yang memesan."),
    "Lembaga baru": N_("Daftarkan pembayar program: APBD, DAK, BAZNAS, perusahaan CSR, koperasi."),
    "Buat penawaran": N_("Buat surat penawaran untuk pelanggan yang dipilih."),
    # Bahan & Pembelian
    "Catat nota baru": N_("Catat nota pembelian dari toko bangunan. Pintasan: Ctrl+Shift+B, dari halaman mana saja."),
    "Lihat / batalkan": N_("Lihat isi nota; nota yang salah dibatalkan dengan alasan."),
    "Bahan baru": N_("Tambah bahan ke katalog dengan satuan dan harganya."),
    "Ubah harga": N_("Ganti harga bahan; terlihat pengaruhnya pada harga paket."),
    "Muat daftar bahan contoh": N_("Isi katalog dengan bahan dan harga contoh Kabupaten Tangerang."),
    "Muat paket contoh": N_("Tambahkan paket pekerjaan contoh (tangki septik, jamban, biofilter)."),
    "Pemasok baru": N_("Tambah toko bangunan atau pemasok."),
    "Bayar utang": N_("Catat pembayaran utang ke toko yang dipilih."),
    "Stok opname baru": N_("Hitung bahan di gudang dan catat selisihnya dengan buku."),
    # Tagihan & Kuitansi
    "Terima dan cetak kuitansi": N_("Simpan pembayaran dan buka pratinjau kuitansinya."),
    "Cetak tagihan…": N_("Lihat pratinjau tagihan yang dipilih lalu cetak."),
    "Surat pengingat…": N_("Cetak surat pengingat untuk pembayar yang cicilannya terlambat."),
    "Batalkan tagihan…": N_("Tagihan yang salah dibatalkan dengan alasan; nomornya tetap tercatat."),
    "Cetak ulang (SALINAN)…": N_("Cetak lagi kuitansi yang dipilih; cetakan ulang bertanda SALINAN."),
    "Bagikan ke WhatsApp": N_("Simpan kuitansi sebagai PDF dan buka WhatsApp untuk mengirimnya."),
    "Batalkan pembayaran…": N_("Pembayaran yang salah dibatalkan dengan alasan; kuitansinya bertanda BATAL."),
    # Anggota
    "Anggota baru": N_("Daftarkan anggota kelompok: ketua, bendahara, tukang."),
    "Bayar upah...": N_("Bayar upah yang sudah dikerjakan; kasbon bisa dipotong."),
    "Catat kasbon...": N_("Catat pinjaman uang anggota (kasbon) yang nanti dipotong dari upah."),
    "Cetak slip upah": N_("Lihat pratinjau slip upah setiap anggota lalu cetak."),
    "Simpan aturan": N_("Simpan aturan bagi hasil kelompok."),
    "Pratinjau": N_("Lihat hitungan bagi hasil sebelum dicatat."),
    "Bagikan dan tutup periode": N_("Catat bagi hasil dan tutup periode; catatan lama tidak bisa diubah lagi."),
    "Cetak slip penghasilan": N_("Lihat pratinjau slip penghasilan anggota lalu cetak."),
    # Kinerja & Kemitraan
    "Survei baru": N_("Catat survei lokasi; ukuran tangki disarankan menurut SNI 2398:2017."),
    "Keluhan baru": N_("Catat keluhan pelanggan supaya ditindaklanjuti."),
    "Catat kunjungan": N_("Catat kunjungan layanan atau perbaikan."),
    "Mitra baru": N_("Tambah mitra: pemerintah desa, Puskesmas, BAZNAS, perusahaan, koperasi."),
    "Catat pelatihan": N_("Catat pelatihan yang diikuti anggota."),
    "Simpan laporan (PDF/XLSX/CSV)": N_("Simpan Laporan Kinerja KWS sebagai PDF, Excel atau CSV."),
    # Laporan
    "Tampilkan": N_("Tampilkan untuk periode yang dipilih."),
    "Pratinjau dan cetak…": N_("Lihat laporan seperti di kertas, lalu cetak atau simpan PDF."),
    "Simpan PDF…": N_("Simpan laporan sebagai PDF."),
    "Simpan Excel…": N_("Simpan laporan sebagai Excel untuk diolah lagi."),
    "Simpan CSV…": N_("Simpan laporan sebagai CSV."),
    # Pengaturan
    "Simpan profil": N_("Simpan profil KWS; dipakai di kepala surat dan kuitansi berikutnya."),
    "Simpan pengaturan dokumen": N_("Simpan ukuran kertas dan cara cetak RAB."),
}


def _tips_now() -> dict[str, str]:
    out = {}
    for label, tip in TIPS.items():
        out[_(label)] = _(tip)
        out[_(label).replace("&", "")] = _(tip)
    return out


def apply_tooltips(root: QWidget) -> int:
    """Give each button under `root` without a tooltip its explanation; returns how many."""
    tips = _tips_now()
    count = 0
    for button in root.findChildren(QAbstractButton):
        if button.toolTip():
            continue
        tip = tips.get(button.text()) or tips.get(button.text().replace("&", ""))
        if tip:
            button.setToolTip(tip)
            count += 1
    return count
