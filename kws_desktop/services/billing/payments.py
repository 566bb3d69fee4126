"""Payments against invoices, their kuitansi, and voiding a wrong one.

A payment posts Dr Kas (cash) or Bank (transfer) / Cr Piutang Usaha of the payer for the part
allocated to instalments, and Cr Uang Muka Pelanggan (customer deposits) of the payer for a
part the treasurer explicitly records as uang titipan. Every payment gets a kuitansi
(KWT-2026-0001) in the same transaction. A wrong payment is voided with a reason: the ledger
entry is reversed, the kuitansi keeps its number and prints BATAL.

An earlier titipan is applied to a later invoice of the same payer with `apply_advance`: Dr Uang
Muka Pelanggan / Cr Piutang Usaha, allocated to instalments like a payment (method "advance"),
with no new kuitansi (the money was receipted when it was received); the invoice shows it as
"dipotong uang muka". It is undone like a payment, with `void_payment`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.accounts import A
from kws_desktop.core.text import one_line
from kws_desktop.core.allocation import (AllocationError, OpenInstalment, allocate_oldest_first,
                                         check_chosen_allocation)
from kws_desktop.core.ledger import credit, debit
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import _, format_date, format_rupiah
from kws_desktop.services.book.amounts import PART, PAYMENT, check_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.backdating import audit_detail, ensure_date_order, noted
from kws_desktop.services.billing.invoices import order_work, paid_by_instalment, refresh_status
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.book.dates import ensure_date, ensure_money_date
from kws_desktop.services.book.sharing import ShareInfo, wa_number
from kws_desktop.services.book.periods import ensure_open
from kws_desktop.services.book.voiding import void_in, void_reason
from kws_desktop.store.book import Book
from kws_desktop.store.models.billing import (Instalment, Invoice, Payment, PaymentAllocation,
                                              Receipt)
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine


METHODS = ("cash", "transfer")


@dataclass(frozen=True)
class PaymentInfo:
    id: int
    date: dt.date
    invoice_id: int
    invoice_number: str
    customer_id: int
    payer_name: str
    method: str
    amount: int
    advance: int
    status: str  # posted | void
    receipt_number: str
    allocations: tuple[tuple[int, int, int], ...]  # (instalment id, seq, amount)
    remaining: int  # what the invoice still owes after all posted payments
    void_reason: str = ""

    @property
    def allocated(self) -> int:
        return self.amount - self.advance


def _payment_info(session: Session, p: Payment) -> PaymentInfo:
    inv = session.get(Invoice, p.invoice_id)
    seqs = dict(session.execute(select(Instalment.id, Instalment.seq)
                                .where(Instalment.invoice_id == inv.id)).all())
    paid = sum(paid_by_instalment(session, [inv.id]).values())
    return PaymentInfo(
        id=p.id, date=p.date, invoice_id=inv.id, invoice_number=inv.number,
        customer_id=p.customer_id, payer_name=p.payer_name, method=p.method, amount=p.amount,
        advance=p.advance, status=p.status, receipt_number=p.receipt.number if p.receipt else "",
        allocations=tuple((a.instalment_id, seqs.get(a.instalment_id, 0), a.amount)
                          for a in p.allocations),
        remaining=0 if inv.status == DocStatus.VOID else inv.total - paid, void_reason=p.void_reason)


def _allocation_message(exc: AllocationError) -> UserError:
    d = exc.detail
    if exc.code == "above_instalment":
        return UserError(_("Cicilan ke-{seq} hanya kurang {open}.").format(
            seq=d["seq"], open=format_rupiah(d["open"])), field="allocations")
    if exc.code == "not_positive":
        return UserError(_("Bagian untuk setiap cicilan harus lebih dari Rp0."), field="allocations")
    if exc.code == "twice":
        return UserError(_("Cicilan ke-{seq} dipilih dua kali.").format(seq=d["seq"]),
                         field="allocations")
    return UserError(_("Cicilan yang dipilih bukan milik tagihan ini."), field="allocations")


def record_payment_in(s: Session, *, actor: str, invoice_id: int, date: dt.date, amount: int, method: str = "cash",
                   payer_name: str = "", advance: int = 0,
                   allocations: Sequence[tuple[int, int]] | None = None,
                   note: str = "", printed: bool = False, backdate_note: str = "",
                   future_ok: bool = False) -> PaymentInfo:
    """Take a payment on an invoice and issue its kuitansi, inside the caller's transaction
    (session helper; `record_payment` is the book-level call).

    - `amount`: all the money handed over (int rupiah, more than zero).
    - `advance`: the part the treasurer explicitly keeps as uang titipan (customer deposit);
      without it, a payment above what the invoice still owes is refused.
    - `allocations`: ``[(instalment_id, part), ...]`` as the treasurer chose; by default the
      instalment due first is paid first.
    - `printed`: the kuitansi is printed now (the original handed over), so later prints are
      copies (SALINAN).
    - `backdate_note`: why a kuitansi is dated before the latest one issued this year (its number
      would run against the dates): services/book/backdating.py, the reason kept in the
      payment's note and the audit log.
    - `future_ok`: the user confirmed a date after today (services/book/dates.py
      ensure_money_date: without it such a date raises FutureDateError).
    """
    ensure_date(date)  # the shared date range first (services/book/dates.py)
    problems: list[tuple[str | None, str]] = []
    amount_ok = check_rupiah(amount, "amount", problems, PAYMENT, _("Jumlah uang")) is not None
    advance_ok = check_rupiah(advance, "advance", problems, PART, _("Uang titipan")) is not None
    if amount_ok and advance_ok and advance > amount:
        problems.append(("advance", _("Uang titipan tidak boleh lebih dari jumlah uang yang diterima.")))
    if method not in METHODS:
        problems.append(("method", _("Pilih cara bayar: tunai atau transfer.")))
    if not isinstance(date, dt.date):
        problems.append(("date", _("Isi tanggal pembayaran.")))
    collect(problems)
    inv = s.get(Invoice, invoice_id)
    if inv is None:
        raise UserError(_("Tagihan tidak ditemukan."), field="invoice")
    if inv.status == DocStatus.VOID:
        raise UserError(_("Tagihan {number} sudah dibatalkan; tidak bisa dibayar.").format(
            number=inv.number), field="invoice")
    if date < inv.date:
        raise UserError(_("Tanggal bayar {date} sebelum tanggal tagihan {invoice_date}. "
                          "Periksa tanggalnya.").format(date=format_date(date),
                                                       invoice_date=format_date(inv.date)),
                        field="date")
    ensure_money_date(date, future_ok=future_ok)
    ensure_open(s, date)
    paid = paid_by_instalment(s, [inv.id])
    open_insts = [OpenInstalment(i.id, i.seq, i.due_date, i.amount, paid.get(i.id, 0))
                  for i in inv.instalments]
    owed = sum(max(0, i.open) for i in open_insts)
    allocated = amount - advance
    if allocated > owed:
        if owed == 0:
            msg = _("Tagihan {number} sudah lunas. Bila uang ini memang dititipkan, catat "
                    "sebagai uang titipan.").format(number=inv.number)
        else:
            msg = _("Uang {amount} lebih besar dari sisa tagihan {owed}. Terima {owed} saja, "
                    "atau catat kelebihannya {excess} sebagai uang titipan.").format(
                amount=format_rupiah(amount), owed=format_rupiah(owed),
                excess=format_rupiah(allocated - owed))
        raise UserError(msg, field="amount")
    parts: list[tuple[int, int]] = []
    if allocated > 0:
        try:
            if allocations:
                parts = check_chosen_allocation(list(allocations), open_insts)
                if sum(p for _i, p in parts) != allocated:
                    raise UserError(_("Pembagian ke cicilan ({parts}) harus sama dengan uang yang "
                                      "diterima untuk tagihan ({allocated}).").format(
                        parts=format_rupiah(sum(p for _i, p in parts)),
                        allocated=format_rupiah(allocated)), field="allocations")
            else:
                parts = allocate_oldest_first(allocated, open_insts)
        except AllocationError as exc:
            raise _allocation_message(exc) from exc
    backdated = ensure_date_order(s, "receipt", date, backdate_note)
    note = noted(note, backdated)
    name = one_line(payer_name) or inv.payer_name
    pay = Payment(date=date, invoice_id=inv.id, customer_id=inv.customer_id, payer_name=name,
                  method=method, amount=amount, advance=advance, status=DocStatus.POSTED,
                  note=note, created_by=actor)
    pay.allocations = [PaymentAllocation(instalment_id=i, amount=p) for i, p in parts]
    s.add(pay)
    s.flush()
    receipt = Receipt(number=next_number(s, "receipt", date.year), date=date, payment_id=pay.id,
                      status=DocStatus.POSTED, print_count=1 if printed else 0,
                      last_printed_at=dt.datetime.now(dt.UTC) if printed else None)
    s.add(receipt)
    s.flush()
    party = {"party_kind": "customer", "party_id": inv.customer_id}
    memo = f"{receipt.number} {inv.number}"
    entry = post_entry(s, date=date, description=_("Terima pembayaran {invoice} dari {payer} ({receipt})")
                       .format(invoice=inv.number, payer=name, receipt=receipt.number),
                       postings=[debit(A.CASH if method == "cash" else A.BANK, amount, memo),
                                 credit(A.RECEIVABLES, allocated, memo, **party),
                                 credit(A.CUSTOMER_DEPOSITS, advance, memo, **party)],
                       source_type="payment", source_id=pay.id, actor=actor)
    pay.journal_entry_id = entry.id
    s.refresh(pay, ["receipt"])
    refresh_status(s, inv)
    audit.record(s, actor, "create", "payment", pay.id, receipt=receipt.number,
                 invoice=inv.number, amount=amount, advance=advance, **audit_detail(backdated))
    return _payment_info(s, pay)


def record_payment(book: Book, *, invoice_id: int, date: dt.date, amount: int, method: str = "cash",
                   payer_name: str = "", advance: int = 0,
                   allocations: Sequence[tuple[int, int]] | None = None,
                   note: str = "", printed: bool = False, backdate_note: str = "",
                   future_ok: bool = False) -> PaymentInfo:
    """Take a payment on an invoice and issue its kuitansi: one transaction, all or nothing.
    See :func:`record_payment_in` for the rules."""
    with book.transaction() as s:
        return record_payment_in(s, actor=book.actor, invoice_id=invoice_id, date=date, amount=amount,
                                 method=method, payer_name=payer_name, advance=advance,
                                 allocations=allocations, note=note, printed=printed,
                                 backdate_note=backdate_note, future_ok=future_ok)


# --- uang muka / titipan applied to a later invoice ------------------------------------------

def advance_left_in(s: Session, customer_id: int, *, until: dt.date | None = None) -> int:
    """Session-level: the payer's titipan not yet applied (the credit balance of Uang Muka
    Pelanggan for this customer), counting entries dated by `until`."""
    q = (select(func.coalesce(func.sum(JournalLine.amount), 0))
         .join(Account, Account.id == JournalLine.account_id)
         .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
         .where(Account.code == A.CUSTOMER_DEPOSITS, JournalLine.party_kind == "customer",
                JournalLine.party_id == customer_id))
    if until is not None:
        q = q.where(JournalEntry.date <= until)
    return -int(s.execute(q).scalar() or 0)


def advance_left(book: Book, customer_id: int) -> int:
    """The payer's titipan (uang muka) that can still be applied to an invoice."""
    with book.reading() as s:
        return advance_left_in(s, customer_id)


def apply_advance(book: Book, invoice_id: int, amount: int, *, date: dt.date | None = None,
                  future_ok: bool = False) -> PaymentInfo:
    """Pay (part of) an invoice from the payer's earlier titipan, in one transaction: never more
    than the titipan left by `date` (default today) nor more than the invoice still owes. The
    instalment due first is settled first. No kuitansi is issued."""
    problems: list[tuple[str | None, str]] = []
    check_rupiah(amount, "amount", problems, PAYMENT, _("Jumlah uang muka yang dipotong"))
    if date is not None and not isinstance(date, dt.date):
        problems.append(("date", _("Isi tanggal.")))
    collect(problems)
    with book.transaction() as s:
        inv = s.get(Invoice, invoice_id)
        if inv is None:
            raise UserError(_("Tagihan tidak ditemukan."), field="invoice")
        if inv.status == DocStatus.VOID:
            raise UserError(_("Tagihan {number} sudah dibatalkan.").format(number=inv.number),
                            field="invoice")
        day = date or max(dt.date.today(), inv.date)
        if day < inv.date:
            raise UserError(_("Tanggal {date} sebelum tanggal tagihan {invoice_date}.").format(
                date=format_date(day), invoice_date=format_date(inv.date)), field="date")
        ensure_money_date(day, future_ok=future_ok)
        ensure_open(s, day)
        left = advance_left_in(s, inv.customer_id, until=day)
        paid = paid_by_instalment(s, [inv.id])
        open_insts = [OpenInstalment(i.id, i.seq, i.due_date, i.amount, paid.get(i.id, 0))
                      for i in inv.instalments]
        owed = sum(max(0, i.open) for i in open_insts)
        if left <= 0:
            raise UserError(_("{payer} tidak punya uang muka (titipan) yang tersisa.").format(
                payer=inv.payer_name), field="amount")
        if owed <= 0:
            raise UserError(_("Tagihan {number} sudah lunas.").format(number=inv.number), field="amount")
        if amount > left:
            raise UserError(_("Uang muka {payer} yang tersisa hanya {left}.").format(
                payer=inv.payer_name, left=format_rupiah(left)), field="amount")
        if amount > owed:
            raise UserError(_("Sisa tagihan {number} hanya {owed}.").format(
                number=inv.number, owed=format_rupiah(owed)), field="amount")
        try:
            parts = allocate_oldest_first(amount, open_insts)
        except AllocationError as exc:
            raise _allocation_message(exc) from exc
        pay = Payment(date=day, invoice_id=inv.id, customer_id=inv.customer_id, payer_name=inv.payer_name,
                      method="advance", amount=amount, advance=0, status=DocStatus.POSTED, created_by=book.actor)
        pay.allocations = [PaymentAllocation(instalment_id=i, amount=p) for i, p in parts]
        s.add(pay)
        s.flush()
        party = {"party_kind": "customer", "party_id": inv.customer_id}
        entry = post_entry(s, date=day, description=_("Uang muka {payer} dipotong untuk tagihan {invoice}")
                           .format(payer=inv.payer_name, invoice=inv.number),
                           postings=[debit(A.CUSTOMER_DEPOSITS, amount, inv.number, **party),
                                     credit(A.RECEIVABLES, amount, inv.number, **party)],
                           source_type="payment", source_id=pay.id, actor=book.actor)
        pay.journal_entry_id = entry.id
        s.flush()
        refresh_status(s, inv)
        audit.record(s, book.actor, "apply_advance", "payment", pay.id, invoice=inv.number, amount=amount)
        return _payment_info(s, pay)


def void_payment(book: Book, payment_id: int, reason: str, *, date: dt.date | None = None) -> PaymentInfo:
    """Void a wrong payment: the journal is reversed (dated `date`, default today, or the payment
    date if that is later), the kuitansi keeps its number and prints BATAL. Twice is refused."""
    reason = void_reason(reason)
    with book.transaction() as s:
        pay = s.get(Payment, payment_id) if type(payment_id) is int else None  # no None id to the ORM
        if pay is None:
            raise UserError(_("Pembayaran tidak ditemukan."))
        number = pay.receipt.number if pay.receipt else ""
        if pay.status == DocStatus.VOID:
            raise UserError(_("Kuitansi {number} sudah dibatalkan sebelumnya.").format(number=number))
        if pay.advance and advance_left_in(s, pay.customer_id) < pay.advance:
            raise UserError(_("Uang titipan dari kuitansi {number} sudah dipotong untuk tagihan lain. "
                              "Batalkan dulu potongan uang muka itu, baru kuitansi ini.").format(number=number))
        reversal = void_in(s, pay, reason, actor=book.actor, entity="payment",
                           entry_id=pay.journal_entry_id, date=date, receipt=number)
        pay.void_entry_id = reversal.id
        if pay.receipt:
            pay.receipt.status = DocStatus.VOID
        s.flush()
        refresh_status(s, s.get(Invoice, pay.invoice_id))
        return _payment_info(s, pay)


def void_receipt(book: Book, receipt_number: str, reason: str, *, date: dt.date | None = None) -> PaymentInfo:
    """Void the payment behind a kuitansi number."""
    with book.reading() as s:
        pid = s.execute(select(Receipt.payment_id).where(
            Receipt.number == receipt_number.strip().upper())).scalar()
    if pid is None:
        raise UserError(_("Kuitansi {number} tidak ditemukan.").format(number=receipt_number))
    return void_payment(book, pid, reason, date=date)


def get_payment(book: Book, payment_id: int) -> PaymentInfo:
    with book.reading() as s:
        pay = s.get(Payment, payment_id)
        if pay is None:
            raise UserError(_("Pembayaran tidak ditemukan."))
        return _payment_info(s, pay)


def payments_for_invoice(book: Book, invoice_id: int) -> list[PaymentInfo]:
    with book.reading() as s:
        rows = s.execute(select(Payment).where(Payment.invoice_id == invoice_id)
                         .order_by(Payment.date, Payment.id)).scalars().all()
        return [_payment_info(s, p) for p in rows]


# --- kuitansi -------------------------------------------------------------------------------

def _seq_words(seqs: list[int], count: int, has_dp: bool) -> str:
    """"uang muka dan cicilan ke-1 dari 4", "cicilan ke-2 dan 3 dari 4", "pelunasan"."""
    from kws_desktop.core.allocation import instalment_position
    parts = []
    ks = []
    n = 0
    for seq in seqs:
        kind, k, n_ = instalment_position(seq, count, has_dp)
        if kind == "down_payment":
            parts.append(_("uang muka"))
        elif kind == "single":
            parts.append(_("pelunasan"))
        else:
            ks.append(k)
            n = n_
    if len(ks) == 1:
        parts.append(_("cicilan ke-{k} dari {n}").format(k=ks[0], n=n))
    elif ks:
        parts.append(_("cicilan ke-{list} dan {last} dari {n}").format(
            list=", ".join(str(k) for k in ks[:-1]), last=ks[-1], n=n))
    return _(" dan ").join(parts)


def kuitansi_data(session: Session, receipts: Sequence[Receipt], *, copy: bool | None = None):
    """Plain kuitansi values for receipts (session helper). `copy=None`: SALINAN when the
    receipt has been printed before."""
    from kws_desktop.documents.kuitansi import KuitansiData
    from kws_desktop.store.models.book import Profile
    from kws_desktop.store.models.jobs import Order
    profile = session.get(Profile, 1)
    treasurer = profile.treasurer_name if profile else ""
    pays = {p.id: p for p in session.execute(select(Payment).where(
        Payment.id.in_([r.payment_id for r in receipts]))).scalars()}
    inv_ids = {p.invoice_id for p in pays.values()}
    invoices = {i.id: i for i in session.execute(select(Invoice).where(Invoice.id.in_(inv_ids))).scalars()}
    # every posted allocation of these invoices, to know what remained after each payment
    alloc_rows = session.execute(
        select(Payment.invoice_id, Payment.date, Payment.id, PaymentAllocation.amount)
        .join(PaymentAllocation, PaymentAllocation.payment_id == Payment.id)
        .where(Payment.invoice_id.in_(inv_ids), Payment.status == DocStatus.POSTED)).all()
    order_ids = {l.order_id for i in invoices.values() for l in i.lines if l.order_id}
    order_rows = session.execute(select(Order.id, Order.number, Order.package, Order.description)
                                 .where(Order.id.in_(order_ids))).all() if order_ids else []
    order_numbers = {oid: number for oid, number, _p, _d in order_rows}
    works = {oid: order_work(package, description) for oid, _n, package, description in order_rows}
    void_days = _void_days(session, [p for p in pays.values() if p.status == DocStatus.VOID])
    allocs_by_invoice: dict[int, list] = {}
    for row in alloc_rows:
        allocs_by_invoice.setdefault(row[0], []).append(row)
    out = []
    for r in receipts:
        p = pays[r.payment_id]
        inv = invoices[p.invoice_id]
        paid_until = sum(a for _iid, d, pid, a in allocs_by_invoice.get(inv.id, ())
                         if (d, pid) <= (p.date, p.id) and pid != p.id
                         ) + (sum(a.amount for a in p.allocations) if p.status == DocStatus.POSTED else 0)
        insts = inv.instalments
        seq_by_id = {i.id: i.seq for i in insts}
        seqs = sorted(seq_by_id[a.instalment_id] for a in p.allocations)
        has_dp = any(i.is_down_payment for i in insts)
        orders = [order_numbers[l.order_id] for l in inv.lines if l.order_id in order_numbers]
        bits = []
        if len(orders) == 1:
            bits.append(_("pesanan {number}").format(number=orders[0]))
            what = works.get(inv.lines[0].order_id) if len(inv.lines) == 1 else ""
            if what:  # "pesanan PSN-2026-0001 - Tangki septik (fiberglass)": no doubled parentheses
                bits[-1] += f" - {what}"
        elif orders:
            shown = ", ".join(orders[:6]) + (", ..." if len(orders) > 6 else "")
            bits.append(_("{n} unit pesanan ({orders})").format(n=len(orders), orders=shown))
        bits.append(_("tagihan {number}").format(number=inv.number))
        if seqs:
            bits.append(_seq_words(seqs, len(insts), has_dp))
        if p.advance:
            bits.append(_("uang titipan {amount}").format(amount=format_rupiah(p.advance)))
        purpose = ", ".join(b for b in bits if b)
        purpose = purpose[:1].upper() + purpose[1:]
        void = p.status == DocStatus.VOID
        out.append(KuitansiData(
            number=r.number, date=r.date, payer_name=p.payer_name, amount=p.amount,
            purpose=purpose, remaining=None if void else inv.total - paid_until, method=p.method,
            advance=p.advance, receiver_name=treasurer, receiver_role=_("Bendahara"),
            copy=(r.print_count > 0) if copy is None else copy,
            void=void, void_reason=p.void_reason, void_date=void_days.get(p.id)))
    return out


def _void_days(session: Session, voided: Sequence[Payment]) -> dict[int, dt.date]:
    """Payment id -> the day it was voided: its reversal's date (else the local day of voiding)."""
    ids = [p.void_entry_id for p in voided if p.void_entry_id]
    days = dict(session.execute(select(JournalEntry.id, JournalEntry.date)
                                .where(JournalEntry.id.in_(ids))).all()) if ids else {}
    out = {}
    for p in voided:
        day = days.get(p.void_entry_id)
        if day is None and p.voided_at is not None:
            day = p.voided_at.astimezone().date()
        if day is not None:
            out[p.id] = day
    return out


def _profile(session: Session):
    from kws_desktop.services.book.books import _to_profile
    from kws_desktop.store.models.book import Profile
    return _to_profile(session.get(Profile, 1))


def _receipt_paper(session: Session) -> str:
    from kws_desktop.services.book.books import read_setting
    return read_setting(session, "receipt_paper")


def write_receipt(book: Book, number: str, path, *, mark_printed: bool = True,
                  paper: str | None = None):
    """Print one kuitansi to a PDF. A receipt printed before comes out as SALINAN; printing
    counts (when the book is open for writing and `mark_printed`). A book open only for reading
    cannot count, so it prints SALINAN always: an uncounted original would be a second original.
    Unknown numbers are refused."""
    from kws_desktop.documents.kuitansi import write_kuitansi
    key = number.strip().upper()
    with book.reading() as s:
        r = s.execute(select(Receipt).where(Receipt.number == key)).scalar()
        if r is None:
            raise UserError(_("Kuitansi {number} tidak ditemukan.").format(number=number))
        data = kuitansi_data(s, [r], copy=True if book.read_only else None)[0]
        profile = _profile(s)
        paper = paper or _receipt_paper(s)
    out = write_kuitansi(data, path, profile=profile, paper=paper)
    if mark_printed:
        mark_receipts_printed(book, [key])
    return out


def mark_receipts_printed(book: Book, numbers: Sequence[str]) -> None:
    """Count the kuitansi as printed (really printed or saved as PDF, not merely previewed):
    from now on they print as SALINAN. A book opened read-only counts nothing."""
    if book.read_only:
        return
    numbers = [n.strip().upper() for n in numbers]
    with book.transaction() as s:
        for r in s.execute(select(Receipt).where(Receipt.number.in_(list(numbers)))).scalars():
            r.print_count += 1
            r.last_printed_at = dt.datetime.now(dt.UTC)
            audit.record(s, book.actor, "print", "receipt", r.id, number=r.number, copy=r.print_count > 1)


def write_receipts(book: Book, numbers: Sequence[str], folder, *, mark_printed: bool = False,
                   paper: str | None = None) -> list:
    """Many kuitansi at once, one PDF each in `folder` (named after the number). The data is
    read in one query batch; unknown numbers are refused before anything is written."""
    from kws_desktop.documents.kuitansi import write_many
    keys = [n.strip().upper() for n in numbers]
    with book.reading() as s:
        found = {r.number: r for r in s.execute(select(Receipt).where(Receipt.number.in_(keys))).scalars()}
        missing = [k for k in keys if k not in found]
        if missing:
            raise UserError(_("Kuitansi {number} tidak ditemukan.").format(number=missing[0]))
        datas = kuitansi_data(s, [found[k] for k in keys])
        profile = _profile(s)
        paper = paper or _receipt_paper(s)
    paths = write_many(datas, folder, profile=profile, paper=paper)
    if mark_printed:
        mark_receipts_printed(book, keys)
    return paths


# --- sharing a kuitansi on WhatsApp ---------------------------------------------------------

def receipt_share(book: Book, number: str) -> ShareInfo:
    """The prefilled WhatsApp message for a kuitansi, to the payer's phone."""
    from urllib.parse import quote

    from kws_desktop.store.models.book import Profile
    from kws_desktop.store.models.sales import Customer
    key = number.strip().upper()
    with book.reading() as s:
        r = s.execute(select(Receipt).where(Receipt.number == key)).scalar()
        if r is None:
            raise UserError(_("Kuitansi {number} tidak ditemukan.").format(number=number))
        data = kuitansi_data(s, [r])[0]
        cust = s.get(Customer, r.payment.customer_id)
        phone = wa_number(cust.phone if cust else "")
        profile = s.get(Profile, 1)
        kws = profile.name if profile else ""
    if data.void:
        text = _("Kuitansi {number} sebesar {amount} sudah DIBATALKAN: {reason}.").format(
            number=data.number, amount=format_rupiah(data.amount), reason=data.void_reason)
    else:
        text = _("Terima kasih, pembayaran {amount} dari {payer} sudah kami terima ({date}). "
                 "Kuitansi {number} kami kirim sebagai lampiran.").format(
            amount=format_rupiah(data.amount), payer=data.payer_name, date=format_date(data.date),
            number=data.number)
        if data.remaining:
            text += " " + _("Sisa tagihan: {amount}.").format(amount=format_rupiah(data.remaining))
        else:
            text += " " + _("Tagihan sudah lunas.")
    if kws:
        text += f"\n- {kws}"
    url = f"https://wa.me/{phone}?text={quote(text)}" if phone else f"https://wa.me/?text={quote(text)}"
    return ShareInfo(data.number, phone, text, url)
