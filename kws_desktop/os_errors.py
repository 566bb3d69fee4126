"""What the operating system said, as words for users (issue 22): never the English strerror
inside an Indonesian sentence.

`os_reason(exc)` gives a short clause ("disk penuh: tidak ada ruang tersisa") for an OSError,
or for a database error that reports the same things ("database or disk is full"), in the
current language; anything unknown becomes "sistem menolak (kode N)"."""
from __future__ import annotations

import errno

from kws_desktop.i18n import N_, _

_BY_ERRNO = {
    errno.ENOSPC: N_("disk penuh: tidak ada ruang tersisa. Hapus berkas yang tidak perlu atau pakai "
                     "disk lain"),
    errno.EDQUOT: N_("jatah ruang disk Anda sudah habis. Hapus berkas yang tidak perlu atau pakai "
                     "disk lain"),
    errno.EACCES: N_("tidak ada izin untuk membuka atau menulis di sini. Pilih folder lain, misalnya "
                     "Dokumen"),
    errno.EPERM: N_("tidak ada izin untuk membuka atau menulis di sini. Pilih folder lain, misalnya "
                    "Dokumen"),
    errno.EROFS: N_("disk atau folder ini hanya bisa dibaca (hanya-baca). Pilih folder lain"),
    errno.ENOENT: N_("berkas atau folder itu tidak ada"),
    errno.ENOTDIR: N_("sebagian dari alamat berkas itu bukan folder"),
    errno.EISDIR: N_("itu sebuah folder, bukan berkas"),
    errno.ENAMETOOLONG: N_("nama berkas atau alamat foldernya terlalu panjang"),
    errno.EEXIST: N_("berkas itu sudah ada"),
    errno.EBUSY: N_("berkas sedang dipakai program lain. Tutup program itu, lalu coba lagi"),
    errno.EMFILE: N_("terlalu banyak berkas terbuka. Tutup beberapa program, lalu coba lagi"),
    errno.ENFILE: N_("terlalu banyak berkas terbuka. Tutup beberapa program, lalu coba lagi"),
    errno.EIO: N_("disk tidak bisa dibaca atau ditulis (kerusakan perangkat). Coba disk lain"),
    errno.EINVAL: N_("nama berkas itu tidak sah"),
    errno.EFBIG: N_("berkas menjadi terlalu besar untuk disk ini"),
}
_WINDOWS = {32: errno.EBUSY, 33: errno.EBUSY, 112: errno.ENOSPC, 5: errno.EACCES, 19: errno.EROFS}
_DATABASE = (("disk is full", errno.ENOSPC), ("readonly", errno.EROFS), ("read-only", errno.EROFS),
             ("disk i/o error", errno.EIO), ("unable to open", errno.ENOENT))


def os_reason(exc: BaseException) -> str:
    """The reason behind `exc` (an OSError, or a database error about the disk) in words."""
    code = getattr(exc, "errno", None)
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINDOWS:
        code = _WINDOWS[winerror]
    if code not in _BY_ERRNO:
        text = str(exc).lower()
        code = next((c for words, c in _DATABASE if words in text), code)
    if code in _BY_ERRNO:
        return _(_BY_ERRNO[code])
    if isinstance(code, int):
        return _("sistem menolak (kode {code})").format(code=code)
    return _("sistem menolak")
