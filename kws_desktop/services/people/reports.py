"""Registers the members area's reports (imported by services.reports.load_all)."""
from __future__ import annotations

from kws_desktop.i18n import N_
from kws_desktop.services.people.member_income import build_member_income_report
from kws_desktop.services.reports import register_report

register_report("member-income", N_("Laporan Penghasilan Anggota"), build_member_income_report, order=70)
