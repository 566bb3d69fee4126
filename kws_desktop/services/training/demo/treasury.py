"""Demo: the treasurer's cash box and bank account (Kas & Bank), day by day on the calendar.

- The group's own running costs (ATK, pulsa, rapat, transport to the dinas), a few a month in
  cash (`running_costs`, planned once for all months).
- Every evening the treasurer counts the cash box: below the floor she draws cash from the
  bank, above the cap (on a bank day) she takes the spare to the bank, and a bank gone short
  gets cash deposited at once. On the last day of a month the bank takes its fee and pays its
  interest.
- Before any payment she brings the money where it is paid from (`money_for`: cash drawn from
  the bank, or cash taken to the bank), so neither goes below zero, not even within a day, as far
  as the group has the money; the callers decide what waits when it has not (a shop is paid a
  week later, a slip is bought on credit, a kasbon is not given).

Everything is posted through services.cash; deterministic from ctx.rng.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.services.cash import entries
from kws_desktop.services.cash.entries import balance_of
from kws_desktop.services.training.demo.calendar import EVENING
from kws_desktop.services.training.demo.context import DemoContext

FLOOR = 750_000        # the least the cash box should hold at the end of a day
TARGET = 2_500_000     # what a withdrawal brings it up to, and a deposit leaves in it
CAP = 6_000_000        # above this the treasurer takes money to the bank
BANK_DAYS = (0, 3)     # Monday and Thursday: the treasurer goes to the bank
FEE = 10_000           # the bank's monthly fee
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


def plan(ctx: DemoContext) -> None:
    for op in running_costs(ctx):
        ctx.calendar.on(op.date, _running_cost, ctx, op)
    if ctx.start < ctx.today:
        ctx.calendar.on(ctx.start, _evening, ctx, when=EVENING)


def _running_cost(s, day: dt.date, ctx: DemoContext, op: Op) -> None:
    cash_for(ctx, s, day, op.amount)
    _post(ctx, s, op)


def money_for(ctx: DemoContext, s, day: dt.date, method: str, need: int) -> bool:
    """Before paying `need` from the cash box (method "cash") or the bank (otherwise): bring the
    money there first. False when the group has not got it."""
    if method == "cash":
        cash_for(ctx, s, day, need)
        return balance_of(s, A.CASH) >= need
    bank = balance_of(s, A.BANK)
    if bank < need:
        _deposit(ctx, s, day, -(-(need - bank) // STEP) * STEP)
    return balance_of(s, A.BANK) >= need


def cash_for(ctx: DemoContext, s, day: dt.date, need: int) -> None:
    """Draw cash from the bank so that paying `need` leaves the cash box at its target."""
    cash = balance_of(s, A.CASH)
    if cash - need >= FLOOR:
        return
    want = -(-(TARGET + need - cash) // STEP) * STEP
    amount = min(want, max(0, balance_of(s, A.BANK)) // STEP * STEP)
    if amount > 0:
        _post(ctx, s, Op(day, "transfer", "bank", None, amount, "Tarik tunai untuk upah dan belanja"))


def _evening(s, day: dt.date, ctx: DemoContext) -> None:
    """The day's cash count, and the bank's month end."""
    if day == _month_end(day):
        if balance_of(s, A.BANK) < FEE:
            _deposit(ctx, s, day, FEE + TARGET)
        _post(ctx, s, Op(day, "expense", "bank", A.OTHER_EXPENSE, FEE, "Biaya administrasi bank bulanan",
                         "Bank BJB"))
        interest = max(0, balance_of(s, A.BANK)) * 8 // 1000 // 12 // 100 * 100  # jasa giro 1 % a year less 20 % tax
        if interest:
            _post(ctx, s, Op(day, "income", "bank", A.REVENUE_OTHER, interest,
                             "Jasa giro (bunga bank) setelah pajak", "Bank BJB"))
    cash, bank = balance_of(s, A.CASH), balance_of(s, A.BANK)
    if bank < 0:
        _deposit(ctx, s, day, -bank + TARGET)
    elif cash < FLOOR:
        cash_for(ctx, s, day, 0)
    elif day.weekday() in BANK_DAYS and cash > CAP:
        _deposit(ctx, s, day, cash - TARGET)
    following = day + dt.timedelta(days=1)
    if following < ctx.today:
        ctx.calendar.on(following, _evening, ctx, when=EVENING)


def _deposit(ctx: DemoContext, s, day: dt.date, want: int) -> None:
    """Take up to `want` of the cash box to the bank, keeping the floor in it."""
    amount = min(want, balance_of(s, A.CASH) - FLOOR) // STEP * STEP
    if amount > 0:
        _post(ctx, s, Op(day, "transfer", "cash", None, amount, "Setor uang kas ke bank"))


COUNTS = {"expense": "pengeluaran kas lain", "income": "pemasukan lain", "transfer": "setor/tarik kas-bank"}


def _post(ctx: DemoContext, s, o: Op) -> None:
    """One cash entry; one the service refuses because the money is not there is left out
    (counted), as the treasurer would not write down money she does not have."""
    try:
        with s.begin_nested():
            entries.record_cash_entry_in(s, kind=o.kind, date=o.date, money_account=o.money,
                                         category=o.category, amount=o.amount, description=o.description,
                                         party=o.party, actor=ctx.book.actor)
    except UserError as exc:
        if exc.field != "amount":
            raise
        ctx.count("catatan kas dilewati")
        return
    ctx.count(COUNTS[o.kind])
