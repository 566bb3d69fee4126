"""Demo step: the starter catalog, five building-supply shops in Kabupaten Tangerang, a purchase
history sized to the number of orders (cash, transfer, credit), payments to the shops (the most
recent credit still owed), one voided slip and two stock counts with small differences.

Enough stock is bought for the orders step to issue what `PER_JOB` lists for every order.
Leaves in ctx.ids: "materials" (catalog order), "suppliers", "purchases".
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from decimal import Decimal

from kws_desktop.services import materials as M
from kws_desktop.services import purchases as P
from kws_desktop.services import stock as S
from kws_desktop.services import suppliers as SP
from kws_desktop.services.demo import DemoContext

SUPPLIERS = (
    # name, address, phone, notes, categories it sells
    ("TB Sumber Rejeki", "Jl. Raya Serang Km. 23, Sentul Jaya, Balaraja, Kabupaten Tangerang",
     "0812-9012-3344", "Langganan semen dan pasir; bisa tempo 30 hari.",
     ("Semen dan pasir", "Batu dan bata", "Besi dan kayu", "Pipa dan sambungan")),
    ("TB Maju Jaya Bangunan", "Jl. Raya Kresek No. 45, Kresek, Kabupaten Tangerang",
     "0813-1122-7788", "Harga pipa lebih murah; antar gratis di atas Rp1.000.000.",
     ("Pipa dan sambungan", "Kloset dan sanitair", "Besi dan kayu", "Lain-lain")),
    ("Toko Bangunan Sinar Abadi", "Jl. Aria Jaya Santika No. 8, Pasir Nangka, Tigaraksa, Kabupaten Tangerang",
     "0821-4455-6677", "", ("Semen dan pasir", "Batu dan bata", "Kloset dan sanitair", "Lain-lain")),
    ("UD Berkah Beton", "Jl. Raya Cikupa-Pasar Kemis Km. 3, Cikupa, Kabupaten Tangerang",
     "0857-7788-9900", "Cincin beton (buis) dan tutupnya, cetak sendiri.", ("Tangki dan cincin beton",)),
    ("CV Fiber Sanitasi Mandiri", "Jl. Raya Legok No. 12, Legok, Kabupaten Tangerang",
     "0811-2233-4455", "Tangki biofilter fiber; pesan 3 hari sebelumnya.", ("Tangki dan cincin beton",)),
)
FIBER_TANKS = ("Tangki septik biofilter 1 m3 (fiber)", "Tangki septik biofilter 2 m3 (fiber)",
               "Media biofilter (bioball)")

# What one typical job (tangki septik individual + kloset) uses, on average over all jobs.
PER_JOB: dict[str, Decimal] = {k: Decimal(v) for k, v in {
    "Semen Portland 50 kg": "6", "Pasir pasang": "0.75", "Pasir beton": "0.4", "Batu split 1-2": "0.4",
    "Bata merah": "200", "Besi beton 8 mm (12 m)": "3", "Kawat bendrat": "0.5",
    "Pipa PVC 4 inci AW (4 m)": "1.5", "Pipa PVC 3 inci AW (4 m)": "0.3", "Pipa PVC 2 inci (4 m)": "0.3",
    "Knee PVC 4 inci": "2", "Tee PVC 4 inci": "1", "Dop PVC 4 inci": "0.3", "Lem PVC": "0.5",
    "Kloset jongkok leher angsa": "0.7", "Tangki septik biofilter 1 m3 (fiber)": "0.35",
    "Cincin beton (buis) diameter 80 cm": "2.4", "Tutup cincin beton diameter 80 cm": "0.6",
    "Media biofilter (bioball)": "0.5", "Keramik lantai 30x30": "0.2", "Pintu PVC kamar mandi": "0.05",
}.items()}
WHOLE_UNITS = ("sak", "buah", "batang", "unit", "kaleng", "dus", "lembar", "kg", "set", "roll", "ikat")

COUNT_DIFFERENCES = (
    ("Semen Portland 50 kg", Decimal(-2), "2 sak mengeras kena rembesan air hujan di gudang"),
    ("Bata merah", Decimal(-35), "bata pecah waktu bongkar muat"),
    ("Knee PVC 4 inci", Decimal(1), "sisa pekerjaan dikembalikan tukang, belum dicatat"),
    ("Lem PVC", Decimal(-1), "kaleng bocor, lem mengering"),
)


def _round_qty(qty: Decimal, unit: str) -> Decimal:
    if unit in WHOLE_UNITS:
        return Decimal(max(1, math.ceil(qty)))
    return max(Decimal("0.5"), (qty * 2).to_integral_value(rounding="ROUND_CEILING") / 2)


def _price(ctx: DemoContext, base: int, day: dt.date, shop_factor: float) -> int:
    years = (day - ctx.start).days / 365
    factor = (1 + 0.035 * years) * shop_factor * (1 + ctx.rng.uniform(-0.03, 0.03))
    step = 500 if base >= 10_000 else 50
    return max(step, int(round(base * factor / step)) * step)


def materials_and_purchases(ctx: DemoContext) -> None:
    book, rng = ctx.book, ctx.rng
    M.load_starter_catalog(book, date=ctx.start)
    catalog = {r.name: r for r in M.list_materials(book)}
    ctx.ids["materials"] = [catalog[item.name].id for item in M.starter_items()]
    ctx.count("bahan", len(catalog))

    shops = []
    for name, address, phone, notes, cats in SUPPLIERS:
        row = SP.create_supplier(book, SP.SupplierInput(name, address, phone, notes))
        shops.append((row, cats, 0.97 + 0.06 * rng.random()))
    ctx.ids["suppliers"] = [s.id for s, _c, _f in shops]
    ctx.count("pemasok", len(shops))

    # Purchase events: a date, a shop and the materials bought there.
    span = max(1, (ctx.today - ctx.start).days)
    n_events = max(8, round(ctx.orders * 0.45))
    wanted = [name for name, per in PER_JOB.items() if per > 0 and name in catalog]
    events: list[tuple[dt.date, int, list[str]]] = []
    for _i in range(n_events):
        day = ctx.start + dt.timedelta(days=rng.randint(0, span))
        shop_idx = rng.choices(range(len(shops)), weights=(5, 4, 3, 2, 1))[0]
        fits = [n for n in wanted if _sells(shops[shop_idx], catalog[n])]
        if not fits:
            continue
        events.append((day, shop_idx, rng.sample(fits, min(len(fits), rng.randint(2, 5)))))
    # every material needed is bought somewhere
    picks: dict[str, int] = defaultdict(int)
    for _d, _s, names in events:
        for n in names:
            picks[n] += 1
    for n in wanted:
        if not picks[n]:
            for _day, shop_idx, names in events:
                if _sells(shops[shop_idx], catalog[n]):
                    names.append(n)
                    picks[n] += 1
                    break
            else:
                shop_idx = next(i for i, shop in enumerate(shops) if _sells(shop, catalog[n]))
                events.append((ctx.start + dt.timedelta(days=rng.randint(0, span)), shop_idx, [n]))
                picks[n] += 1
    events.sort(key=lambda e: e[0])

    need = {n: PER_JOB[n] * ctx.orders * Decimal("1.15") + PER_JOB[n] * 3 for n in wanted}
    count_days = _count_days(ctx)
    credit_slips: list[tuple[dt.date, int, int]] = []
    purchase_ids: list[int] = []
    for day, shop_idx, names in events:
        while count_days and count_days[0] < day:
            _stock_count(ctx, count_days.pop(0))
        shop, _cats, factor = shops[shop_idx]
        lines = []
        for n in names:
            m = catalog[n]
            lines.append(P.PurchaseLineInput(m.id, _round_qty(need[n] / picks[n], m.unit),
                                             _price(ctx, m.price, day, factor)))
        estimate = sum(int(line.unit_price * Decimal(line.qty)) for line in lines)
        weights = (6, 2, 2) if estimate < 2_000_000 else (1, 4, 5)  # big slips: transfer or credit
        method = rng.choices(("cash", "transfer", "credit"), weights=weights)[0]
        shipping = rng.choice((0, 0, 25_000, 50_000, 75_000)) if len(lines) > 2 else 0
        p = P.record_purchase(ctx.book, P.PurchaseInput(
            day, shop.id, method, tuple(lines), shipping=shipping,
            slip_number=f"{shop.name.split()[1][:3].upper()}-{rng.randint(1000, 9999)}"))
        purchase_ids.append(p.id)
        ctx.count("nota pembelian")
        if method == "credit":
            credit_slips.append((day, shop.id, p.total))
    for day in count_days:
        _stock_count(ctx, day)
    ctx.ids["purchases"] = purchase_ids

    # Pay the shops: credit slips older than a few weeks are paid, the recent ones still owed.
    payments = []
    for day, shop_id, total in credit_slips:
        pay_day = day + dt.timedelta(days=rng.randint(14, 45))
        if pay_day >= ctx.today:
            continue
        if total > 1_500_000 and rng.random() < 0.4:
            first = (total // 2) // 1000 * 1000
            payments.append((pay_day, shop_id, first))
            second = pay_day + dt.timedelta(days=rng.randint(10, 30))
            if second < ctx.today:
                payments.append((second, shop_id, total - first))
        else:
            payments.append((pay_day, shop_id, total))
    for pay_day, shop_id, amount in sorted(payments):
        SP.pay_supplier(book, supplier_id=shop_id, amount=amount, date=pay_day,
                        method=rng.choice(("cash", "transfer", "transfer")))
        ctx.count("pembayaran ke pemasok")

    # One slip entered twice by mistake, voided.
    if events:
        day, shop_idx, names = events[len(events) // 2]
        m = catalog[names[0]]
        dup = P.record_purchase(book, P.PurchaseInput(day, shops[shop_idx][0].id, "cash",
                                                      (P.PurchaseLineInput(m.id, 1, _price(ctx, m.price, day, 1.0)),),
                                                      notes="Tercatat dua kali"))
        P.void_purchase(book, dup.id, reason="Nota yang sama sudah dicatat", date=day)
        ctx.count("nota dibatalkan")

    # The catalog follows what the shops charge now for the busiest materials.
    for n in ("Semen Portland 50 kg", "Pipa PVC 4 inci AW (4 m)"):
        last = M.last_purchase_price(book, catalog[n].id)
        if last:
            M.update_price(book, catalog[n].id, last, date=max(ctx.start, ctx.today - dt.timedelta(days=20)))


def _sells(shop, material) -> bool:
    row, cats, _factor = shop
    if material.category not in cats:
        return False
    if material.category == "Tangki dan cincin beton":
        return (material.name in FIBER_TANKS) == (row.name == "CV Fiber Sanitasi Mandiri")
    return True


def _count_days(ctx: DemoContext) -> list[dt.date]:
    span = (ctx.today - ctx.start).days
    return [ctx.start + dt.timedelta(days=int(span * 0.5)), ctx.today - dt.timedelta(days=10)]


def _stock_count(ctx: DemoContext, day: dt.date) -> None:
    sheet = S.count_sheet(ctx.book)
    by_name = {r.name: r for r in sheet}
    chosen = ctx.rng.sample(COUNT_DIFFERENCES, 2)
    diffs = {name: (d, why) for name, d, why in chosen}
    lines = []
    for r in sheet:
        d, why = diffs.get(r.name, (Decimal(0), ""))
        if r.system_qty + d < 0:
            d, why = Decimal(0), ""
        lines.append(S.CountLineInput(r.material_id, r.system_qty + d, why))
    if not any(by_name.get(n) for n in diffs):
        return
    S.record_stock_count(ctx.book, date=day, lines=lines, counted_by="Dewi Lestari",
                         notes="Stok opname gudang kelompok")
    ctx.count("stok opname")
