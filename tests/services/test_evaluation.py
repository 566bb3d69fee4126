"""Evaluation records: surveys, quality checks, satisfaction, complaints and visits, partners,
trainings. Every bad input refused with an Indonesian message and nothing saved."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.services.evaluation import partners, service_visits, surveys, trainings
from kws_desktop.services.jobs import quality
from kws_desktop.services.book.check import check_book
from kws_desktop.services.book.ledger import account_balances
from kws_desktop.store.models.book import AuditEvent, JournalEntry
from kws_desktop.store.models.evaluation import (Complaint, Partner, PartnerAgreement, QualityCheck,
                                                 Satisfaction, ServiceVisit, SiteSurvey, Training)
from tests.services.evaluation_setup import D, count, hand_over, make_setup


@pytest.fixture
def setup(book):
    return make_setup(book)


def _survey(setup, **kw) -> surveys.SurveyInput:
    values = dict(date=D, order_id=setup["order"], household_size=5, water_source="sumur_gali",
                  well_distance_m="12", soil_notes="Tanah liat", truck_access="mudah")
    values.update(kw)
    return surveys.SurveyInput(**values)


# --- surveys --------------------------------------------------------------------------------

def test_survey_takes_the_advice_and_warns_when_the_well_is_close(book, setup):
    row = surveys.save_survey(book, _survey(setup))
    assert row.advised_volume_m3 == Decimal("2.17") and row.chosen_volume_m3 == Decimal("2.17")
    assert not row.distance_warning and row.warnings == ()
    assert row.order_number == setup["order_number"] and row.customer_name == "Bapak Ahmad Sutisna"
    close = surveys.save_survey(book, _survey(setup, well_distance_m="6,5", groundwater_depth_m="1.2"))
    assert close.distance_warning and close.well_distance_m == Decimal("6.5")
    assert any("kurang dari 10 m" in w for w in close.warnings)
    assert any("Air tanah tinggi" in w for w in close.warnings)
    assert surveys.count_surveys(book, warnings_only=True) == 1
    assert surveys.survey_for(book, order_id=setup["order"]).id == close.id


def test_smaller_tank_needs_a_reason_and_a_larger_one_does_not(book, setup):
    with pytest.raises(UserError) as info:
        surveys.save_survey(book, _survey(setup, chosen_volume_m3="1.5"))
    assert info.value.field == "override_reason" and "lebih kecil dari saran" in info.value.message
    assert count(book, SiteSurvey) == (0,)
    row = surveys.save_survey(book, _survey(setup, chosen_volume_m3="1.5",
                                            override_reason="Lahan sempit, tangki pabrikan 1,5 m3"))
    assert row.chosen_volume_m3 == Decimal("1.5") and row.override_reason.startswith("Lahan sempit")
    assert surveys.save_survey(book, _survey(setup, chosen_volume_m3="3")).override_reason == ""


def test_survey_correction_is_audited(book, setup):
    row = surveys.save_survey(book, _survey(setup))
    fixed = surveys.save_survey(book, _survey(setup, household_size=8), survey_id=row.id)
    assert fixed.id == row.id and fixed.advised_volume_m3 > row.advised_volume_m3
    with book.reading() as s:
        assert s.query(AuditEvent).filter_by(entity="site_survey", action="update").count() == 1


@pytest.mark.parametrize("kw,field,text", [
    ({"household_size": 0}, "household_size", "1 orang atau lebih"),
    ({"household_size": -4}, "household_size", "1 orang atau lebih"),
    ({"household_size": 75}, "household_size", "paling banyak 50 orang"),
    ({"household_size": "lima"}, "household_size", "angka bulat"),
    ({"well_distance_m": "-3"}, "well_distance_m", "tidak boleh negatif"),
    ({"well_distance_m": "5000"}, "well_distance_m", "tidak masuk akal"),
    ({"well_distance_m": "jauh"}, "well_distance_m", "harus berupa angka"),
    ({"groundwater_depth_m": "-1"}, "groundwater_depth_m", "Kedalaman air tanah"),
    ({"chosen_volume_m3": "0"}, "chosen_volume_m3", "lebih dari 0"),
    ({"water_source": "hujan"}, "water_source", "sumber air"),
    ({"order_id": None}, "quote_id", "satu penawaran atau satu pesanan"),
    ({"order_id": 999}, "order_id", "Pesanan tidak ditemukan"),
])
def test_survey_bad_input_is_refused_and_nothing_saved(book, setup, kw, field, text):
    with pytest.raises(UserError) as info:
        surveys.save_survey(book, _survey(setup, **kw))
    assert (field, ) in [(f,) for f, _m in info.value.problems]
    assert text in info.value.message
    assert count(book, SiteSurvey) == (0,)


def test_advice_preview_without_a_book():
    advice = surveys.advise(6, "sumur_bor", "4")
    assert advice.tank.volume_m3 == Decimal("2.71") and advice.warnings
    assert "x" in advice.dimensions_text and "m³" in advice.dimensions_text


# --- quality checks and handover -----------------------------------------------------------

def _checks(failed=(), accepted=None):
    return [quality.CheckInput(code, code not in failed, note="retak" if code in failed else "",
                               accepted_reason=(accepted or {}).get(code, ""))
            for code in quality.CHECKS]


def test_failed_check_blocks_handover_until_accepted_with_a_reason(book, setup):
    view = quality.record_checks(book, setup["order"], dt.date(2026, 3, 11), _checks(failed=("kedap_air",)))
    assert view.complete and not view.all_passed and [r.code for r in view.blocking] == ["kedap_air"]
    with book.reading() as s, pytest.raises(UserError) as info:
        quality.ensure_handover_allowed(s, setup["order"])
    assert "belum bisa diserahterimakan" in info.value.message and "kedap air" in info.value.message
    with pytest.raises(UserError) as info:
        quality.accept_failure(book, setup["order"], "kedap_air", "  ")
    assert "alasan" in info.value.message
    view = quality.accept_failure(book, setup["order"], "kedap_air", "Rembesan kecil, pemilik setuju diperbaiki nanti")
    assert view.blocking == ()
    with book.reading() as s:
        quality.ensure_handover_allowed(s, setup["order"])


def test_recheck_after_fix_passes_but_keeps_the_first_result(book, setup):
    quality.record_checks(book, setup["order"], dt.date(2026, 3, 10), _checks(failed=("urugan",)))
    view = quality.record_checks(book, setup["order"], dt.date(2026, 3, 11),
                                 [quality.CheckInput("urugan", True, "sudah dipadatkan")])
    row = next(r for r in view.rows if r.code == "urugan")
    assert row.passed and row.first_passed is False and view.all_passed
    assert count(book, QualityCheck) == (len(quality.CHECKS),)


def test_failed_check_without_a_note_or_unknown_code_is_refused(book, setup):
    with pytest.raises(UserError) as info:
        quality.record_checks(book, setup["order"], D, [quality.CheckInput("kedap_air", False)])
    assert "Tuliskan catatan" in info.value.message
    with pytest.raises(UserError) as info:
        quality.record_checks(book, setup["order"], D, [quality.CheckInput("cat_tembok", True)])
    assert "tidak dikenal" in info.value.message
    with pytest.raises(UserError) as info:
        quality.record_checks(book, setup["order"], dt.date(2026, 1, 2), _checks())
    assert "sebelum tanggal pesanan" in info.value.message
    assert count(book, QualityCheck) == (0,)


@pytest.mark.parametrize("score", [0, 6, -1, "sepuluh", None, 4.5])
def test_satisfaction_outside_one_to_five_is_refused(book, setup, score):
    hand_over(book, setup)
    with pytest.raises(UserError) as info:
        quality.record_satisfaction(book, setup["order"], score, dt.date(2026, 3, 12))
    assert "1 sampai 5" in info.value.message
    assert count(book, Satisfaction) == (0,)


def test_satisfaction_at_handover_and_correction(book, setup):
    with pytest.raises(UserError) as info:
        quality.record_satisfaction(book, setup["order"], 5, dt.date(2026, 3, 12))
    assert "belum diserahterimakan" in info.value.message
    hand_over(book, setup)
    quality.record_satisfaction(book, setup["order"], 4, dt.date(2026, 3, 12), "Rapi")
    view = quality.record_satisfaction(book, setup["order"], 5, dt.date(2026, 3, 12), "Rapi sekali")
    assert view.satisfaction == 5 and count(book, Satisfaction) == (1,)


# --- complaints and service visits --------------------------------------------------------

def test_complaint_visit_cost_posted_and_resolved(book, setup):
    hand_over(book, setup)
    view = service_visits.report_complaint(book, service_visits.ComplaintInput(setup["order"], dt.date(2026, 5, 2), "Bau dari pipa udara"))
    assert view.complaint.status == "open" and view.complaint.under_warranty
    assert view.warranty_until == dt.date(2027, 3, 12)
    view = service_visits.add_visit(book, view.complaint.id, service_visits.VisitInput(dt.date(2026, 5, 4), "Ganti topi pipa udara",
                                                                  cost=85_000), resolve=True)
    assert view.complaint.status == "resolved" and view.complaint.days_to_resolve == 2
    assert view.complaint.cost == 85_000 and view.visits[0].journal_number
    with book.reading() as s:
        bal = {r.code: r.balance for r in account_balances(s)}
    assert bal[A.COST_WARRANTY] == 85_000
    view = service_visits.void_visit(book, view.visits[0].id, "Salah catat, ditanggung pemasok")
    assert view.complaint.cost == 0
    with book.reading() as s:
        assert {r.code: r.balance for r in account_balances(s)}[A.COST_WARRANTY] == 0
    assert check_book(book) == []


def test_complaint_resolved_before_it_was_reported_is_refused(book, setup):
    hand_over(book, setup)
    view = service_visits.report_complaint(book, service_visits.ComplaintInput(setup["order"], dt.date(2026, 5, 2), "Tutup retak"))
    with pytest.raises(UserError) as info:
        service_visits.resolve_complaint(book, view.complaint.id, dt.date(2026, 4, 30), "Tutup diganti")
    assert info.value.field == "date_resolved"
    assert "tidak boleh sebelum keluhan dilaporkan" in info.value.message
    with pytest.raises(UserError) as info:
        service_visits.add_visit(book, view.complaint.id, service_visits.VisitInput(dt.date(2026, 5, 1), "Cek", cost=50_000), resolve=True)
    assert "tidak boleh sebelum keluhan dilaporkan" in info.value.message
    assert count(book, ServiceVisit, JournalEntry)[0] == 0
    assert service_visits.get_complaint(book, view.complaint.id).complaint.status == "open"


def test_complaint_needs_a_handed_over_order_and_a_problem(book, setup):
    journals = count(book, JournalEntry)
    with pytest.raises(UserError) as info:
        service_visits.report_complaint(book, service_visits.ComplaintInput(setup["order"], dt.date(2026, 5, 2), "Bocor"))
    assert "belum diserahterimakan" in info.value.message
    hand_over(book, setup)
    with pytest.raises(UserError) as info:
        service_visits.report_complaint(book, service_visits.ComplaintInput(setup["order"], dt.date(2026, 3, 1), " "))
    assert len(info.value.problems) == 2
    assert count(book, Complaint) == (0,)
    assert count(book, JournalEntry) > journals


def test_negative_visit_cost_is_refused(book, setup):
    hand_over(book, setup)
    view = service_visits.report_complaint(book, service_visits.ComplaintInput(setup["order"], dt.date(2026, 5, 2), "Mampet"))
    journals = count(book, JournalEntry)
    with pytest.raises(UserError) as info:
        service_visits.add_visit(book, view.complaint.id, service_visits.VisitInput(dt.date(2026, 5, 3), cost=-5_000))
    assert "tidak boleh kurang dari Rp0" in info.value.message
    assert count(book, ServiceVisit) == (0,) and count(book, JournalEntry) == journals


def test_warranty_per_package(book, setup):
    from kws_desktop.store.models.sales import WorkPackage
    with book.transaction() as s:
        s.add(WorkPackage(code="TS-01", name="Tangki septik biofilter"))
    with book.reading() as s:
        pid = s.query(WorkPackage).one().id
    service_visits.set_package_warranty(book, pid, 24)
    assert service_visits.package_warranties(book) == {pid: 24}
    with pytest.raises(UserError):
        service_visits.set_package_warranty(book, pid, -1)


# --- partners ------------------------------------------------------------------------------

def test_partner_with_agreement_and_money_through_it(book, setup):
    view = partners.save_partner(book, partners.PartnerInput("BAZNAS Kabupaten Tangerang", "baznas",
                                                             contact_person="H. Ma'mun",
                                                             customer_id=setup["baznas"]))
    assert view.flow.units == 1 and view.flow.units_amount == 2_500_000
    view = partners.save_agreement(book, partners.AgreementInput(
        view.partner.id, "Bantuan 20 unit tangki septik", dt.date(2026, 1, 10), dt.date(2026, 12, 31),
        kind="mou", number="045/MoU/BAZNAS/I/2026", value=50_000_000, units=20))
    assert view.partner.agreements == 1 and view.partner.agreements_value == 50_000_000
    assert view.agreements[0].active_on(dt.date(2026, 6, 1))
    assert partners.count_partners(book) == 1 and partners.list_partners(book, search="baznas")


@pytest.mark.parametrize("kw,text", [
    ({"end_date": dt.date(2025, 12, 31)}, "tidak boleh sebelum tanggal mulai"),
    ({"value": -1}, "tidak boleh kurang dari Rp0"),
    ({"title": " "}, "judul"),
    ({"kind": "surat"}, "MoU, SPK atau PKS"),
])
def test_bad_agreement_is_refused(book, setup, kw, text):
    pid = partners.save_partner(book, partners.PartnerInput("Bank BJB", "bank")).partner.id
    values = dict(partner_id=pid, title="Kredit modal kerja", start_date=dt.date(2026, 1, 1), value=10_000_000)
    values.update(kw)
    with pytest.raises(UserError) as info:
        partners.save_agreement(book, partners.AgreementInput(**values))
    assert text in info.value.message
    assert count(book, PartnerAgreement) == (0,)


def test_partner_needs_a_unique_name_and_a_kind(book, setup):
    partners.save_partner(book, partners.PartnerInput("Koperasi Sejahtera", "koperasi"))
    with pytest.raises(UserError) as info:
        partners.save_partner(book, partners.PartnerInput("koperasi sejahtera", "koperasi"))
    assert "sudah ada" in info.value.message
    with pytest.raises(UserError) as info:
        partners.save_partner(book, partners.PartnerInput("Toko Makmur", "toko"))
    assert "jenis mitra" in info.value.message
    assert count(book, Partner) == (1,)


# --- trainings -----------------------------------------------------------------------------

def test_training_recorded_and_listed(book, setup):
    row = trainings.save_training(book, trainings.TrainingInput(
        setup["member"], "pembukuan", dt.date(2026, 2, 10), dt.date(2026, 2, 11), title="Buku kas umum",
        organiser="USAID IUWASH Tangguh", certificate=True, certificate_number="IUW/2026/017"))
    assert row.days == 2 and row.gender == "P" and row.topic_label == "Pembukuan"
    assert trainings.count_trainings(book, topic="pembukuan") == 1


def test_training_before_the_member_joined_is_refused(book, setup):
    with pytest.raises(UserError) as info:
        trainings.save_training(book, trainings.TrainingInput(setup["member"], "teknis", dt.date(2025, 5, 20)))
    assert info.value.field == "start_date"
    assert "sebelum Siti Aminah bergabung" in info.value.message
    with pytest.raises(UserError) as info:
        trainings.save_training(book, trainings.TrainingInput(setup["member"], "teknis", dt.date(2026, 2, 10),
                                                              dt.date(2026, 2, 9)))
    assert "tidak boleh sebelum tanggal mulai" in info.value.message
    with pytest.raises(UserError) as info:
        trainings.save_training(book, trainings.TrainingInput(setup["member"], "memasak", dt.date(2026, 2, 10)))
    assert "topik" in info.value.message
    assert count(book, Training) == (0,)
