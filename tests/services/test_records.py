"""Corrections of working records (partners, agreements, trainings) are saved in place and
audited with the old and new value of what changed; a refused correction changes nothing."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from kws_desktop.errors import UserError
from kws_desktop.services.evaluation import partners, trainings
from kws_desktop.services.book.records import one_line
from kws_desktop.store.models.book import AuditEvent
from tests.services.evaluation_setup import make_setup


def _updates(book, entity: str) -> list[dict]:
    with book.reading() as s:
        return [json.loads(e.detail) for e in s.query(AuditEvent).filter_by(entity=entity, action="update")]


def test_one_line_tidies_typed_text():
    assert one_line("  Bank \n  BJB\tcabang ", 200) == "Bank BJB cabang"
    assert one_line(None, 10) == "" and one_line("\x00\x00 A\x07") == "A"
    assert one_line("abcdef", 3) == "abcdef"  # never cut: too long is refused by the text rule


def test_partner_and_agreement_corrections_audit_what_changed(book):
    pid = partners.save_partner(book, partners.PartnerInput("Bank BJB", "bank")).partner.id
    fixed = partners.save_partner(book, partners.PartnerInput("Bank  BJB Balaraja", "bank", phone="0812"), pid)
    assert fixed.partner.id == pid and fixed.partner.name == "Bank BJB Balaraja"
    assert _updates(book, "partner") == [{"name": ["Bank BJB", "Bank BJB Balaraja"], "phone": ["", "0812"]}]
    view = partners.save_agreement(book, partners.AgreementInput(pid, "Kredit alat", dt.date(2026, 1, 5)))
    aid = view.agreements[0].id
    partners.save_agreement(book, partners.AgreementInput(pid, "Kredit alat", dt.date(2026, 1, 5), value=9_000_000),
                            aid)
    assert _updates(book, "partner_agreement") == [{"value": [0, 9_000_000]}]


def test_refused_correction_changes_nothing(book):
    pid = partners.save_partner(book, partners.PartnerInput("Koperasi Sejahtera", "koperasi")).partner.id
    with pytest.raises(UserError) as info:
        partners.save_partner(book, partners.PartnerInput("  ", "koperasi"), pid)
    assert info.value.field == "name" and "Isi nama mitra" in info.value.message
    assert partners.get_partner(book, pid).partner.name == "Koperasi Sejahtera"
    assert _updates(book, "partner") == []


def test_training_correction_is_audited(book):
    setup = make_setup(book)
    row = trainings.save_training(book, trainings.TrainingInput(setup["member"], "teknis", dt.date(2026, 2, 10)))
    trainings.save_training(book, trainings.TrainingInput(setup["member"], "pembukuan", dt.date(2026, 2, 10)),
                            row.id)
    assert _updates(book, "training") == [{"topic": ["teknis", "pembukuan"]}]
