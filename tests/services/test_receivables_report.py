"""The Daftar Piutang names each household so the treasurer knows whom to visit."""
from __future__ import annotations

import datetime as dt

from kws_desktop.services.billing.receivables import build_receivables_report, receivables_by_payer


def test_each_household_is_named_with_its_village_so_namesakes_are_told_apart(demo_book):
    """The demo has two "Kosim Nurdin" (Sumur Bandung, Rajeg Mulya) who both owe: the list
    showed the same name twice."""
    day = dt.date(2026, 12, 4)
    payers = receivables_by_payer(demo_book, day)
    report = build_receivables_report(demo_book, day)
    names = [row.values(report.columns)[0] for row in report.rows if row.style != "total"]
    assert len(names) == len(payers)
    assert len(set(names)) == len(names), sorted(n for n in names if names.count(n) > 1)
    for payer, name in zip(payers, names):
        if payer.kind == "household" and payer.desa:
            assert name == f"{payer.name}, {payer.desa}"
        else:
            assert name == payer.name
