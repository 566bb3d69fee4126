"""Demo step: orders, from the accepted quotes (and a few entered directly) to handover.

Runs after customers_quotes and materials, before billing. Accepts every quote in
ctx.ids["quotes_to_accept"] plus a few direct orders, then moves each order along the stages by
its age: most are handed over, the recent ones scheduled, in progress or finished; a few are
cancelled and one is sent back a stage. Crews come from ctx.ids["masons"] (wages owed to them),
the main materials of each job are issued from stock (a few bought directly for the job),
transport, equipment hire and permits are paid, and a handful of orders get progress photos.

Batches of orders share one transaction, so `demo --orders 20000` stays quick.
Leaves ctx.ids["orders"] (all) and ctx.ids["orders_handed_over"].
"""
from __future__ import annotations

import datetime as dt
import heapq
import io
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from sqlalchemy import select

from kws_desktop.core.payers import PayerType
from kws_desktop.errors import UserError
from kws_desktop.services.jobs import orders
from kws_desktop.services.jobs import photos
from kws_desktop.services.purchasing import stock
from kws_desktop.services.training.demo.context import DemoContext
from kws_desktop.services.training.demo import materials as materials_step
from kws_desktop.services.training.demo.supply import Supply
from kws_desktop.store.models.people import Member
from kws_desktop.store.models.purchasing import Material
from kws_desktop.store.models.jobs import Order, OrderItem

BATCH = 200
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


def _masons(ctx: DemoContext) -> list[tuple[int, dt.date, dt.date | None, int]]:
    ids = ctx.ids.get("masons") or ctx.ids.get("members") or []
    with ctx.book.reading() as s:
        rows = s.execute(select(Member.id, Member.joined_on, Member.left_on, Member.daily_wage)
                         .where(Member.id.in_(ids))).all()
    return [(r[0], r[1], r[2], int(r[3] or 0) or 120_000) for r in rows]


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
        .order_by(OrderItem.cost.desc())).all()
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


def orders_step(ctx: DemoContext) -> None:
    """Every dated step of every order (taken on, work, finished, handed over) and the stock
    counts run in date order from one agenda, so orders, BAST, purchases and their journal
    entries are numbered in date order."""
    book, rng = ctx.book, ctx.rng
    masons = _masons(ctx)
    quotes = list(ctx.ids.get("quotes_to_accept", []))
    customers = ctx.ids.get("customers", [])
    supply: Supply | None = ctx.extra.get("supply")
    counts = materials_step.stock_counts_due(ctx) if supply is not None else []
    with book.reading() as s:
        quote_days = {}
        if quotes:
            from kws_desktop.store.models.sales import Quote
            quote_days = dict(s.execute(select(Quote.id, Quote.valid_until).where(Quote.id.in_(quotes))).all())
            quote_dates = dict(s.execute(select(Quote.id, Quote.date).where(Quote.id.in_(quotes))).all())
    direct = max(2, round(ctx.orders * 0.04)) if customers else 0
    agenda = _Agenda()
    for qid in quotes:
        latest = min(quote_days[qid], ctx.today - dt.timedelta(days=1))
        first = quote_dates[qid]
        agenda.add(ctx.day_between(first, min(latest, first + dt.timedelta(days=10))), "order", ("quote", qid))
    for _i in range(direct):
        agenda.add(ctx.day_between(ctx.start, ctx.today - dt.timedelta(days=2)), "order",
                   ("direct", rng.choice(customers)))
    for day in counts:
        agenda.add(day, "count", None)
    run = _Run(ctx, masons, supply, agenda)
    while agenda:
        if agenda.next_kind() == "count":
            day, _kind, _payload = agenda.pop()
            materials_step.stock_count(ctx, day)
            continue
        with book.transaction() as s:
            done = 0
            while agenda and agenda.next_kind() != "count" and done < BATCH:
                day, kind, payload = agenda.pop()
                if supply is not None:
                    supply.settle(day)
                run.step(s, day, kind, payload)
                done += 1
    ctx.ids["orders"] = run.made
    ctx.ids["orders_handed_over"] = run.handed
    if supply is not None:
        materials_step.after_orders(ctx)
    _photos(ctx, run.programs[-3:] + run.handed[:1], run.stats)
    _back_a_stage(ctx, run.handed)
    ctx.count("pesanan", len(run.made))
    ctx.count("pesanan diserahterimakan", len(run.handed))
    for label, n in run.stats.items():
        ctx.count(f"pesanan: {label}", n)


class _Agenda:
    """What happens on which day: popped in date order (same day: in the order it was added)."""

    def __init__(self):
        self._heap: list = []
        self._seq = 0

    def add(self, day: dt.date, kind: str, payload) -> None:
        heapq.heappush(self._heap, (day, self._seq, kind, payload))
        self._seq += 1

    def pop(self):
        day, _seq, kind, payload = heapq.heappop(self._heap)
        return day, kind, payload

    def next_kind(self) -> str:
        return self._heap[0][2]

    def __bool__(self) -> bool:
        return bool(self._heap)


class _Run:
    """The orders as they move along: each dated step books what happens that day and puts the
    order's next step on the agenda."""

    def __init__(self, ctx: DemoContext, masons, supply: Supply | None, agenda: _Agenda):
        self.ctx, self.masons, self.supply, self.agenda = ctx, masons, supply, agenda
        self.made: list[int] = []
        self.handed: list[int] = []
        self.programs: list[int] = []
        self.stats = {"batal": 0, "foto": 0, "biaya lain": 0, "tukang": 0, "pemakaian bahan": 0}

    def step(self, s, day: dt.date, kind: str, payload) -> None:
        try:
            with s.begin_nested():
                getattr(self, "_" + kind)(s, day, payload)
        except UserError:
            # a quote the generator made unacceptable, or a step it cannot take: skipped, as a
            # user would; the order goes no further
            self.stats["dilewati"] = self.stats.get("dilewati", 0) + 1

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
            orders.cancel_in(s, oid, day + dt.timedelta(days=rng.randint(1, 5)), rng.choice(CANCEL_REASONS),
                             actor=actor)
            self.stats["batal"] += 1
            return
        if plan["start"] is not None:
            self.agenda.add(plan["start"], "work", (oid, day, plan))

    def _work(self, s, work_day: dt.date, payload) -> None:
        oid, day, plan = payload
        rng, actor, supply, stats = self.ctx.rng, self.ctx.book.actor, self.supply, self.stats
        order = s.get(Order, oid)
        orders.move_stage(s, oid, "dikerjakan", work_day, actor=actor)
        crew = [m for m in self.masons if m[1] <= work_day and (m[2] is None or m[2] >= work_day)]
        rng.shuffle(crew)
        big = order.price > 1_500_000
        team = crew[:(rng.choice((2, 2, 3)) if big else 1)]
        issued, rab = _issue_plan(s, oid, rng)
        # labour near what the RAB expected, more or less
        budget = (rab["labour"] or order.price * 0.2) * rng.uniform(0.85, 1.2)
        for member_id, _joined, _left, wage in team:
            days = Decimal(max(1, round(budget / len(team) / wage * 2))) / 2
            orders.add_crew_in(s, oid, member_id, work_day, days, wage, "tukang", actor=actor)
            stats["tukang"] += 1
        if supply is None:
            issued = []
        direct = None
        halfway = self.ctx.start + (self.ctx.today - self.ctx.start) / 2
        first_due = not stats.get("pembelian langsung") and work_day >= halfway  # the demo shows one at least
        if issued and "fiber" in order.package.lower() and (rng.random() < 0.12 or first_due):
            direct = issued[0]  # the tank, the dearest piece: bought straight from the shop for this job
            issued = issued[1:]
        if direct is not None:
            supply.buy(s, work_day - dt.timedelta(days=1), {direct[0]: direct[1]}, order_id=oid,
                       note="Dibeli langsung untuk pesanan ini")
            stats["pembelian langsung"] = stats.get("pembelian langsung", 0) + 1
        if issued:
            supply.prepare(s, work_day, issued, earliest=day)
        for material_id, qty in issued:
            stock.issue_to_order(s, order_id=oid, material_id=material_id, qty=qty, date=work_day, actor=actor,
                                 note=f"Bahan untuk pesanan {order.number}")
            supply.take(material_id, work_day, qty)
            stats["pemakaian bahan"] += 1
        if not issued and direct is None:
            # emptying a tank: the truck and its fuel are most of the cost
            truck = (rab["transport"] + rab["equipment"]) or order.price // 2
            orders.add_cost_in(s, oid, "equipment",
                               max(100_000, int(truck * rng.uniform(0.9, 1.15)) // 25_000 * 25_000),
                               work_day, description="Sewa truk tinja dan solar", actor=actor)
            stats["biaya lain"] += 1
        elif rab["transport"] and rng.random() < 0.8:
            orders.add_cost_in(s, oid, "transport",
                               max(25_000, int(rab["transport"] * rng.uniform(0.5, 1.1)) // 25_000 * 25_000),
                               work_day, description=rng.choice(COST_TEXT["transport"]), actor=actor)
            stats["biaya lain"] += 1
        if big and rab["equipment"] and rng.random() < 0.3:
            orders.add_cost_in(s, oid, "equipment",
                               max(50_000, int(rab["equipment"] * rng.uniform(0.8, 1.5)) // 25_000 * 25_000),
                               work_day, method=rng.choice(("cash", "cash", "transfer")),
                               description=rng.choice(COST_TEXT["equipment"]), actor=actor)
            stats["biaya lain"] += 1
        if rng.random() < 0.03:
            orders.add_cost_in(s, oid, rng.choice(("permits", "other")), rng.choice((25_000, 50_000)), work_day,
                               description=rng.choice(COST_TEXT["permits"]), actor=actor)
            stats["biaya lain"] += 1
        if plan["finish"] is not None:
            self.agenda.add(plan["finish"], "finish", (oid, plan))

    def _finish(self, s, day: dt.date, payload) -> None:
        oid, plan = payload
        orders.move_stage(s, oid, "selesai", day, actor=self.ctx.book.actor)
        if plan["handover"] is not None:
            self.agenda.add(plan["handover"], "handover", oid)

    def _handover(self, s, day: dt.date, oid: int) -> None:
        orders.move_stage(s, oid, "diserahterimakan", day, actor=self.ctx.book.actor)
        self.handed.append(oid)
        if s.get(Order, oid).payer_kinds != "swadaya":
            self.programs.append(oid)


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


def _back_a_stage(ctx: DemoContext, handed: list[int]) -> None:
    """One handed-over job whose pipe leaked: back to in progress, repaired, handed over again.
    The job handed over last, so its second BAST is the latest of all (numbers follow dates)."""
    if len(handed) < 3:
        return
    with ctx.book.reading() as s:
        oid = s.execute(select(Order.id).where(Order.id.in_(handed))
                        .order_by(Order.handed_over_date.desc(), Order.id.desc()).limit(1)).scalar()
    view = orders.get_order(ctx.book, oid)
    back = view.handed_over_date + dt.timedelta(days=1)
    again = back + dt.timedelta(days=1)
    if again >= ctx.today:
        return
    orders.change_stage(ctx.book, oid, "dikerjakan", back, reason="Sambungan pipa rembes, diperbaiki tukang")
    orders.change_stage(ctx.book, oid, "diserahterimakan", again)
    ctx.count("pesanan dikembalikan ke tahap dikerjakan")
