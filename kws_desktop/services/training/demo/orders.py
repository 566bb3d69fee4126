"""Demo orders, from the accepted quotes (and a few entered directly) to handover, each step
on its day of the calendar.

Accepts every quote in ctx.ids["quotes_to_accept"] plus a few direct orders; each order is
billed to its household the day it is agreed (demo/billing.py) and moves along the stages by
its age: most are handed over, the recent ones scheduled, in progress or finished; a few are
cancelled and one is sent back a stage. Crews are the masons in the group on the work day
(wages owed to them), the main materials of each job are bought where short a few days before
and issued from stock on the work day (a few bought directly for the job), transport,
equipment hire and permits are paid; a handover bills the programs (demo/billing.py) and may
bring a complaint later (demo/evaluation.py). `afterwards`: a handful of orders get progress
photos. Leaves ctx.ids["orders"] (all) and ctx.ids["orders_handed_over"].
"""
from __future__ import annotations

import datetime as dt
import io
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from sqlalchemy import select

from kws_desktop.core.payers import PayerType
from kws_desktop.errors import UserError
from kws_desktop.services.jobs import orders
from kws_desktop.services.jobs import photos
from kws_desktop.services.purchasing import stock
from kws_desktop.services.training.demo import billing, evaluation, treasury
from kws_desktop.services.training.demo.context import DemoContext
from kws_desktop.services.training.demo.supply import Supply
from kws_desktop.store.models.people import Member
from kws_desktop.store.models.purchasing import Material
from kws_desktop.store.models.jobs import Order, OrderItem

MAX_ISSUES_PER_JOB = 7          # the main materials of a job, to keep the journal lean
WHOLE_UNITS = ("sak", "buah", "batang", "unit", "kaleng", "dus", "lembar", "set", "roll", "ikat")
CANCEL_REASONS = ("Rumah tangga membatalkan, dana belum cukup", "Lahan tidak memenuhi syarat (terlalu dekat sumur)",
                  "Pindah rumah sebelum pekerjaan dimulai", "Sudah dibangun oleh pihak lain")
FACILITATORS = {PayerType.APBD: ("Rudi Hartono", "Lina Marlina"), PayerType.DAK: ("Fajar Nugraha",),
                PayerType.BAZNAS: ("Ust. Hasan Basri",), PayerType.CSR: ("Maya Puspita",),
                PayerType.KREDIT: ("",)}
COST_TEXT = {"transport": ("Sewa pikap angkut bahan", "Ongkos angkut pasir dan bata", "Bensin motor tukang"),
             "equipment": ("Sewa molen 2 hari", "Sewa pompa air", "Sewa cetakan cincin"),
             "permits": ("Surat izin RT/RW", "Retribusi desa"),
             "other": ("Konsumsi gotong royong", "Tali, terpal dan plastik cor")}


def _round_qty(qty: Decimal, unit: str) -> Decimal:
    if unit in WHOLE_UNITS:
        return Decimal(max(1, int(qty.to_integral_value(rounding=ROUND_HALF_UP))))
    return max(Decimal("0.1"), qty.quantize(Decimal("0.1"), rounding=ROUND_CEILING))


def progress_photo(stage_pct: int, label: str, seed: int) -> bytes:
    """A simple drawn picture of septic tank work at 0, 50 or 100 %, with the stage written on it."""
    from PIL import Image, ImageDraw
    w, h = 800, 600
    img = Image.new("RGB", (w, h), (176, 214, 240))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 330, w, h), fill=(122, 96, 64))                    # ground
    d.rectangle((560, 150, 760, 330), fill=(230, 220, 200), outline=(90, 80, 70), width=3)  # house
    d.polygon([(540, 150), (660, 70), (780, 150)], fill=(170, 60, 45))
    d.rectangle((630, 240, 680, 330), fill=(110, 70, 40))
    shade = 20 * (seed % 3)
    if stage_pct == 0:
        d.rectangle((120, 300, 420, 340), fill=(150, 120, 85))          # marked plot, tools
        d.line((120, 300, 420, 300), fill=(240, 240, 240), width=4)
        d.line((450, 330, 500, 250), fill=(90, 60, 30), width=8)
    elif stage_pct == 50:
        d.rectangle((120, 340, 420, 540), fill=(70, 55, 40))            # the pit with the tank going in
        d.rectangle((160, 380, 380, 540), fill=(60 + shade, 140, 90), outline=(30, 60, 40), width=4)
        d.ellipse((200, 360, 340, 400), fill=(80 + shade, 160, 110))
        d.line((380, 420, 560, 420), fill=(240, 240, 240), width=10)
    else:
        d.rectangle((120, 330, 420, 350), fill=(160, 160, 160))         # closed tank, manholes, pipe
        d.ellipse((170, 325, 230, 345), fill=(90, 90, 90))
        d.ellipse((310, 325, 370, 345), fill=(90, 90, 90))
        d.line((420, 340, 560, 300), fill=(240, 240, 240), width=10)
        d.rectangle((480, 430, 780, 560), fill=(120, 170, 90))
    d.rectangle((20, 20, 330, 110), fill=(255, 255, 255))
    d.text((36, 32), f"{stage_pct}%", fill=(200, 30, 30), font_size=48)
    d.text((36, 86), label, fill=(40, 40, 40), font_size=16)
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=70)
    return out.getvalue()


def _masons(s, day: dt.date) -> list[tuple[int, int]]:
    """(member id, daily wage) of the masons in the group on `day`."""
    rows = s.execute(select(Member.id, Member.daily_wage)
                     .where(Member.role == "tukang", Member.joined_on <= day,
                            (Member.left_on.is_(None)) | (Member.left_on >= day))
                     .order_by(Member.id)).all()
    return [(r[0], int(r[1] or 0) or 120_000) for r in rows]


def _plan_dates(ctx: DemoContext, day: dt.date) -> dict:
    """When each stage would be reached (None: not yet by today)."""
    rng, last = ctx.rng, ctx.today - dt.timedelta(days=1)
    start = day + dt.timedelta(days=rng.randint(2, 14))
    finish = start + dt.timedelta(days=rng.randint(3, 9))
    handover = finish + dt.timedelta(days=rng.randint(0, 6))
    return {"start": start if start <= last else None, "finish": finish if finish <= last else None,
            "handover": handover if handover <= last else None, "planned": start}


def _issue_plan(session, order_id: int, rng) -> tuple[list[tuple[int, Decimal]], dict[str, int]]:
    """The main materials of the job (largest expected cost first): the dear whole pieces (tank,
    rings, toilet) as the RAB says, the rest a little more or less. Also what the RAB expected
    for labour, transport and equipment."""
    rows = session.execute(
        select(OrderItem.material_id, OrderItem.qty, OrderItem.cost, Material.unit, OrderItem.parent_id)
        .join(Material, Material.id == OrderItem.material_id)
        .where(OrderItem.order_id == order_id, OrderItem.kind == "component")
        .order_by(OrderItem.cost.desc(), OrderItem.id)).all()  # ties in one order on every database
    parents = dict(session.execute(select(OrderItem.id, OrderItem.qty)
                                   .where(OrderItem.order_id == order_id, OrderItem.parent_id.is_(None))).all())
    plan: dict[int, Decimal] = {}
    for material_id, qty, cost, unit, parent in rows:
        if len(plan) >= MAX_ISSUES_PER_JOB and material_id not in plan:
            break
        need = qty * parents.get(parent, 1)
        dear = unit in WHOLE_UNITS and qty and cost / qty >= 400_000
        factor = Decimal(1) if dear else Decimal(str(round(rng.uniform(0.95, 1.15), 2)))
        plan[material_id] = plan.get(material_id, Decimal(0)) + _round_qty(need * factor, unit)
    rab = {"labour": 0, "transport": 0, "equipment": 0}
    for unit, description, cost, parent in session.execute(
            select(OrderItem.unit, OrderItem.description, OrderItem.cost, OrderItem.parent_id)
            .where(OrderItem.order_id == order_id, OrderItem.kind == "component",
                   OrderItem.material_id.is_(None))).all():
        kind = ("labour" if unit == "HOK" else "transport" if description.lower().startswith("transport")
                else "equipment" if description.lower().startswith("sewa") else None)
        if kind:
            rab[kind] += int(cost * parents.get(parent, 1))
    return list(plan.items()), rab


def plan(ctx: DemoContext) -> None:
    """Each accepted quote's (and each direct order's) day on the calendar; each order then puts
    its own next step on it: preparing the work (buying what runs short), the work, finishing,
    handing over."""
    rng = ctx.rng
    quotes = list(ctx.ids.get("quotes_to_accept", []))
    customers = ctx.ids.get("customers", [])
    run = _Run(ctx)
    ctx.extra["orders_run"] = run
    if quotes:
        from kws_desktop.store.models.sales import Quote
        with ctx.book.reading() as s:
            days = {qid: (first, until) for qid, first, until in s.execute(
                select(Quote.id, Quote.date, Quote.valid_until).where(Quote.id.in_(quotes)))}
        for qid in quotes:
            first, until = days[qid]
            latest = min(until, ctx.today - dt.timedelta(days=1), first + dt.timedelta(days=10))
            ctx.calendar.on(ctx.day_between(first, latest), run.step, "order", ("quote", qid))
    direct = max(2, round(ctx.orders * 0.04)) if customers else 0
    for _i in range(direct):
        ctx.calendar.on(ctx.day_between(ctx.start, ctx.today - dt.timedelta(days=2)), run.step, "order",
                        ("direct", rng.choice(customers)))


def afterwards(ctx: DemoContext) -> None:
    run: _Run = ctx.extra["orders_run"]
    ctx.ids["orders"] = run.made
    ctx.ids["orders_handed_over"] = run.handed
    _photos(ctx, run.programs[-3:] + run.handed[:1], run.stats)
    ctx.count("pesanan", len(run.made))
    ctx.count("pesanan diserahterimakan", len(run.handed))
    for label, n in run.stats.items():
        ctx.count(f"pesanan: {label}", n)


class _Run:
    """The orders as they move along: each dated step books what happens that day and puts the
    order's next step on the calendar."""

    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.supply: Supply | None = ctx.extra.get("supply")
        self.made: list[int] = []
        self.handed: list[int] = []
        self.programs: list[int] = []
        self.stats = {"batal": 0, "foto": 0, "biaya lain": 0, "tukang": 0, "pemakaian bahan": 0}
        self.sent_back = False

    def step(self, s, day: dt.date, kind: str, payload) -> None:
        if self.supply is not None:
            self.supply.settle(day)
        try:
            with s.begin_nested():
                getattr(self, "_" + kind)(s, day, payload)
        except UserError:
            # a quote the generator made unacceptable, or a step it cannot take: skipped, as a
            # user would; the order goes no further
            self.stats["dilewati"] = self.stats.get("dilewati", 0) + 1

    def _next(self, day: dt.date, kind: str, payload) -> None:
        self.ctx.calendar.on(day, self.step, kind, payload)

    def _order(self, s, day: dt.date, payload) -> None:
        ctx, rng, actor = self.ctx, self.ctx.rng, self.ctx.book.actor
        kind, ref = payload
        if kind == "quote":
            oid = orders.accept_quote_in(s, ref, day, actor=actor)
        else:
            price = rng.choice((350_000, 450_000, 600_000))
            oid = orders.add_order(s, orders.OrderInput(
                customer_id=ref, date=day,
                lines=(orders.LineInput("Penyedotan lumpur tinja dan perbaikan tutup tangki", 1, "kali", price,
                                        cost=int(price * 0.75)),),
                description="Pesanan langsung lewat telepon"), actor=actor)
        self.made.append(oid)
        order = s.get(Order, oid)
        if order.payer_kinds not in ("", "swadaya"):
            kinds = [k for k in order.payer_kinds.split(",") if k != "swadaya"]
            names = FACILITATORS.get(PayerType(kinds[0]), ("",)) if kinds else ("",)
            order.facilitator_name = rng.choice(names)
        plan = _plan_dates(ctx, day)
        order.planned_start = plan["planned"]
        age = (ctx.today - day).days
        if age > 20 and rng.random() < 0.03:
            self._next(day + dt.timedelta(days=rng.randint(1, 5)), "cancel", oid)
            return
        billing.bill_household(ctx, s, oid, day)
        if plan["start"] is not None:
            ready = max(day, plan["start"] - dt.timedelta(days=rng.randint(1, 4)))
            self._next(ready, "prepare", (oid, plan))

    def _cancel(self, s, day: dt.date, oid: int) -> None:
        orders.cancel_in(s, oid, day, self.ctx.rng.choice(CANCEL_REASONS), actor=self.ctx.book.actor)
        self.stats["batal"] += 1

    def _prepare(self, s, day: dt.date, payload) -> None:
        """A few days before the work: what the job will take, bought where the store room runs
        short (the dearest piece of a fibre job sometimes straight from the shop for it)."""
        oid, plan = payload
        rng, supply, stats, work_day = self.ctx.rng, self.supply, self.stats, plan["start"]
        order = s.get(Order, oid)
        issued, rab = _issue_plan(s, oid, rng)
        if supply is None:
            issued = []
        direct = False
        halfway = self.ctx.start + (self.ctx.today - self.ctx.start) / 2
        first_due = not stats.get("pembelian langsung") and work_day >= halfway  # the demo shows one at least
        if issued and "fiber" in order.package.lower() and (rng.random() < 0.12 or first_due):
            tank, issued = issued[0], issued[1:]  # the tank, the dearest piece
            supply.buy(s, day, {tank[0]: tank[1]}, order_id=oid, note="Dibeli langsung untuk pesanan ini")
            stats["pembelian langsung"] = stats.get("pembelian langsung", 0) + 1
            direct = True
        if issued:
            supply.prepare(s, work_day, issued, day)
            for material_id, qty in issued:
                supply.take(material_id, work_day, qty)
        self._next(work_day, "work", (oid, plan, issued, direct, rab))

    def _work(self, s, work_day: dt.date, payload) -> None:
        oid, plan, issued, direct, rab = payload
        rng, actor, stats = self.ctx.rng, self.ctx.book.actor, self.stats
        order = s.get(Order, oid)
        orders.move_stage(s, oid, "dikerjakan", work_day, actor=actor)
        crew = _masons(s, work_day)
        rng.shuffle(crew)
        big = order.price > 1_500_000
        team = crew[:(rng.choice((2, 2, 3)) if big else 1)]
        # labour near what the RAB expected, more or less
        budget = (rab["labour"] or order.price * 0.2) * rng.uniform(0.85, 1.2)
        for member_id, wage in team:
            days = Decimal(max(1, round(budget / len(team) / wage * 2))) / 2
            orders.add_crew_in(s, oid, member_id, work_day, days, wage, "tukang", actor=actor)
            stats["tukang"] += 1
        for material_id, qty in issued:
            stock.issue_to_order(s, order_id=oid, material_id=material_id, qty=qty, date=work_day, actor=actor,
                                 note=f"Bahan untuk pesanan {order.number}")
            stats["pemakaian bahan"] += 1
        self._costs(s, oid, work_day, order, issued or direct, big, rab)
        if plan["finish"] is not None:
            self._next(plan["finish"], "finish", (oid, plan))

    def _costs(self, s, oid: int, day: dt.date, order: Order, builds: bool, big: bool, rab: dict) -> None:
        """What the job pays on its first work day besides crew and materials."""
        rng = self.ctx.rng
        if not builds:
            # emptying a tank: the truck and its fuel are most of the cost
            truck = (rab["transport"] + rab["equipment"]) or order.price // 2
            self._pay(s, oid, day, "equipment", max(100_000, int(truck * rng.uniform(0.9, 1.15)) // 25_000 * 25_000),
                      "Sewa truk tinja dan solar")
        elif rab["transport"] and rng.random() < 0.8:
            self._pay(s, oid, day, "transport",
                      max(25_000, int(rab["transport"] * rng.uniform(0.5, 1.1)) // 25_000 * 25_000),
                      rng.choice(COST_TEXT["transport"]))
        if big and rab["equipment"] and rng.random() < 0.3:
            self._pay(s, oid, day, "equipment",
                      max(50_000, int(rab["equipment"] * rng.uniform(0.8, 1.5)) // 25_000 * 25_000),
                      rng.choice(COST_TEXT["equipment"]), rng.choice(("cash", "cash", "transfer")))
        if rng.random() < 0.12:  # a permit letter, or the neighbours' coffee and a tarpaulin
            kind = rng.choice(("permits", "other", "other"))
            self._pay(s, oid, day, kind, rng.choice((25_000, 50_000, 75_000)), rng.choice(COST_TEXT[kind]))

    def _pay(self, s, oid: int, day: dt.date, kind: str, amount: int, text: str, method: str = "cash") -> None:
        treasury.money_for(self.ctx, s, day, method, amount)
        orders.add_cost_in(s, oid, kind, amount, day, method=method, description=text, actor=self.ctx.book.actor)
        self.stats["biaya lain"] += 1

    def _finish(self, s, day: dt.date, payload) -> None:
        oid, plan = payload
        orders.move_stage(s, oid, "selesai", day, actor=self.ctx.book.actor)
        if plan["handover"] is not None:
            self._next(plan["handover"], "handover", oid)

    def _handover(self, s, day: dt.date, oid: int) -> None:
        ctx = self.ctx
        orders.move_stage(s, oid, "diserahterimakan", day, actor=ctx.book.actor)
        self.handed.append(oid)
        order = s.get(Order, oid)
        if order.payer_kinds != "swadaya":
            self.programs.append(oid)
        billing.handed_over(ctx, s, oid, day)
        evaluation.handed_over(ctx, oid, day)
        if (not self.sent_back and order.payer_kinds == "swadaya" and len(self.handed) >= 3
                and day >= ctx.today - dt.timedelta(days=90) and day + dt.timedelta(days=2) < ctx.today):
            self.sent_back = True
            ctx.calendar.on(day + dt.timedelta(days=1), _back_a_stage, ctx, oid, alone=True)


def _photos(ctx: DemoContext, order_ids: list[int], stats) -> None:
    """Progress photos at 0, 50 and 100 % for a few orders (few, to keep the book small)."""
    for n, oid in enumerate(dict.fromkeys(order_ids)):
        view = orders.get_order(ctx.book, oid)
        for pct, day in ((0, view.started_date or view.date), (50, view.started_date or view.date),
                         (100, view.finished_date or view.date)):
            label = f"{view.number} - {view.customer_name}"[:34]
            photos.add_photo(ctx.book, oid, progress_photo(pct, label, n), pct, day,
                         caption={0: "Sebelum pekerjaan", 50: "Tangki dipasang di galian",
                                  100: "Pekerjaan selesai, tangki tertutup"}[pct])
            stats["foto"] += 1


def _back_a_stage(day: dt.date, ctx: DemoContext, oid: int) -> None:
    """A handed-over job whose pipe leaked, the day after: back to in progress, repaired, and
    handed over again the next day (a household's job, so no program bill waits on it)."""
    orders.change_stage(ctx.book, oid, "dikerjakan", day, reason="Sambungan pipa rembes, diperbaiki tukang")
    ctx.calendar.on(day + dt.timedelta(days=1), _hand_over_again, ctx, oid, alone=True)


def _hand_over_again(day: dt.date, ctx: DemoContext, oid: int) -> None:
    orders.change_stage(ctx.book, oid, "diserahterimakan", day)
    ctx.count("pesanan dikembalikan ke tahap dikerjakan")
