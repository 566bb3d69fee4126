"""Reminder letters (issue 19.4): a real number from the book's sequence, kept in the audit log,
and a proper letter head (Nomor, Lampiran, Perihal, place and date)."""
import datetime as dt
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from kws_desktop.core.profile import KwsProfile
from kws_desktop.errors import UserError
from kws_desktop.services.billing import invoices, reminders
from kws_desktop.services.book import books
from kws_desktop.services.book.check import check_book
from kws_desktop.services.book.numbering import next_number
from kws_desktop.store.models.book import AuditEvent, NumberSequence

from billing_setup import D, add_customer, add_order

LATE = D + dt.timedelta(days=95)  # 5 June: three of the four monthly instalments are past due


def _text(path) -> str:
    return " ".join(PdfReader(str(path)).pages[0].extract_text().split())


def _letters(book) -> list[dict]:
    with book.reading() as s:
        return [json.loads(e.detail) for e in s.execute(
            select(AuditEvent).where(AuditEvent.entity == "reminder_letter").order_by(AuditEvent.id)).scalars()]


@pytest.fixture
def late_household(book):
    books.update_profile(book, KwsProfile(name="KWS Tirta", kecamatan="Tigaraksa"))
    hh = add_customer(book)
    order = add_order(book, hh, [("swadaya", "", 2_000_000)])
    invoices.invoice_order(book, order, D, household_plan=invoices.PlanSpec(count=4))
    return hh


def test_each_letter_gets_the_next_number_kept_in_the_audit_log(book, late_household, tmp_path):
    job = reminders.issue_reminder(book, late_household, as_of=LATE)
    first = _text(job.write(tmp_path / "a.pdf"))
    assert "Nomor : SPT-2026-0001" in first and "Lampiran : -" in first
    assert "Perihal : Pengingat pembayaran angsuran" in first
    assert "Tigaraksa, 5 Juni 2026" in first
    assert "SPT-2026-0001" in _text(job.write(tmp_path / "again.pdf"))  # the same letter again
    second = reminders.write_reminder_pdf(book, late_household, tmp_path / "b.pdf", as_of=LATE)
    assert "Nomor : SPT-2026-0002" in _text(second)
    letters = _letters(book)
    assert [x["number"] for x in letters] == ["SPT-2026-0001", "SPT-2026-0002"]
    assert letters[0]["date"] == LATE.isoformat() and letters[0]["overdue"] == 1_500_000
    assert letters[0]["invoices"] == ["TGH-2026-0001"]
    assert check_book(book) == []


def test_a_bill_paid_at_once_is_a_notice_not_an_instalment_reminder(book, tmp_path):
    hh = add_customer(book)
    order = add_order(book, hh, [("swadaya", "", 750_000)])
    invoices.invoice_order(book, order, D)
    text = _text(reminders.write_reminder_pdf(book, hh, tmp_path / "r.pdf", as_of=LATE))
    assert "Perihal : Pemberitahuan tagihan" in text


def test_nothing_late_numbers_nothing(book, late_household):
    with pytest.raises(UserError) as err:
        reminders.issue_reminder(book, late_household, as_of=D)
    assert err.value.message == "Tidak ada cicilan yang terlambat untuk pembayar ini."
    with pytest.raises(UserError):
        reminders.issue_reminder(book, None, as_of=LATE)
    with book.reading() as s:
        assert s.get(NumberSequence, ("reminder", 2026)) is None
    assert _letters(book) == []


def test_check_finds_a_letter_number_without_its_letter(book, late_household):
    reminders.issue_reminder(book, late_household, as_of=LATE)
    with book.transaction() as s:
        next_number(s, "reminder", 2026)  # a number handed out, no letter recorded
    assert check_book(book) == ["Nomor reminder 2026 yang hilang: 2."]
