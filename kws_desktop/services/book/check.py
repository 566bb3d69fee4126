"""`check`: is the book whole? SQLite integrity, balanced entries, numbering, links."""
from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import column, func, select, table, text
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.accounts import A
from kws_desktop.core.numbering import parse_doc_number
from kws_desktop.i18n import _, format_rupiah
from kws_desktop.services.book.totals import totals_problems
from kws_desktop.store.book import Book
from kws_desktop.store.models.billing import Instalment, Invoice, Payment, PaymentAllocation, Receipt
from kws_desktop.store.models.book import Account, AuditEvent, JournalEntry, JournalLine, NumberSequence
from kws_desktop.store.models.sales import Customer

# Numbered documents: document kind (core/numbering.py) -> the table whose `number` column
# holds its numbers. One list for the whole book: a kind missing here is a test failure.
NUMBERED_TABLES: dict[str, str] = {
    "journal": "journal_entries",
    "quote": "quotes",
    "order": "orders", "handover": "order_handovers",
    "invoice": "invoices", "receipt": "receipts",
    "purchase": "purchases", "supplier_payment": "supplier_payments", "stock_count": "stock_counts",
    "wage_payout": "wage_payouts", "profit_share_payout": "wage_payouts", "advance": "advances", "profit_sharing": "profit_sharings",
    "expense": "cash_entries", "income": "cash_entries", "transfer": "cash_entries",
}
# Numbered letters kept only in the audit log (no table of their own): document kind -> the
# audit entity whose "issue" events carry the number in their detail. With NUMBERED_TABLES
# this names every kind of core/numbering.py once.
NUMBERED_IN_AUDIT: dict[str, str] = {"reminder": "reminder_letter"}
# Journal source types -> the table their source_id points into.
SOURCE_TABLES: dict[str, str] = {
    "order_crew": "order_crew", "order_cost": "order_costs",
    "invoice": "invoices", "payment": "payments",
    "purchase": "purchases", "supplier_payment": "supplier_payments",
    "stock_issue": "stock_moves", "stock_return": "stock_moves", "stock_count": "stock_counts",
    "member_capital": "members", "member_capital_return": "members",
    "wage_payout": "wage_payouts", "advance": "advances",
    "profit_sharing": "profit_sharings",
    "cash_entry": "cash_entries",
    "service_visit": "service_visits",
}


def check_book(book: Book) -> list[str]:
    """Every problem found, as readable sentences; an empty list means the book is whole."""
    problems: list[str] = []
    if book.is_sqlite:
        with book.engine.connect() as conn:
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            if result != ["ok"]:
                problems.append(_("Berkas database rusak: {detail}").format(detail="; ".join(result[:5])))
                return problems
            fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if fk:
                problems.append(_("{n} baris menunjuk ke data yang tidak ada (tabel {table}).")
                                .format(n=len(fk), table=fk[0][0]))
    structure, readable = _structure(book)
    problems += structure
    if not readable:
        return problems  # the records cannot be read as this version knows them
    with book.reading() as s:
        problems += _unbalanced(s)
        problems += _numbering(s)
        problems += _links(s)
        problems += _overpaid(s)
        problems += _audit_trail(s)
        problems += totals_problems(s)
    return problems


def _audit_trail(s: Session) -> list[str]:
    """The audit log runs from its first event without a gap (rows cannot be deleted by the app;
    a gap or an empty log beside posted entries means someone went past the guards)."""
    count, first, last = s.execute(text("SELECT count(*), min(id), max(id) FROM audit_log")).one()
    entries = s.execute(select(func.count(JournalEntry.id))).scalar()
    if count == 0:
        return [_("Catatan kegiatan (audit) kosong padahal buku berisi {n} jurnal.").format(n=entries)] \
            if entries else []
    if first != 1 or last - first + 1 != count:
        return [_("Catatan kegiatan (audit) tidak utuh: {n} catatan hilang.").format(n=last - count)]
    return []


def _structure(book: Book) -> tuple[list[str], bool]:
    """The guards in force and the schema of the book's revision: a dropped or changed trigger,
    a missing table or column is named (store/guards.py, store/schema_shape.py). The flag says
    whether the records can be read further."""
    from kws_desktop.store import guards, migrate, schema_shape
    with book.engine.connect() as conn:
        missing = guards.differences(conn)
        shape = schema_shape.differences(schema_shape.describe(conn),
                                         schema_shape.reference(migrate.head_revision())) \
            if book.is_sqlite else []
    problems = []
    if missing:
        problems.append(_("{n} pengaman buku hilang atau diubah ({names}): catatan lama bisa diubah "
                          "tanpa jejak. Pulihkan dari cadangan.").format(
            n=len(missing), names=", ".join(missing[:4]) + (" …" if len(missing) > 4 else "")))
    if shape:
        problems.append(_("Susunan buku tidak sesuai versi ini: {detail}.").format(
            detail="; ".join(shape[:4]) + (" …" if len(shape) > 4 else "")))
    return problems, not shape


def _unbalanced(s: Session) -> list[str]:
    out = []
    rows = s.execute(
        select(JournalEntry.number, func.sum(JournalLine.amount), func.count(JournalLine.id))
        .join(JournalLine, JournalLine.entry_id == JournalEntry.id, isouter=True)
        .group_by(JournalEntry.id, JournalEntry.number)
        .having((func.coalesce(func.sum(JournalLine.amount), 0) != 0) | (func.count(JournalLine.id) < 2))
    ).all()
    for number, total, count in rows:
        if count < 2:
            out.append(_("Jurnal {number} tidak punya cukup baris.").format(number=number))
        else:
            out.append(_("Jurnal {number} tidak seimbang (selisih {diff}).").format(number=number, diff=total))
    total = s.execute(select(func.coalesce(func.sum(JournalLine.amount), 0))).scalar()
    if total:
        out.append(_("Jumlah seluruh jurnal tidak nol (selisih {diff}).").format(diff=total))
    return out


def _numbering(s: Session) -> list[str]:
    out = []
    issued = {(r.kind, r.year): r.last for r in s.execute(select(NumberSequence)).scalars()}
    seen: dict[tuple[str, int], list[int]] = defaultdict(list)
    kinds_by_table: dict[str, set[str]] = defaultdict(set)
    for kind, table_name in NUMBERED_TABLES.items():
        kinds_by_table[table_name].add(kind)
    for table_name, kinds in kinds_by_table.items():
        numbers = s.execute(select(column("number")).select_from(table(table_name))).scalars()
        for number in numbers:
            parsed = parse_doc_number(number or "")
            if parsed is None or parsed[0] not in kinds:
                out.append(_("Nomor {number} di {table} tidak sesuai format.").format(number=number, table=table_name))
                continue
            seen[(parsed[0], parsed[1])].append(parsed[2])
    for kind, entity in NUMBERED_IN_AUDIT.items():
        for detail in s.execute(select(AuditEvent.detail).where(
                AuditEvent.entity == entity, AuditEvent.action == "issue")).scalars():
            number = _detail_number(detail)
            parsed = parse_doc_number(number)
            if parsed is None or parsed[0] != kind:
                out.append(_("Nomor {number} di {table} tidak sesuai format.").format(
                    number=number or "?", table="audit_log"))
                continue
            seen[(kind, parsed[1])].append(parsed[2])
    for key in sorted(set(seen) | set(issued)):
        kind, year = key
        used = seen.get(key, [])
        dupes = sorted({n for n in used if used.count(n) > 1}) if len(used) != len(set(used)) else []
        if dupes:
            out.append(_("Nomor ganda untuk {kind} {year}: {numbers}.").format(
                kind=kind, year=year, numbers=", ".join(map(str, dupes[:10]))))
        last = issued.get(key, 0)
        missing = sorted(set(range(1, last + 1)) - set(used))
        if missing:
            out.append(_("Nomor {kind} {year} yang hilang: {numbers}.").format(
                kind=kind, year=year, numbers=", ".join(map(str, missing[:10]))))
        if used and max(used) > last:
            out.append(_("Nomor {kind} {year} melewati urutan yang tercatat.").format(kind=kind, year=year))
    return out


def _detail_number(detail: str) -> str:
    """The "number" an audit event's detail (JSON) records, "" when it has none."""
    try:
        value = json.loads(detail or "{}").get("number", "")
    except (ValueError, AttributeError):
        return ""
    return value if isinstance(value, str) else ""


def _links(s: Session) -> list[str]:
    out = []
    for source_type, table_name in SOURCE_TABLES.items():
        orphans = s.execute(text(
            f"SELECT e.number FROM journal_entries e WHERE e.source_type = :st AND e.source_id IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {table_name} t WHERE t.id = e.source_id) LIMIT 10"),
            {"st": source_type}).scalars().all()
        for number in orphans:
            out.append(_("Jurnal {number} menunjuk ke dokumen yang tidak ada.").format(number=number))
    return out


def _overpaid(s: Session) -> list[str]:
    """Money counted twice: an invoice or instalment paid beyond its amount, a payment spread
    over more than it brought, a customer's piutang or titipan below zero."""
    out = []
    paid = (select(PaymentAllocation.instalment_id, func.sum(PaymentAllocation.amount).label("paid"))
            .join(Payment, Payment.id == PaymentAllocation.payment_id)
            .where(Payment.status == DocStatus.POSTED).group_by(PaymentAllocation.instalment_id).subquery())
    per_invoice = s.execute(
        select(Invoice.number, Invoice.total, func.sum(paid.c.paid))
        .join(Instalment, Instalment.invoice_id == Invoice.id)
        .join(paid, paid.c.instalment_id == Instalment.id)
        .group_by(Invoice.id, Invoice.number, Invoice.total)
        .having(func.sum(paid.c.paid) > Invoice.total).order_by(Invoice.number)).all()
    for number, total, amount in per_invoice:
        out.append(_("Tagihan {number} dibayar {paid}, lebih dari jumlah tagihannya {total}.").format(
            number=number, paid=format_rupiah(int(amount)), total=format_rupiah(total)))
    per_instalment = s.execute(
        select(Invoice.number, Instalment.seq, Instalment.amount, paid.c.paid)
        .join(Instalment, Instalment.invoice_id == Invoice.id)
        .join(paid, paid.c.instalment_id == Instalment.id)
        .where(paid.c.paid > Instalment.amount).order_by(Invoice.number, Instalment.seq)).all()
    for number, seq, amount, got in per_instalment:
        out.append(_("Cicilan ke-{seq} tagihan {number} dibayar {paid}, lebih dari nilai cicilannya "
                     "{amount}.").format(seq=seq, number=number, paid=format_rupiah(int(got)),
                                         amount=format_rupiah(amount)))
    spread = s.execute(
        select(Receipt.number, Invoice.number, Payment.amount - Payment.advance,
               func.sum(PaymentAllocation.amount))
        .join(PaymentAllocation, PaymentAllocation.payment_id == Payment.id)
        .join(Invoice, Invoice.id == Payment.invoice_id)
        .outerjoin(Receipt, Receipt.payment_id == Payment.id)
        .where(Payment.status == DocStatus.POSTED)
        .group_by(Payment.id, Receipt.number, Invoice.number, Payment.amount, Payment.advance)
        .having(func.sum(PaymentAllocation.amount) > Payment.amount - Payment.advance)
        .order_by(Payment.id)).all()
    for receipt, invoice, received, allocated in spread:
        what = (_("Kuitansi {number}").format(number=receipt) if receipt
                else _("Potongan uang muka untuk tagihan {number}").format(number=invoice))
        out.append(_("{what}: dibagikan ke cicilan {allocated}, lebih dari uang yang diterima untuk "
                     "tagihan {invoice} ({received}).").format(
            what=what, allocated=format_rupiah(int(allocated)), invoice=invoice,
            received=format_rupiah(int(received))))
    out += _negative_customer_balances(s)
    return out


def _negative_customer_balances(s: Session) -> list[str]:
    """Piutang (debit balance) or titipan (credit balance) of a customer below zero."""
    out = []
    rows = s.execute(
        select(Account.code, JournalLine.party_id, func.coalesce(Customer.name, ""),
               func.sum(JournalLine.amount))
        .join(Account, Account.id == JournalLine.account_id)
        .outerjoin(Customer, Customer.id == JournalLine.party_id)
        .where(Account.code.in_([A.RECEIVABLES, A.CUSTOMER_DEPOSITS]),
               JournalLine.party_kind == "customer", JournalLine.party_id.is_not(None))
        .group_by(Account.code, JournalLine.party_id, Customer.name)
        .order_by(Account.code, JournalLine.party_id)).all()
    for code, party_id, name, balance in rows:
        name = name or f"#{party_id}"
        if code == A.RECEIVABLES and balance < 0:
            out.append(_("Piutang {customer} minus {amount}: yang dibayar lebih banyak daripada yang "
                         "ditagih.").format(customer=name, amount=format_rupiah(-int(balance))))
        elif code == A.CUSTOMER_DEPOSITS and balance > 0:
            out.append(_("Uang titipan {customer} minus {amount}: yang dipotong lebih banyak daripada "
                         "yang dititipkan.").format(customer=name, amount=format_rupiah(int(balance))))
    return out
