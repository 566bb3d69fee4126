"""Catatan atas Laporan Keuangan (CaLK): the basis and policies behind the statements, key
balances, and the treasurer's own notes (book setting ``report_notes``; lines to write on when
empty)."""
from __future__ import annotations

import datetime as dt

from kws_desktop.core.accounts import A
from kws_desktop.documents.tabular import Column, Row, TabularReport
from kws_desktop.i18n import N_, _, format_date
from kws_desktop.services.book.books import get_profile, get_setting
from kws_desktop.services.reports import period_text, register_report, resolve_period
from kws_desktop.services.reports.queries import sums_by_account
from kws_desktop.store.book import Book

BLANK_LINES = 6


def notes_text(book: Book) -> str:
    return get_setting(book, "report_notes")


def set_notes_text(book: Book, text: str) -> None:
    """Save the treasurer's own notes printed at the end of the CaLK."""
    from kws_desktop.services.book.books import set_setting
    set_setting(book, "report_notes", text.strip()[:4000])


def build_notes(book: Book, start: dt.date | None, end: dt.date | None) -> TabularReport:
    period = resolve_period(start, end)
    profile = get_profile(book)
    with book.reading() as s:
        sums = sums_by_account(s, until=period.end)

    def bal(*codes: str) -> int:
        return sum(sums.get(c, 0) for c in codes)

    name = profile.name or _("Kelompok")
    place = profile.address_line
    rows: list[Row] = []

    def section(no: str, title: str, paragraphs: list[str]) -> None:
        rows.append(Row({"no": no, "uraian": title}, "heading"))
        rows.extend(Row({"uraian": p}) for p in paragraphs)

    section("1", _("Umum"), [
        _("{name} adalah Kelompok Wirausaha Sanitasi (KWS) yang membangun tangki septik, jamban "
          "dan sarana sanitasi lain untuk rumah tangga.").format(name=name)
        + (" " + _("Alamat: {address}.").format(address=place) if place else ""),
        _("Laporan ini mencakup transaksi dari {start} sampai {end}.").format(
            start=format_date(period.start), end=format_date(period.end)),
    ])
    section("2", _("Dasar penyusunan"), [
        _("Laporan keuangan disusun menurut Standar Akuntansi Keuangan Entitas Mikro, Kecil, dan "
          "Menengah (SAK EMKM), dengan dasar akrual dan biaya historis."),
        _("Mata uang pelaporan adalah rupiah, dibulatkan ke rupiah penuh."),
        _("Semua angka berasal dari jurnal pembukuan berpasangan: setiap transaksi dicatat "
          "seimbang dan tidak pernah dihapus; koreksi dibuat dengan jurnal pembalik."),
    ])
    section("3", _("Kebijakan akuntansi"), [
        _("Kas dan bank: uang tunai di bendahara dan saldo rekening bank kelompok."),
        _("Piutang usaha: tagihan kepada rumah tangga dan program (APBD, DAK, BAZNAS, CSR) yang "
          "belum dibayar, sebesar jumlah tagihan."),
        _("Persediaan bahan: dicatat sebesar harga beli; bahan yang dipakai dibebankan dengan "
          "harga rata-rata bergerak. Selisih stok opname dicatat sebagai beban."),
        _("Peralatan: dicatat sebesar harga beli dan disusutkan dengan metode garis lurus."),
        _("Pendapatan diakui saat tagihan (faktur) dibuat. Uang muka yang diterima sebelum "
          "tagihan dicatat sebagai Uang Muka Pelanggan (liabilitas)."),
        _("Beban diakui saat terjadi: bahan saat dipakai untuk pekerjaan, upah saat pekerjaan "
          "dilakukan."),
        _("Bagi hasil anggota dibagikan dari laba menurut aturan kelompok dan dicatat sebagai "
          "utang bagi hasil sampai dibayar."),
    ])
    rows.append(Row({"no": "4", "uraian": _("Rincian pos (per {date})").format(
        date=format_date(period.end))}, "heading"))
    for label, amount in (
            (_("Kas dan bank"), bal(A.CASH, A.BANK)),
            (_("Piutang usaha"), bal(A.RECEIVABLES)),
            (_("Persediaan bahan"), bal(A.INVENTORY)),
            (_("Peralatan, setelah dikurangi akumulasi penyusutan"),
             bal(A.EQUIPMENT, A.ACCUM_DEPRECIATION)),
            (_("Utang usaha"), -bal(A.PAYABLES)),
            (_("Uang muka pelanggan"), -bal(A.CUSTOMER_DEPOSITS)),
            (_("Simpanan anggota"), -bal(A.MEMBER_CAPITAL))):
        rows.append(Row({"uraian": label, "jumlah": amount}, indent=1))
    rows.append(Row({"no": "5", "uraian": _("Catatan bendahara")}, "heading"))
    own = notes_text(book)
    if own:
        rows.extend(Row({"uraian": line}) for line in own.splitlines() if line.strip())
    else:
        rows.extend(Row({"uraian": "." * 150}) for _i in range(BLANK_LINES))
    return TabularReport(title=_("Catatan atas Laporan Keuangan"), subtitle=period_text(period),
                         columns=[Column("no", _("No.")), Column("uraian", _("Uraian")),
                                  Column("jumlah", _("Jumlah (Rp)"), "money")],
                         rows=rows)


register_report("notes", N_("Catatan atas Laporan Keuangan"), build_notes, order=50, signed=False)
