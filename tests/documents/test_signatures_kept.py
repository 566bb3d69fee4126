"""Signatures never stand alone on the last page: the paper's last section moves over with them
(issue 19: an invoice and a member's income slip printed their signatures on a page of their own)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from kws_desktop.documents.invoice import (InvoiceDoc, InvoiceDocInstalment, InvoiceDocLine, InvoiceDocReceipt,
                                           write_invoice)
from kws_desktop.documents.member_slips import IncomeSlipLine, MemberIncomeSlip, write_member_income_slip
from kws_desktop.documents.table import Column, Row
from kws_desktop.documents.tabular import TabularReport, write_pdf

from .helpers import pdf_text

DAY = dt.date(2026, 8, 31)


def _last_page_lines(path, footer: str) -> list[str]:
    """The last page's text lines without its footer (the paper's title and "hal. x dari y")."""
    page = pdf_text(path).split("\f")[-1]
    return [line for line in page.splitlines() if line.strip() and "hal." not in line and footer not in line]


def _invoice(receipts: int) -> InvoiceDoc:
    return InvoiceDoc(
        number="TGH-2026-0043", date=DAY, due_date=DAY + dt.timedelta(days=120),
        payer_name="Khodijah Sari", payer_address="Kp. Kramat No. 34, RT 012/RW 004, Desa Parahu",
        payer_label="Swadaya", total=2_626_871, paid=2_093_000,
        lines=[InvoiceDocLine("PSN-2026-0050", "Tangki septik biofilter (fiberglass)", 2_626_871, 2_093_000)],
        instalments=[InvoiceDocInstalment(f"Cicilan ke-{n} dari 4", DAY + dt.timedelta(days=30 * n),
                                          531_000, 531_000) for n in range(1, 5)],
        receipts=[InvoiceDocReceipt(f"KWT-2026-{n:04d}", DAY, 531_000, void=n == 2,
                                    void_reason="Salah catat jumlah uang" if n == 2 else "")
                  for n in range(1, receipts + 1)])


@pytest.mark.parametrize("receipts", range(0, 22))
def test_invoice_signatures_keep_company(tmp_path, profile, receipts):
    with_bank = dataclasses.replace(profile, bank_name="Bank BJB Cabang Balaraja", bank_account="0012-3456-7890")
    path = write_invoice(_invoice(receipts), tmp_path / "tagihan.pdf", profile=with_bank)
    lines = _last_page_lines(path, "Tagihan TGH-2026-0043")
    signature_only = {"Bendahara,", "Ketua KWS,", "Dewi Lestari", "Siti Aminah"}
    assert any(not any(word in line for word in signature_only) and "Agustus 2026" not in line
               for line in lines), lines


def _income_slip(months: int) -> MemberIncomeSlip:
    lines = tuple(IncomeSlipLine(dt.date(2025, 1 + m % 12, 1) + dt.timedelta(days=366 * (m // 12)),
                                 "Upah", earned=150_000, received=150_000) for m in range(months))
    return MemberIncomeSlip(
        member_name="Siti Aminah", member_role="Ketua", gender="Perempuan", joined_on=dt.date(2025, 1, 1),
        left_on=None, start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 3), days=Decimal(months),
        jobs=months, wages_earned=150_000 * months, profit_share=0, advances_taken=0, advances_deducted=0,
        received=150_000 * months, opening_owed=0, closing_wages_owed=0, closing_share_owed=0,
        closing_advances=0, capital=500_000, lines=lines, wages_paid=150_000 * months)


@pytest.mark.parametrize("months", [0, 1, 2, 3, 4, 6, 8, 10, 12, 14, 18])
def test_income_slip_signatures_keep_company(tmp_path, profile, months):
    path = write_member_income_slip(tmp_path / "slip.pdf", _income_slip(months), profile=profile)
    lines = _last_page_lines(path, "Penghasilan Anggota")
    signature_only = {"Bendahara,", "Anggota,", "Dewi Lestari", "Siti Aminah", "Desember 2026",
                      "Penghasilan Anggota"}
    assert any(not any(word in line for word in signature_only) for line in lines), lines


@pytest.mark.parametrize("rows", range(1, 70))
def test_report_signatures_take_the_last_rows_along(tmp_path, profile, rows):
    report = TabularReport(
        title="Laporan Laba Rugi", columns=[Column("text", "Uraian"), Column("amount", "Jumlah (Rp)", "money")],
        rows=[Row({"text": f"Baris nomor {n}", "amount": 1_000 * n}) for n in range(1, rows + 1)],
        notes=("Catatan di bawah tabel.",), signers=[("Disiapkan oleh,", "Dewi Lestari")],
        place_date="Balaraja, 3 Desember 2026")
    path = write_pdf(report, tmp_path / "laporan.pdf", profile=profile, paper="A5")
    lines = _last_page_lines(path, "Laporan Laba Rugi")
    assert any(f"Baris nomor {rows}" in line for line in lines), lines
    assert all(f"Baris nomor {rows}" not in page for page in pdf_text(path).split("\f")[:-1])
