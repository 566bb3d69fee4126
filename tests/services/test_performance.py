"""Laporan Kinerja KWS: figures from the records, the registered report in PDF, XLSX and CSV."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kws_desktop.documents.tabular import write_report
from kws_desktop.errors import UserError
from kws_desktop.services.evaluation import partners, service_visits, trainings
from kws_desktop.services.jobs import quality
from kws_desktop.services.evaluation.performance import performance
from kws_desktop.services.reports import build_report, kinds
from tests.services.evaluation_setup import hand_over, make_setup

START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


@pytest.fixture
def filled(book):
    setup = make_setup(book)
    quality.record_checks(book, setup["order"], dt.date(2026, 3, 11), [
        quality.CheckInput(code, code != "urugan", note="ambles" if code == "urugan" else "",
                           accepted_reason="Pemilik setuju" if code == "urugan" else "")
        for code in quality.CHECKS])
    hand_over(book, setup)
    quality.record_satisfaction(book, setup["order"], 4, dt.date(2026, 3, 12))
    c = service_visits.report_complaint(book, service_visits.ComplaintInput(setup["order"], dt.date(2026, 4, 1), "Bau"))
    service_visits.add_visit(book, c.complaint.id, service_visits.VisitInput(dt.date(2026, 4, 4), "Topi pipa", cost=40_000), resolve=True)
    service_visits.report_complaint(book, service_visits.ComplaintInput(setup["order"], dt.date(2026, 6, 1), "Mampet"))
    pid = partners.save_partner(book, partners.PartnerInput("BAZNAS Kab. Tangerang", "baznas",
                                                            customer_id=setup["baznas"])).partner.id
    partners.save_agreement(book, partners.AgreementInput(pid, "Bantuan jamban", dt.date(2026, 1, 5),
                                                          value=30_000_000))
    trainings.save_training(book, trainings.TrainingInput(setup["member"], "gender", dt.date(2026, 2, 1)))
    return setup


def test_figures(book, filled):
    p = performance(book, START, END)
    assert (p.orders_new, p.units_built, p.units_handed_over) == (1, 1, 1)
    assert p.on_time == 1 and p.on_time_ratio == Decimal(1)
    assert p.checks == len(quality.CHECKS) and p.checks_first_pass == len(quality.CHECKS) - 1
    assert p.failures_accepted == 1 and p.failures_open == 0
    assert (p.complaints, p.complaints_resolved, p.complaints_open_at_end) == (2, 1, 1)
    assert p.median_days_to_resolve == Decimal(3) and p.warranty_cost == 40_000
    assert p.scores == (0, 0, 0, 1, 0) and p.average_score == Decimal("4.0")
    assert p.partners_active == 1 and p.agreements_value == 30_000_000
    assert p.partner_lines[0].units == 1 and p.partner_lines[0].units_amount == 2_500_000
    gender = next(t for t in p.topics if t.topic == "gender")
    assert (gender.women, gender.men, gender.sessions) == (1, 0, 1)
    assert p.leaders_women == 1 and p.leaders_women_ratio == Decimal(1)
    assert p.income_women == 240_000 and p.income_women_ratio == Decimal(1)
    assert p.direct_costs >= 240_000 + 40_000
    assert sum(m.handed_over for m in p.months) == 1 and len(p.months) == 12


def test_empty_period_has_no_division_by_zero(book):
    p = performance(book, START, END)
    assert p.on_time_ratio is None and p.pass_ratio is None and p.average_score is None
    assert p.median_days_to_resolve is None and p.income_women_ratio is None


def test_registered_and_written_in_every_format(book, filled, tmp_path):
    assert "performance" in kinds()
    report = build_report(book, "performance", START, END)
    assert report.title == "Laporan Kinerja KWS" and report.signers
    for fmt in ("pdf", "xlsx", "csv"):
        path = write_report(report, tmp_path / f"kinerja.{fmt}", fmt)
        assert path.stat().st_size > 500
    assert (tmp_path / "kinerja.pdf").read_bytes().startswith(b"%PDF")
    with open(tmp_path / "kinerja.csv", encoding="utf-8-sig") as fh:
        text = fh.read()
    assert "Selesai tepat waktu" in text and "BAZNAS Kab. Tangerang" in text


def test_the_percent_column_keeps_one_decimal_and_the_tiles_do_not(book, filled, tmp_path):
    """In the table "Selesai tepat waktu" reads 100,0% above a pass ratio such as 92,3%; the
    tile showing the same figure alone reads 100%."""
    import re

    from kws_desktop.documents.table import format_cell
    from kws_desktop.services.evaluation.performance import tiles
    from tests.documents.helpers import pdf_text
    report = build_report(book, "performance", START, END)
    shown = {r.cells["uraian"]: format_cell("percent", r.cells.get("persen")) for r in report.rows
             if r.cells.get("persen") is not None}
    assert shown["Selesai tepat waktu"] == "100,0%"
    assert len(shown) >= 3 and all(re.fullmatch(r"\d{1,3},\d%", t) for t in shown.values()), shown
    assert ("Selesai tepat waktu", "100%", "1 dari 1 unit") in tiles(performance(book, START, END))
    text = pdf_text(write_report(report, tmp_path / "kinerja.pdf", "pdf"))
    assert "100,0%" in text


def test_period_end_before_start_is_refused(book):
    with pytest.raises(UserError) as info:
        build_report(book, "performance", END, START)
    assert "lebih awal dari tanggal awal" in info.value.message
