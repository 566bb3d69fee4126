"""Demo of the members area.

- `register` (right after the foundation): a group of twelve, women and men, with roles
  (a woman leads the group and keeps the money, masons mostly men, women in marketing), their
  simpanan; three join in the first months (on the calendar), one changes role and one leaves
  (his simpanan paid back a week later).
  ctx.ids["members"] (all so far) and ctx.ids["masons"] (tukang) for the orders' crews.
- `plan_payouts`: monthly kasbon and paydays (wages owed, kasbon deducted), and the profit
  sharing of last year (or, in a demo without a year ended or a year at a loss, the first
  profitable quarter of this year), which closes that period on its last day; the shares are
  paid out in cash twelve days later. The treasurer draws the cash for each payday
  (services/training/demo/treasury.py).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kws_desktop.errors import UserError
from kws_desktop.services.people import members
from kws_desktop.services.people import profit_sharing
from kws_desktop.services.people import wages
from kws_desktop.services.people.capital_return import return_capital
from kws_desktop.services.training.demo import treasury
from kws_desktop.services.training.demo.calendar import CLOSING, LATE
from kws_desktop.services.training.demo.context import DemoContext
from kws_desktop.store.models.people import Member

# name, gender, role, daily wage, simpanan, joined (months after the start)
GROUP = (
    ("Siti Aminah", "P", "ketua", 120_000, 500_000, 0),
    ("Dewi Lestari", "P", "bendahara", 120_000, 500_000, 0),
    ("Nurhayati", "P", "anggota", 110_000, 300_000, 0),      # becomes sekretaris
    ("Rina Marlina", "P", "pemasar", 110_000, 250_000, 0),
    ("Yuyun Wahyuni", "P", "pemasar", 110_000, 200_000, 2),
    ("Iis Suryani", "P", "tukang", 140_000, 200_000, 1),
    ("Ahmad Fauzi", "L", "tukang", 160_000, 400_000, 0),
    ("Dedi Supriyadi", "L", "tukang", 150_000, 300_000, 0),
    ("Jajang Nurjaman", "L", "tukang", 150_000, 300_000, 0),
    ("Asep Saepudin", "L", "tukang", 140_000, 200_000, 0),
    ("Ujang Suherman", "L", "tukang", 140_000, 200_000, 0),  # leaves
    ("Endang Kurnia", "L", "anggota", 120_000, 100_000, 3),
)
PHONES = ("0812", "0813", "0857", "0878", "0821")


def _months_after(day: dt.date, months: int) -> dt.date:
    m = day.month - 1 + months
    return dt.date(day.year + m // 12, m % 12 + 1, min(day.day, 28))


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def register(ctx: DemoContext) -> None:
    ctx.ids["members"], ctx.ids["masons"] = [], []
    for n, (name, gender, role, wage, capital, joined_after) in enumerate(GROUP):
        joined = _months_after(ctx.start, joined_after) if joined_after else ctx.start
        phone = f"{PHONES[n % len(PHONES)]}-{ctx.rng.randint(1000, 9999)}-{ctx.rng.randint(1000, 9999)}"
        data = members.MemberInput(
            name=name, gender=gender, role=role, phone=phone, address=f"Kp. Sentul RT 00{n % 5 + 1}/RW 002",
            joined_on=joined, disability=(name == "Endang Kurnia"), capital=capital, daily_wage=wage)
        if joined == ctx.start:
            _joined(ctx, members.register_member(ctx.book, data).id, role)
        elif joined < ctx.today:
            ctx.calendar.on(joined, _join, ctx, data)
    ctx.calendar.on(_months_after(ctx.start, 3), _new_role, ctx, "Nurhayati", "sekretaris", alone=True)
    # Ujang leaves when two thirds of the demo's time has passed (his history stays)
    span = (ctx.today - ctx.start).days
    ctx.calendar.on(ctx.start + dt.timedelta(days=span * 2 // 3), _leave, ctx, "Ujang Suherman",
                    "Pindah kerja ke pabrik di Cikupa", alone=True)


def _joined(ctx: DemoContext, member_id: int, role: str) -> None:
    ctx.ids["members"].append(member_id)
    if role == "tukang":
        ctx.ids["masons"].append(member_id)
    ctx.count("anggota")


def _join(s, day: dt.date, ctx: DemoContext, data: members.MemberInput) -> None:
    _joined(ctx, members.register_member_in(s, data, actor=ctx.book.actor).id, data.role)


def _member_id(ctx: DemoContext, name: str) -> int | None:
    with ctx.book.reading() as s:
        return s.execute(select(Member.id).where(Member.name == name)).scalar()


def _new_role(day: dt.date, ctx: DemoContext, name: str, role: str) -> None:
    member_id = _member_id(ctx, name)
    if member_id is not None:
        members.change_role(ctx.book, member_id, role, day)


def _leave(day: dt.date, ctx: DemoContext, name: str, reason: str) -> None:
    """The member leaves; a week later the treasurer pays the simpanan back in cash."""
    member_id = _member_id(ctx, name)
    if member_id is None:
        return
    members.member_leaves(ctx.book, member_id, day, reason)
    back = day + dt.timedelta(days=7)
    if back < ctx.today:
        ctx.calendar.on(back, _give_savings_back, ctx, member_id, alone=True)


def _give_savings_back(day: dt.date, ctx: DemoContext, member_id: int) -> None:
    with ctx.book.transaction() as s:
        savings = members.member_balances(s, [member_id]).get(member_id, members.Balances()).capital
        if savings <= 0 or not treasury.money_for(ctx, s, day, "cash", savings):
            return
    return_capital(ctx.book, member_id, savings, day, "cash", "Anggota keluar dari kelompok")
    ctx.count("simpanan dikembalikan")


def plan_payouts(ctx: DemoContext) -> None:
    """Each month's kasbon and payday, and the profit sharing, on the calendar."""
    year, month = ctx.start.year, ctx.start.month
    while (year, month) <= (ctx.today.year, ctx.today.month):
        kasbon = dt.date(year, month, ctx.rng.randint(8, 18))
        if kasbon <= ctx.today:
            ctx.calendar.on(kasbon, _advances, ctx, alone=True)
        payday = _month_end(year, month) - dt.timedelta(days=2)
        if payday < ctx.today:
            ctx.calendar.on(payday, _payday, ctx, False, when=LATE, alone=True)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for start, end in _sharing_periods(ctx):
        ctx.calendar.on(end, _close_and_share, ctx, start, when=CLOSING, alone=True)


def _payday(day: dt.date, ctx: DemoContext, pay_shares: bool) -> None:
    with ctx.book.reading() as s:
        owed = members.member_balances(s)
    lines = []
    for mid in ctx.ids.get("members", []):
        b = owed.get(mid, members.Balances())
        wages_due = 0 if pay_shares else max(0, b.wages_owed)
        share = max(0, b.profit_share_owed) if pay_shares else 0
        if not (wages_due or share):
            continue
        # kasbon comes back out of pay, at most half of it this month
        deduct = min(max(0, b.advances), (wages_due + share) // 2)
        lines.append(wages.PayLine(mid, wages=wages_due, profit_share=share, deduct_advance=deduct))
    if not lines:
        return
    # paid in cash at the group's office: the treasurer draws the money from the bank that day
    with ctx.book.transaction() as s:
        treasury.money_for(ctx, s, day, "cash", sum(ln.wages + ln.profit_share - ln.deduct_advance for ln in lines))
    wages.pay_members(ctx.book, date=day, lines=lines, method="cash",
                      note="Pembayaran bagi hasil" if pay_shares else "Gajian bulanan")
    ctx.count("pembayaran upah")


def _advances(day: dt.date, ctx: DemoContext) -> None:
    masons = ctx.ids.get("masons", [])
    for mid in ctx.rng.sample(masons, k=min(len(masons), ctx.rng.choice((0, 1, 1, 2)))):
        amount = ctx.rng.choice((100_000, 150_000, 200_000, 300_000))
        with ctx.book.transaction() as s:
            if not treasury.money_for(ctx, s, day, "cash", amount):
                continue  # the cash is not there this month
        try:
            wages.record_advance(ctx.book, mid, amount, day,
                                 note=ctx.rng.choice(("Biaya sekolah anak", "Berobat", "Kebutuhan dapur",
                                                      "Perbaikan rumah")))
            ctx.count("kasbon")
        except UserError:
            continue  # not a member on that day


def _sharing_periods(ctx: DemoContext) -> list[tuple[dt.date, dt.date]]:
    """Where the group may share its profit, in date order: last year, then this year's first
    three quarters (for a demo without last year, or a year at a loss), each ended at least a
    month before today so its payout is in the book."""
    year = ctx.today.year
    candidates = [(dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31))]
    candidates += [(dt.date(year, m, 1), _month_end(year, m + 2)) for m in (1, 4, 7)]
    return [(start, end) for start, end in candidates
            if start >= ctx.start and end < ctx.today - dt.timedelta(days=31)]


def _close_and_share(day: dt.date, ctx: DemoContext, start: dt.date) -> None:
    """After the period's last evening: the first profitable period is shared (which closes it),
    and the shares are paid twelve days later."""
    if ctx.extra.get("shared"):
        return
    with ctx.book.reading() as s:
        revenue, expenses = profit_sharing.period_result(s, start, day)
    if revenue - expenses <= 0 or not _share(ctx, start, day):
        return
    ctx.extra["shared"] = True
    payout = min(day + dt.timedelta(days=12), ctx.today - dt.timedelta(days=1))
    ctx.calendar.on(payout, _payday, ctx, True, when=LATE, alone=True)


def _share(ctx: DemoContext, start: dt.date, end: dt.date) -> bool:
    for rule in (None, {"group_fund_pct": 30, "basis": "equal"}):
        try:
            profit_sharing.post_profit_sharing(ctx.book, start, end, rule)
            ctx.count("bagi hasil")
            return True
        except UserError as exc:
            if exc.field != "basis":
                return False  # no profit to share
    return False
