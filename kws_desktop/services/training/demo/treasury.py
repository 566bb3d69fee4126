"""Demo helper: the treasurer's cash box and bank account (Kas & Bank).

Called by the members' payouts step once everything else of a stretch of time is in the book:
- the group's own running costs (ATK, pulsa, rapat, transport to the dinas), a few a month in
  cash, the bank's monthly fee and its interest (`running_costs`, planned once for all months);
- day by day, the treasurer deposits what the cash box does not need into the bank (twice a
  week) and withdraws cash a day or two before wages or cash purchases need it, so that the
  cash box and the bank never go below zero (`keep_money`).

Everything is posted through services.cash; deterministic from ctx.rng.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.services.cash import entries
from kws_desktop.services.training.demo.context import DemoContext
from kws_desktop.services.book.ledger import account_balances
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine

FLOOR = 750_000        # the least the cash box should hold at the end of a day
TARGET = 2_500_000     # what a withdrawal brings it up to, and a deposit leaves in it
CAP = 6_000_000        # above this the treasurer takes money to the bank
LOOKAHEAD = 6          # days the treasurer plans ahead
STEP = 100_000

RUNNING = (
    # category, description, party, amounts, times a month (probability of each)
    (A.OPERATING, "Pulsa dan paket data HP bendahara", "Konter Pulsa Berkah", (50_000, 75_000, 100_000), (1.0,)),
    (A.OPERATING, "ATK: buku kas, kuitansi, map dan pulpen", "Toko ATK Sinar", (35_000, 48_000, 62_500, 85_000), (0.7,)),
    (A.OPERATING, "Fotokopi dan cetak dokumen tagihan", "Fotokopi Mandiri", (15_000, 22_500, 40_000), (0.6, 0.3)),
    (A.OPERATING, "Konsumsi rapat anggota bulanan", "Warung Bu Imas", (150_000, 180_000, 225_000, 260_000), (1.0,)),
    (A.COST_TRANSPORT, "Bensin ke kantor dinas urus tagihan program", "", (30_000, 50_000, 75_000), (0.5,)),
)


@dataclass(frozen=True)
class Op:
    date: dt.date
    kind: str            # expense | income | transfer
    money: str           # cash | bank (for a transfer: where the money leaves)
    category: str | None
    amount: int
    description: str
    party: str = ""


def _month_starts(first: dt.date, last: dt.date):
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        yield dt.date(y, m, 1)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def _month_end(day: dt.date) -> dt.date:
    nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def running_costs(ctx: DemoContext) -> list[Op]:
    """The group's own small expenses for every month of the demo, paid from the cash box."""
    rng, ops = ctx.rng, []
    for first in _month_starts(ctx.start, ctx.today):
        last = min(_month_end(first), ctx.today - dt.timedelta(days=1))
        if last < first:
            continue
        for category, text, party, amounts, chances in RUNNING:
            for chance in chances:
                if rng.random() < chance:
                    ops.append(Op(ctx.day_between(first, last), "expense", "cash", category,
                                  rng.choice(amounts), text, party))
    return sorted(ops, key=lambda o: o.date)


def _daily_flows(session, first: dt.date, last: dt.date) -> dict[dt.date, list[int]]:
    q = (select(JournalEntry.date, Account.code, func.sum(JournalLine.amount))
         .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
         .join(Account, Account.id == JournalLine.account_id)
         .where(Account.code.in_((A.CASH, A.BANK)), JournalEntry.date >= first, JournalEntry.date <= last)
         .group_by(JournalEntry.date, Account.code))
    flows: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    for day, code, amount in session.execute(q):
        flows[day][0 if code == A.CASH else 1] += int(amount)
    return flows


def keep_money(ctx: DemoContext, first: dt.date, last: dt.date, costs: list[Op],
               coming: dict[dt.date, int] | None = None) -> None:
    """Post the running costs dated first..last and the deposits/withdrawals that keep the cash
    box and the bank above zero at the end of every day (as far as the group has the money).
    `coming`: cash that will be paid out later on those days (not in the book yet)."""
    if last < first:
        return
    book = ctx.book
    mine = [o for o in costs if first <= o.date <= last]
    with book.reading() as s:
        flows = _daily_flows(s, first, last)
        opening = {r.code: r.balance for r in account_balances(s, until=first - dt.timedelta(days=1))}
    for o in mine:
        flows[o.date][0 if o.money == "cash" else 1] -= o.amount
    for day, amount in (coming or {}).items():
        flows[day][0] -= amount
    fee = 10_000  # the bank's monthly fee, taken on the last day of the month
    for day in [_month_end(m) for m in _month_starts(first, last)]:
        if day <= last:
            flows[day][1] -= fee
    cash, bank = opening.get(A.CASH, 0), opening.get(A.BANK, 0)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    ops: list[Op] = list(mine)
    for i, day in enumerate(days):
        ahead = days[i:i + LOOKAHEAD + 1]
        c_low = b_low = None
        c, b = cash, bank
        for d in ahead:
            c += flows[d][0]
            b += flows[d][1]
            c_low = c if c_low is None else min(c_low, c)
            b_low = b if b_low is None else min(b_low, b)
        move = 0  # + deposit (cash -> bank), - withdrawal
        if c_low < FLOOR:
            want = -(-(TARGET - c_low) // STEP) * STEP
            room = max(0, b_low) // STEP * STEP
            move = -min(want, room) if room else 0
        elif day.weekday() in (0, 3) and (cash > CAP or b_low < 0):
            spare = (c_low - TARGET) // STEP * STEP
            if b_low < 0:
                spare = max(spare, min(c_low - FLOOR, -b_low + TARGET) // STEP * STEP)
            if spare >= 500_000:
                move = spare
        if move:
            ops.append(Op(day, "transfer", "cash" if move > 0 else "bank", None, abs(move),
                          "Setor uang kas ke bank" if move > 0 else "Tarik tunai untuk upah dan belanja"))
            flows[day][0] -= move
            flows[day][1] += move
        cash += flows[day][0]
        bank += flows[day][1]
        if day == _month_end(day):
            ops.append(Op(day, "expense", "bank", A.OTHER_EXPENSE, fee, "Biaya administrasi bank bulanan",
                          "Bank BJB"))
            interest = max(0, bank) * 8 // 1000 // 12 // 100 * 100  # jasa giro 1 % a year less 20 % tax
            if interest:
                ops.append(Op(day, "income", "bank", A.REVENUE_OTHER, interest,
                              "Jasa giro (bunga bank) setelah pajak", "Bank BJB"))
                bank += interest
    _post(ctx, sorted(ops, key=lambda o: (o.date, o.kind != "income", o.kind != "transfer")))


def _post(ctx: DemoContext, ops: list[Op]) -> None:
    """Post in date order; a cash entry the service refuses because the money is not in the book
    yet (it checks the whole book, not the day) waits, and goes in on the day of the next entry
    that does (the treasurer writes it down when the money is there), so the numbers of every
    kind follow their dates."""
    book = ctx.book
    counts = {"expense": "pengeluaran kas lain", "income": "pemasukan lain", "transfer": "setor/tarik kas-bank"}

    def post(s, o: Op) -> bool:
        try:
            with s.begin_nested():
                entries.record_cash_entry_in(s, kind=o.kind, date=o.date, money_account=o.money,
                                             category=o.category, amount=o.amount, description=o.description,
                                             party=o.party, actor=book.actor)
        except UserError as exc:
            if exc.field != "amount":
                raise
            return False
        ctx.count(counts[o.kind])
        return True

    waiting: list[Op] = []
    with book.transaction() as s:
        for o in ops:
            if not post(s, o):
                waiting.append(o)
                continue
            waiting = [w for w in waiting if not post(s, replace(w, date=max(w.date, o.date)))]
    if waiting:
        ctx.count("catatan kas dilewati", len(waiting))
