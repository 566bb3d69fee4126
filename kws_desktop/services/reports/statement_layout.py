"""The SAK EMKM statements laid out as reports (rows, totals, notes) from their figures.

Plain data in, a `TabularReport` out (documents/report_data.py, no reportlab): the registered
builders of statements.py and the lean path of the command line (lean.py) lay out the same
figures the same way, so a statement reads the same whichever path computed it.
"""
from __future__ import annotations

from collections.abc import Mapping

from kws_desktop.documents.report_data import Column, Row, TabularReport
from kws_desktop.core.accounts import A
from kws_desktop.i18n import N_, _, format_date, format_date_short, format_rupiah
from kws_desktop.services.reports import as_of_text, period_text
from kws_desktop.services.reports.statement_figures import (FINANCING, INVESTING, OPENING, OPERATING,
                                                            OTHER_IN, CashFlow, FinancialPosition, Line,
                                                            ProfitLoss)


def _amount_col() -> Column:
    return Column("jumlah", _("Jumlah (Rp)"), "money")


def _text_col() -> Column:
    return Column("uraian", _("Uraian"))


def empty_note(has_entries: bool) -> list[str]:
    """The note of a statement whose period has no journal entry at all."""
    return [] if has_entries else [_("Tidak ada transaksi pada periode ini.")]


def job_costs_note(amount: int, names: Mapping[str, str]) -> list[str]:
    """The P&L's note when a job's other costs of the period sit in Beban Operasional Kelompok,
    where they were posted before revision 0007 gave them an account among the cost of sales
    (those entries stay as posted)."""
    if not amount:
        return []
    return [_("{operating} berisi {amount} biaya lain-lain pekerjaan yang dicatat sebelum ada akun "
              "{job}. Catatan lama itu tidak diubah, jadi laba kotor periode ini lebih besar "
              "sebanyak itu.").format(operating=names.get(A.OPERATING, A.OPERATING),
                                      amount=format_rupiah(amount),
                                      job=names.get(A.COST_OTHER_JOB, A.COST_OTHER_JOB))]


def profit_loss_report(pl: ProfitLoss, notes: list[str]) -> TabularReport:
    rows: list[Row] = [Row({"uraian": _("PENDAPATAN")}, "heading")]
    rows += [Row({"uraian": name, "jumlah": a}, indent=1) for _c, name, a in pl.revenue]
    rows.append(Row({"uraian": _("Jumlah Pendapatan"), "jumlah": pl.total_revenue}, "subtotal"))
    rows.append(Row({"uraian": _("BEBAN POKOK PENDAPATAN")}, "heading"))
    rows += [Row({"uraian": name, "jumlah": a}, indent=1) for _c, name, a in pl.cost_of_sales]
    rows.append(Row({"uraian": _("Jumlah Beban Pokok Pendapatan"), "jumlah": pl.total_cost_of_sales},
                    "subtotal"))
    rows.append(Row({"uraian": _("LABA (RUGI) KOTOR"), "jumlah": pl.gross_profit}, "subtotal"))
    rows.append(Row({"uraian": _("BEBAN USAHA")}, "heading"))
    rows += [Row({"uraian": name, "jumlah": a}, indent=1) for _c, name, a in pl.operating]
    rows.append(Row({"uraian": _("Jumlah Beban Usaha"), "jumlah": pl.total_operating}, "subtotal"))
    rows.append(Row({"uraian": _("LABA (RUGI) BERSIH"), "jumlah": pl.net_profit}, "total"))
    return TabularReport(title=_("Laporan Laba Rugi"), subtitle=period_text(pl.period),
                         columns=[_text_col(), _amount_col()], rows=rows, notes=notes)


def financial_position_report(fp: FinancialPosition) -> TabularReport:
    """Two columns, the period's end and the day before it as its comparison (SAK EMKM), or only
    the first when the book began after that day: a column of zeros would read as if the group
    had nothing then, when the book did not yet hold it."""
    now, before = fp.now, fp.before
    cols = [_text_col(), Column("now", format_date_short(now.day), "money")]
    if fp.compared:
        cols.append(Column("before", format_date_short(before.day), "money"))

    def cells(label: str, x: int, y: int) -> dict:
        return {"uraian": label, "now": x, "before": y} if fp.compared else {"uraian": label, "now": x}

    def lines(a: tuple[Line, ...], b: tuple[Line, ...]) -> list[Row]:
        other = {code: amount for code, _n, amount in b}
        return [Row(cells(name, amount, other.get(code, 0)), indent=1) for code, name, amount in a]

    def total(label: str, x: int, y: int, style: str = "subtotal") -> Row:
        return Row(cells(label, x, y), style)

    rows = [Row({"uraian": _("ASET")}, "heading"),
            Row({"uraian": _("Aset Lancar")}, "heading", indent=1)]
    rows += lines(now.current_assets, before.current_assets)
    rows.append(total(_("Jumlah Aset Lancar"), now.total_current_assets, before.total_current_assets))
    rows.append(Row({"uraian": _("Aset Tidak Lancar")}, "heading", indent=1))
    rows += lines(now.noncurrent_assets, before.noncurrent_assets)
    rows.append(total(_("Jumlah Aset Tidak Lancar"), now.total_noncurrent_assets,
                      before.total_noncurrent_assets))
    rows.append(total(_("JUMLAH ASET"), now.total_assets, before.total_assets, "total"))
    rows.append(Row({"uraian": _("LIABILITAS")}, "heading"))
    rows += lines(now.liabilities, before.liabilities)
    rows.append(total(_("Jumlah Liabilitas"), now.total_liabilities, before.total_liabilities))
    rows.append(Row({"uraian": _("EKUITAS")}, "heading"))
    rows += lines(now.equity, before.equity)
    retained = ((_("Saldo laba sampai akhir tahun lalu"), "retained_opening"),
                (_("Laba (rugi) tahun berjalan"), "year_profit"),
                (_("Laba dibagikan (SHU) tahun berjalan"), "year_sharing"))
    rows += [Row(cells(label, getattr(now, field), getattr(before, field)), indent=1)
             for label, field in retained]
    rows.append(Row(cells(_("Saldo Laba"), now.retained_earnings, before.retained_earnings), "subtotal",
                    indent=1))
    rows.append(total(_("Jumlah Ekuitas"), now.total_equity, before.total_equity))
    rows.append(total(_("JUMLAH LIABILITAS DAN EKUITAS"), now.total_liabilities + now.total_equity,
                      before.total_liabilities + before.total_equity, "total"))
    return TabularReport(title=_("Laporan Posisi Keuangan"), subtitle=as_of_text(fp.period.end),
                         columns=cols, rows=rows, notes=[_comparison_note(fp)])


def _comparison_note(fp: FinancialPosition) -> str:
    if fp.compared:
        return _("Kolom kedua: posisi pada akhir hari sebelum periode dimulai, sebagai pembanding. "
                 "Laba tahun-tahun sebelumnya sudah masuk saldo laba; laba tahun berjalan dihitung "
                 "dari 1 Januari sampai tanggal kolom; bagi hasil (SHU) diambil dari saldo laba.")
    if fp.book_start is None:
        start = _("Buku ini belum berisi transaksi, jadi tidak ada kolom pembanding.")
    else:
        start = _("Buku dimulai {date}: belum ada posisi sebelum periode ini, jadi tidak ada kolom "
                  "pembanding.").format(date=format_date(fp.book_start))
    return start + " " + _("Laba tahun-tahun sebelumnya sudah masuk saldo laba; laba tahun berjalan "
                           "dihitung dari 1 Januari sampai tanggal kolom; bagi hasil (SHU) diambil "
                           "dari saldo laba.")


_HEADS = {OPERATING: (N_("ARUS KAS DARI AKTIVITAS OPERASI"), N_("Arus kas bersih dari aktivitas operasi")),
          INVESTING: (N_("ARUS KAS DARI AKTIVITAS INVESTASI"), N_("Arus kas bersih dari aktivitas investasi")),
          FINANCING: (N_("ARUS KAS DARI AKTIVITAS PENDANAAN"), N_("Arus kas bersih dari aktivitas pendanaan"))}


def cash_flow_report(cf: CashFlow, names: Mapping[str, str], notes: list[str]) -> TabularReport:
    """``names``: account names by code (the closing balances are listed by account)."""
    rows: list[Row] = []
    for activity, (head, net) in _HEADS.items():
        rows.append(Row({"uraian": _(head)}, "heading"))
        for act, label, amount in cf.lines:
            if act != activity or (amount == 0 and (act, label) in (OPENING, OTHER_IN)):
                continue
            rows.append(Row({"uraian": _(label), "jumlah": amount}, indent=1))
        rows.append(Row({"uraian": _(net), "jumlah": cf.activity_total(activity)}, "subtotal"))
    rows.append(Row({"uraian": _("KENAIKAN (PENURUNAN) KAS DAN BANK"), "jumlah": cf.net_change},
                    "subtotal"))
    rows.append(Row({"uraian": _("Kas dan bank awal periode ({date})").format(
        date=format_date(cf.period.before)), "jumlah": cf.opening_total}))
    rows.append(Row({"uraian": _("KAS DAN BANK AKHIR PERIODE ({date})").format(
        date=format_date(cf.period.end)), "jumlah": cf.closing_total}, "total"))
    for code, amount in cf.closing.items():
        rows.append(Row({"uraian": names.get(code, code), "jumlah": amount}, indent=1))
    notes = [*notes, _("Metode langsung: setiap penerimaan dan pengeluaran kas dan bank dikelompokkan "
                       "menurut akun lawannya. Pemindahan antara kas dan bank tidak dihitung.")]
    if cf.settled_from_shares:
        notes.append(_("Kasbon {amount} yang dipotong dari bagi hasil sudah dihitung sebagai uang keluar "
                       "waktu kasbon itu diberikan. Baris bagi hasil hanya berisi uang yang dibayarkan; "
                       "potongan kasbon diambil dulu dari upah, sisanya dari bagi hasil.").format(
            amount=format_rupiah(abs(cf.settled_from_shares))))
    return TabularReport(title=_("Laporan Arus Kas"), subtitle=period_text(cf.period),
                         columns=[_text_col(), _amount_col()], rows=rows, notes=notes)
