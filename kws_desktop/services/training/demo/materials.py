"""Demo step: the starter catalog, five building-supply shops in Kabupaten Tangerang and an
opening stock of about six weeks of work. The orders step buys more shortly before the jobs that
need it (services/training/demo/supply.py), makes the two stock counts (`stock_count`, small differences)
in date order, then calls `after_orders`: payments to the shops (cash, transfer; the most recent
credit still owed), one voided slip, and catalog prices brought up to date.

Leaves in ctx.ids: "materials" (catalog order), "suppliers", "purchases"; ctx.extra["supply"].
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kws_desktop.services.purchasing import materials
from kws_desktop.services.purchasing import purchases
from kws_desktop.services.purchasing import stock
from kws_desktop.services.purchasing import suppliers
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
        with book.transaction() as s:
            supply.buy(s, ctx.start + dt.timedelta(days=1), opening, note="Stok awal gudang")
    ctx.count("nota pembelian", supply.slips)


def stock_counts_due(ctx: DemoContext) -> list[dt.date]:
    """The days of the two stock counts (for the orders step, which makes them in date order)."""
    return _count_days(ctx)


def after_orders(ctx: DemoContext) -> None:
    """After the orders step bought and issued: pay the shops, one slip voided, catalog prices."""
    book, rng = ctx.book, ctx.rng
    supply: Supply = ctx.extra["supply"]
    ctx.ids["purchases"] = list(supply.purchase_ids)
    ctx.count("nota pembelian", supply.slips - ctx.summary.get("nota pembelian", 0))
    # Pay the shops: credit slips older than a few weeks are paid, the recent ones still owed.
    payments = []
    for day, shop_id, total in supply.credit_slips:
        pay_day = day + dt.timedelta(days=rng.randint(14, 40))
        if pay_day >= ctx.today:
            continue
        if total > 1_500_000 and rng.random() < 0.4:
            first = (total // 2) // 1000 * 1000
            payments.append((pay_day, shop_id, first))
            second = pay_day + dt.timedelta(days=rng.randint(10, 25))
            if second < ctx.today:
                payments.append((second, shop_id, total - first))
        else:
            payments.append((pay_day, shop_id, total))
    for pay_day, shop_id, amount in sorted(payments):
        suppliers.pay_supplier(book, supplier_id=shop_id, amount=amount, date=pay_day,
                        method=rng.choice(("cash", "transfer", "transfer")))
        ctx.count("pembayaran ke pemasok")

    catalog = {r.name: r for r in materials.list_materials(book)}
    # One slip entered twice by mistake, voided the same day.
    if supply.purchase_ids:
        first = purchases.get_purchase(book, supply.purchase_ids[-1])  # the latest: numbers follow dates
        line = first.lines[0]
        dup = purchases.record_purchase(book, purchases.PurchaseInput(first.date, first.supplier_id, "cash",
                                                      (purchases.PurchaseLineInput(line.material_id, 1, line.unit_price),),
                                                      notes="Tercatat dua kali"))
        purchases.void_purchase(book, dup.id, reason="Nota yang sama sudah dicatat", date=first.date)
        ctx.count("nota dibatalkan")

    # The catalog follows what the shops charge now for the busiest materials.
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


def stock_count(ctx: DemoContext, day: dt.date) -> None:
    """A stock count on `day` with a couple of small differences (never below what is there then)."""
    supply: Supply = ctx.extra["supply"]
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
