"""Demo of the store room: the starter catalog, five building-supply shops in Kabupaten
Tangerang and an opening stock of about six weeks of work (bought on the demo's second day).
The orders' events buy more shortly before the jobs that need it, and credit slips are paid
to the shops later (services/training/demo/supply.py). `plan` puts on the calendar the two
stock counts (small differences) and one slip entered twice by mistake and voided; `afterwards`
brings the catalog prices up to date.

Leaves in ctx.ids: "materials" (catalog order), "suppliers"; ctx.extra["supply"].
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kws_desktop.services.purchasing import materials
from kws_desktop.services.purchasing import purchases
from kws_desktop.services.purchasing import stock
from kws_desktop.services.purchasing import suppliers
from kws_desktop.services.training.demo.calendar import LATE
from kws_desktop.services.training.demo.context import DemoContext
from kws_desktop.services.training.demo.supply import Supply

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

COUNT_DIFFERENCES = (
    ("Semen Portland 50 kg", Decimal(-2), "2 sak mengeras kena rembesan air hujan di gudang"),
    ("Bata merah", Decimal(-35), "bata pecah waktu bongkar muat"),
    ("Knee PVC 4 inci", Decimal(1), "sisa pekerjaan dikembalikan tukang, belum dicatat"),
    ("Lem PVC", Decimal(-1), "kaleng bocor, lem mengering"),
)


def materials_and_purchases(ctx: DemoContext) -> None:
    book, rng = ctx.book, ctx.rng
    materials.load_starter_catalog(book, date=ctx.start)
    catalog = {r.name: r for r in materials.list_materials(book)}
    ctx.ids["materials"] = [catalog[item.name].id for item in materials.starter_items()]
    ctx.count("bahan", len(catalog))

    shops = []
    for name, address, phone, notes, cats in SUPPLIERS:
        row = suppliers.create_supplier(book, suppliers.SupplierInput(name, address, phone, notes))
        shops.append((row, cats, 0.97 + 0.06 * rng.random()))
    ctx.ids["suppliers"] = [s.id for s, _c, _f in shops]
    ctx.count("pemasok", len(shops))

    # The store room: an opening stock of about five weeks of work; the orders step buys more
    # shortly before the jobs that need it (services/training/demo/supply.py).
    offers: dict[int, list[tuple[int, float]]] = {}
    for m in catalog.values():
        selling = [(row.id, factor) for row, cats, factor in shops if _sells((row, cats, factor), m)]
        if selling:
            offers[m.id] = selling
    supply = Supply(ctx, {m.id: (m.name, m.unit, m.price, m.category) for m in catalog.values()}, offers)
    ctx.extra["supply"] = supply
    months = max(1.0, (ctx.today - ctx.start).days / 30.4)
    per_month = Decimal(str(round(ctx.orders / months, 2)))
    opening = {catalog[n].id: PER_JOB[n] * per_month * Decimal("1.2")
               for n in PER_JOB if n in catalog and catalog[n].id in offers}
    if opening and ctx.orders:
        ctx.calendar.on(ctx.start + dt.timedelta(days=1), _opening_stock, supply, opening)


def _opening_stock(s, day: dt.date, supply: Supply, opening: dict[int, Decimal]) -> None:
    supply.buy(s, day, opening, note="Stok awal gudang")


def plan(ctx: DemoContext) -> None:
    """The two stock counts, and the slip entered twice a month before today."""
    if ctx.extra.get("supply") is None:
        return
    for day in _count_days(ctx):
        ctx.calendar.on(day, _stock_count, ctx, alone=True)
    twice = ctx.today - dt.timedelta(days=30)
    if ctx.orders and twice > ctx.start + dt.timedelta(days=1):
        ctx.calendar.on(twice, _bought_entered_twice, ctx)


def _bought_entered_twice(s, day: dt.date, ctx: DemoContext) -> None:
    """Cement bought for the store room, its slip entered a second time by mistake (voided the
    same day, once the treasurer sees it)."""
    supply: Supply = ctx.extra["supply"]
    cement = next((mid for mid, (name, *_rest) in supply.materials.items() if name == "Semen Portland 50 kg"),
                  None)
    if cement is None or cement not in supply.shops:
        return
    supply.buy(s, day, {cement: Decimal(10)}, note="Tambah stok semen")
    ctx.calendar.on(day, _void_twice, ctx, supply.purchase_ids[-1], when=LATE, alone=True)


def _void_twice(day: dt.date, ctx: DemoContext, purchase_id: int) -> None:
    first = purchases.get_purchase(ctx.book, purchase_id)
    lines = tuple(purchases.PurchaseLineInput(ln.material_id, ln.qty, ln.unit_price) for ln in first.lines)
    dup = purchases.record_purchase(ctx.book, purchases.PurchaseInput(
        day, first.supplier_id, first.method, lines, notes="Tercatat dua kali"))
    purchases.void_purchase(ctx.book, dup.id, reason="Nota yang sama sudah dicatat", date=day)
    ctx.count("nota dibatalkan")


def afterwards(ctx: DemoContext) -> None:
    """The catalog follows what the shops charge now for the busiest materials."""
    book = ctx.book
    supply: Supply | None = ctx.extra.get("supply")
    if supply is None:
        return
    ctx.count("nota pembelian", supply.slips)
    catalog = {r.name: r for r in materials.list_materials(book)}
    for n in ("Semen Portland 50 kg", "Pipa PVC 4 inci AW (4 m)"):
        if n not in catalog:
            continue
        last = materials.last_purchase_price(book, catalog[n].id)
        if last:
            materials.update_price(book, catalog[n].id, last, date=max(ctx.start, ctx.today - dt.timedelta(days=20)))


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


def _stock_count(day: dt.date, ctx: DemoContext) -> None:
    """A stock count on `day` with a couple of small differences (never below what is there then)."""
    supply: Supply = ctx.extra["supply"]
    supply.settle(day)
    sheet = stock.count_sheet(ctx.book)
    by_name = {r.name: r for r in sheet}
    chosen = ctx.rng.sample(COUNT_DIFFERENCES, 2)
    diffs = {name: (d, why) for name, d, why in chosen}
    lines = []
    for r in sheet:
        d, why = diffs.get(r.name, (Decimal(0), ""))
        if r.system_qty + d < 0 or supply.lowest_from(r.material_id, day) + d < 0:
            d, why = Decimal(0), ""
        if d:
            supply.add(r.material_id, day, d)
        lines.append(stock.CountLineInput(r.material_id, r.system_qty + d, why))
    if not any(by_name.get(n) for n in diffs):
        return
    stock.record_stock_count(ctx.book, date=day, lines=lines, counted_by="Dewi Lestari",
                         notes="Stok opname gudang kelompok")
    ctx.count("stok opname")
