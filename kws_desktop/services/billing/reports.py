"""Registers the billing reports (loaded by services.reports.load_all)."""
from __future__ import annotations

from kws_desktop.i18n import N_
from kws_desktop.services.billing.receivables import build_receivables_report
from kws_desktop.services.reports import register_report


def _receivables(book, start, end):
    return build_receivables_report(book, end)


register_report("receivables", N_("Daftar Piutang dan Umur Piutang"), _receivables,
                needs_period=False, order=60)
