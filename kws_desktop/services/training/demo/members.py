"""Demo steps of the members area.

- `register` (right after the foundation): a group of twelve, women and men, with roles
  (a woman leads the group and keeps the money, masons mostly men, women in marketing), their
  simpanan, one role change and one member who left. ctx.ids["members"] (all) and
  ctx.ids["masons"] (tukang) for the orders step.
- `payouts_and_sharing` (last): monthly wage payouts with kasbon given and deducted later, and
  the profit sharing of last year (or, if it made a loss, the latest profitable half-year or
  quarter), which closes that period; the shares are paid out in cash twelve days later. The
  treasurer's cash box and bank are kept in between (services/training/demo/treasury.py).
"""
from __future__ import annotations

import datetime as dt

from kws_desktop.errors import UserError
from kws_desktop.services.people import members
from kws_desktop.services.people import profit_sharing
from kws_desktop.services.people import wages
from kws_desktop.services.training.demo.context import DemoContext

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
    ids, masons = [], []
    for n, (name, gender, role, wage, capital, joined_after) in enumerate(GROUP):
        joined = _months_after(ctx.start, joined_after) if joined_after else ctx.start
        phone = f"{PHONES[n % len(PHONES)]}-{ctx.rng.randint(1000, 9999)}-{ctx.rng.randint(1000, 9999)}"
        row = members.register_member(ctx.book, members.MemberInput(
            name=name, gender=gender, role=role, phone=phone, address=f"Kp. Sentul RT 00{n % 5 + 1}/RW 002",
            joined_on=joined, disability=(name == "Endang Kurnia"), capital=capital, daily_wage=wage))
        ids.append(row.id)
        if role == "tukang":
            masons.append(row.id)
        ctx.count("anggota")
    by_name = dict(zip((g[0] for g in GROUP), ids))
    members.change_role(ctx.book, by_name["Nurhayati"], "sekretaris", _months_after(ctx.start, 3))
    # Ujang leaves when two thirds of the demo's time has passed (his history stays)
    span = (ctx.today - ctx.start).days
    left = ctx.start + dt.timedelta(days=span * 2 // 3)
    members.member_leaves(ctx.book, by_name["Ujang Suherman"], left, "Pindah kerja ke pabrik di Cikupa")
    ctx.ids["members"] = ids
    ctx.ids["masons"] = masons


def _pay_month(ctx: DemoContext, payday: dt.date, pay_shares: bool = False) -> None:
    with ctx.book.reading() as s:
        then = members.member_balances(s, until=payday)
        now = members.member_balances(s)
    lines = []
    for mid in ctx.ids.get("members", []):
        b_then, b_now = then.get(mid, members.Balances()), now.get(mid, members.Balances())
        wages_due = 0 if pay_shares else max(0, min(b_then.wages_owed, b_now.wages_owed))
        share = max(0, min(b_then.profit_share_owed, b_now.profit_share_owed)) if pay_shares else 0
        kasbon = max(0, min(b_then.advances, b_now.advances))
        if not (wages_due or share):
            continue
        # kasbon comes back out of pay, at most half of it this month
        deduct = min(kasbon, (wages_due + share) // 2)
        lines.append(wages.PayLine(mid, wages=wages_due, profit_share=share, deduct_advance=deduct))
    if not lines:
        return
    # paid in cash at the group's office (the treasurer draws the money from the bank beforehand)
    wages.pay_members(ctx.book, date=payday, lines=lines, method="cash",
                  note="Pembayaran bagi hasil" if pay_shares else "Gajian bulanan")
    ctx.count("pembayaran upah")


def _advances(ctx: DemoContext, year: int, month: int) -> None:
    day = dt.date(year, month, ctx.rng.randint(8, 18))
    if day > ctx.today:
        return
    masons = ctx.ids.get("masons", [])
    for mid in ctx.rng.sample(masons, k=min(len(masons), ctx.rng.choice((0, 1, 1, 2)))):
        try:
            wages.record_advance(ctx.book, mid, ctx.rng.choice((100_000, 150_000, 200_000, 300_000)), day,
                             note=ctx.rng.choice(("Biaya sekolah anak", "Berobat", "Kebutuhan dapur",
                                                  "Perbaikan rumah")))
            ctx.count("kasbon")
        except UserError:
            continue  # not a member on that day


def _share_year(ctx: DemoContext, start: dt.date, end: dt.date) -> bool:
    for rule in (None, {"group_fund_pct": 30, "basis": "equal"}):
        try:
            profit_sharing.post_profit_sharing(ctx.book, start, end, rule)
            ctx.count("bagi hasil")
            return True
        except UserError as exc:
            if exc.field != "basis":
                return False  # no profit (a demo without orders): nothing to share
    return False


def _sharing_period(ctx: DemoContext) -> tuple[dt.date, dt.date] | None:
    """Last year if it made a profit, else the latest profitable half-year or quarter that has
    ended (the payouts here do not change the profit: wages are costed by the orders)."""
    candidates = []
    if ctx.years >= 2:
        candidates.append((dt.date(ctx.today.year - 1, 1, 1), dt.date(ctx.today.year - 1, 12, 31)))
    for year in (ctx.today.year, ctx.today.year - 1):
        candidates += [(dt.date(year, 1, 1), dt.date(year, 6, 30)), (dt.date(year, 7, 1), dt.date(year, 12, 31))]
        candidates += [(dt.date(year, m, 1), _month_end(year, m + 2)) for m in (10, 7, 4, 1)]
    with ctx.book.reading() as s:
        for start, end in candidates:
            if start >= ctx.start and end < ctx.today - dt.timedelta(days=31):
                revenue, expenses = profit_sharing.period_result(s, start, end)
                if revenue - expenses > 0:
                    return start, end
    return None


def payouts_and_sharing(ctx: DemoContext) -> None:
    """Monthly wages and kasbon, the treasurer's cash box and bank (services/training/demo/treasury.py)
    up to the end of the shared period, the profit sharing (which closes that period), its
    payout the month after, then the cash box and bank for the rest."""
    from kws_desktop.services.training.demo import treasury
    if not ctx.ids.get("members"):
        return
    period = _sharing_period(ctx)
    costs = treasury.running_costs(ctx)
    year, month = ctx.start.year, ctx.start.month
    while (year, month) <= (ctx.today.year, ctx.today.month):
        _advances(ctx, year, month)
        payday = _month_end(year, month) - dt.timedelta(days=2)
        if payday < ctx.today:
            _pay_month(ctx, payday)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    # the shares are paid in cash twelve days after the period: the treasurer plans for them
    # (the cash entries go in before the sharing closes the period)
    coming, share_day = {}, None
    if period is not None:
        share_day = min(period[1] + dt.timedelta(days=12), ctx.today - dt.timedelta(days=1))
        preview = _preview_sharing(ctx, *period)
        if preview is not None:
            coming[share_day] = preview.members_amount
    treasury.keep_money(ctx, ctx.start, ctx.today, costs, coming)
    if period is not None and _share_year(ctx, *period):
        _pay_month(ctx, share_day, pay_shares=True)


def _preview_sharing(ctx: DemoContext, start: dt.date, end: dt.date):
    for rule in (None, {"group_fund_pct": 30, "basis": "equal"}):
        try:
            return profit_sharing.preview_profit_sharing(ctx.book, start, end, rule)
        except UserError as exc:
            if exc.field != "basis":
                return None
    return None
