"""Demo steps: households and institutional payers of Kabupaten Tangerang and the work packages
(`customers_and_packages`), then the quotes (`quotes_made`, with the packages' warranties).

Makes ~max(40, orders x 1.3) households over several kecamatan and desa, five institutional
payers, the example work packages, and quotes in every state. The quotes the orders step
should accept are left as drafts/sent and listed, oldest first, in ctx.ids["quotes_to_accept"];
ctx.ids["customers"] and ctx.ids["institutions"] list what was made.
"""
from __future__ import annotations

import datetime as dt
import math

from kws_desktop.core.payers import PayerType
from kws_desktop.services.sales import packages
from kws_desktop.services.sales import quotes
from kws_desktop.services.sales.customers import CustomerInput, add_customer
from kws_desktop.services.training.demo.context import DemoContext
from kws_desktop.store.models.sales import Quote as QuoteModel

BATCH = 500

DESA = {
    "Balaraja": ["Sentul", "Sentul Jaya", "Saga", "Tobat", "Talagasari", "Gembong", "Cangkudu", "Sukamurni"],
    "Tigaraksa": ["Pasir Bolang", "Cisereh", "Margasari", "Tapos", "Pematang", "Sodong", "Matagara", "Pete"],
    "Cisoka": ["Cisoka", "Caringin", "Selapajang", "Jeungjing", "Sukatani", "Bojongloa"],
    "Kresek": ["Kresek", "Renged", "Koper", "Patrasana", "Pasir Ampo", "Talok"],
    "Sepatan": ["Sepatan", "Karet", "Pondok Jaya", "Mekar Jaya", "Kayu Agung", "Pisangan Jaya"],
    "Rajeg": ["Rajeg", "Sukamanah", "Rajeg Mulya", "Tanjakan", "Lembangsari", "Mekarsari"],
    "Mauk": ["Mauk Barat", "Mauk Timur", "Ketapang", "Tanjung Anom", "Kedung Dalem", "Gunung Sari"],
    "Jayanti": ["Jayanti", "Pasir Gintung", "Cikande", "Sumur Bandung", "Pabuaran"],
    "Sukamulya": ["Sukamulya", "Kaliasin", "Benda", "Bunar", "Merak", "Parahu"],
}
# The group works mostly near home (Balaraja) and less the further away.
KECAMATAN_WEIGHTS = {"Balaraja": 8, "Tigaraksa": 5, "Sukamulya": 4, "Jayanti": 4, "Cisoka": 3,
                     "Kresek": 3, "Rajeg": 2, "Sepatan": 2, "Mauk": 1}
KAMPUNG = ["Cibadak", "Pabuaran", "Kebon Kelapa", "Babakan", "Cirewed", "Pasir Kupa", "Sukasari",
           "Rawa Bokor", "Gardu", "Leuwi Sereh", "Pasir Kembang", "Cikarang", "Bojong", "Kebon Jeruk",
           "Tegal", "Pendeuy", "Kadu", "Cilongok", "Sindang Sari", "Kramat"]
MEN = ["Ahmad", "Asep", "Dedi", "Endang", "Jaja", "Saepudin", "Rohmat", "Ujang", "Hasan", "Sukarta",
       "Maman", "Suherman", "Jajang", "Nana", "Dadang", "Rudi", "Agus", "Iwan", "Mulyadi", "Abdul",
       "Supriyadi", "Muhamad", "Syarifudin", "Rahmat", "Udin", "Wahyudin", "Yayan", "Kosim", "Sarmin",
       "Haris"]
WOMEN = ["Siti", "Aminah", "Nurhayati", "Euis", "Neneng", "Yati", "Komariah", "Rohayati", "Iis",
         "Entin", "Juju", "Enok", "Suryani", "Masitoh", "Romlah", "Sumiati", "Ratna", "Dewi", "Eni",
         "Popon", "Halimah", "Ani", "Ijah", "Khodijah"]
SECOND = ["Hidayat", "Saputra", "Kurniawan", "Setiawan", "Suryana", "Maulana", "Rosadi", "Permana",
          "Sutisna", "Rahman", "Hakim", "Sobari", "Fauzi", "Nurdin", "Sulaeman", "Mulyana", "Jaelani",
          "Wijaya", "Hamdani", "Ruhiyat"]
SECOND_WOMEN = ["Fitriani", "Rahayu", "Lestari", "Wati", "Sari", "Kusmiati", "Nurjanah", "Hasanah",
                "Marlina", "Susanti"]
INSTITUTIONS = [
    ("BAZNAS Kabupaten Tangerang", PayerType.BAZNAS, "Jl. Abdul Hamid No. 5, Tigaraksa", "H. Ahmad Syafei"),
    ("Dinas Perumahan, Permukiman dan Pemakaman Kab. Tangerang (APBD)", PayerType.APBD,
     "Jl. Atik Suardi, Kantor Pemerintahan Kab. Tangerang, Tigaraksa", "Ir. Budi Santoso"),
    ("Dinas PUPR Kab. Tangerang (DAK Sanitasi)", PayerType.DAK, "Jl. H. Somawinata, Tigaraksa", ""),
    ("PT Indah Karya Plastik (program CSR)", PayerType.CSR, "Kawasan Industri Balaraja Barat Kav. 12",
     "Rina Marlina"),
    ("Koperasi Simpan Pinjam Mekar Sejahtera", PayerType.KREDIT, "Jl. Raya Kresek No. 40, Balaraja",
     "Hj. Komariah"),
]


def _phone(rng) -> str:
    prefix = rng.choice(["0812", "0813", "0821", "0838", "0857", "0878", "0896", "0819"])
    return f"{prefix}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"


def _household(ctx: DemoContext, n: int) -> CustomerInput:
    rng = ctx.rng
    woman = rng.random() < 0.3  # women head about three in ten of these households
    first = rng.choice(WOMEN if woman else MEN)
    name = f"{first} {rng.choice(SECOND_WOMEN if woman and rng.random() < 0.7 else SECOND)}"
    if rng.random() < 0.08:
        name = ("Hj. " if woman else "H. ") + name
    kecamatan = rng.choices(list(KECAMATAN_WEIGHTS), weights=list(KECAMATAN_WEIGHTS.values()))[0]
    desa = rng.choice(DESA[kecamatan])
    nik = ""
    if rng.random() < 0.35:
        born = dt.date(rng.randint(1958, 1998), rng.randint(1, 12), rng.randint(1, 28))
        nik = f"3603{rng.randint(1, 29):02d}{born.day + (40 if woman else 0):02d}{born:%m%y}{rng.randint(1, 9999):04d}"
    return CustomerInput(
        name=name, kind="household", gender="P" if woman else "L", nik=nik,
        phone=_phone(rng) if rng.random() < 0.8 else "",
        address=f"Kp. {rng.choice(KAMPUNG)}" + (f" No. {rng.randint(1, 80)}" if rng.random() < 0.4 else ""),
        rt=f"{rng.randint(1, 12):03d}", rw=f"{rng.randint(1, 6):03d}", desa=desa, kecamatan=kecamatan,
        kabupaten="Kabupaten Tangerang", is_mbr=rng.random() < 0.6, household_size=rng.randint(2, 8))


def customers_and_packages(ctx: DemoContext) -> None:
    rng, book = ctx.rng, ctx.book
    # institutions and households, a batch per transaction
    inst: dict[PayerType, int] = {}
    with book.transaction() as s:
        for name, payer, address, contact in INSTITUTIONS:
            c = add_customer(s, CustomerInput(name=name, kind="institution", payer_type=payer, address=address,
                                              kabupaten="Kabupaten Tangerang", contact_person=contact,
                                              phone=_phone(rng)), actor=book.actor)
            inst[payer] = c.id
    ctx.ids["institutions"] = list(inst.values())
    ctx.count("lembaga pembayar", len(inst))
    households = max(40, math.ceil(ctx.orders * 1.3))
    ids: list[int] = []
    mbr: dict[int, bool] = {}
    for start in range(0, households, BATCH):
        with book.transaction() as s:
            for n in range(start, min(households, start + BATCH)):
                data = _household(ctx, n)
                c = add_customer(s, data, actor=book.actor)
                ids.append(c.id)
                mbr[c.id] = data.is_mbr
    ctx.ids["customers"] = ids
    ctx.count("rumah tangga", len(ids))

    packages.load_default_packages(book)
    by_code = {p.code: p for p in packages.list_packages(book)}
    ctx.ids["packages"] = [p.id for p in by_code.values()]
    ctx.count("paket pekerjaan", len(by_code))
    ctx.extra["mbr"], ctx.extra["payers"] = mbr, inst


def quotes_made(ctx: DemoContext) -> None:
    """The quotes, on the example packages with their warranty months (paket-contoh.json), so
    their default terms promise what each package carries."""
    by_code = {p.code: p for p in packages.list_packages(ctx.book)}
    _quotes(ctx, ctx.ids["customers"], ctx.extra["mbr"], ctx.extra["payers"], by_code)


def _lines(rng, by_code) -> tuple[quotes.QuoteLineInput, ...]:
    r = rng.random()
    if r < 0.08:
        return (quotes.QuoteLineInput(1, by_code["SEDOT"].id),)
    if r < 0.13:
        lines = [quotes.QuoteLineInput(1, by_code["PERBAIKAN"].id)]
        if rng.random() < 0.5:
            lines.append(quotes.QuoteLineInput(rng.choice([1, 2]), description="Pipa PVC 4 inci tambahan",
                                          unit="batang", unit_price=195_000, unit_cost=168_000))
        return tuple(lines)
    tank = rng.choices(["TS-BIO", "TS-BATA", "TS-CINCIN"], weights=[6, 2, 2])[0]
    lines = [quotes.QuoteLineInput(1, by_code[tank].id)]
    if rng.random() < 0.45:
        lines.append(quotes.QuoteLineInput(1, by_code["JMB-LA"].id))
    if rng.random() < 0.15:
        lines.append(quotes.QuoteLineInput(rng.choice(["3", "4.5", "6"]), description="Galian dan pipa tambahan (jarak jauh)",
                                      unit="meter", unit_price=45_000, unit_cost=38_000))
    return tuple(lines)


def _payers(rng, total: int, is_mbr: bool, inst: dict) -> tuple[quotes.PayerInput, ...]:
    def plan(payer: PayerType, share_pct: int, instalments: int | None = None):
        program = total * share_pct // 100 // 1000 * 1000
        rest = total - program
        if rest < 1_000:  # no household is billed a leftover of a few hundred rupiah
            program, rest = total, 0
        out = [quotes.PayerInput(payer, program, inst.get(payer))]
        if rest:
            out.append(quotes.PayerInput(PayerType.SWADAYA, rest, instalments=instalments))
        return tuple(out)

    r = rng.random()
    if is_mbr:
        if r < 0.45:
            return plan(PayerType.APBD, rng.choice([80, 90, 100]))
        if r < 0.60:
            return plan(PayerType.BAZNAS, rng.choice([50, 75]), rng.choice([None, 4, 6]))
        if r < 0.70:
            return plan(PayerType.DAK, 90)
        if r < 0.80:
            return plan(PayerType.CSR, 60, rng.choice([None, 5]))
        return (quotes.PayerInput(PayerType.SWADAYA, total, instalments=rng.choice([6, 10, 12])),)
    if r < 0.15:
        return plan(PayerType.KREDIT, 70, rng.choice([None, 3]))
    if r < 0.55:
        return (quotes.PayerInput(PayerType.SWADAYA, total, instalments=rng.choice([3, 4, 6, 10])),)
    return ()  # the household pays it all, in cash


def _quotes(ctx: DemoContext, customers: list[int], mbr: dict, inst: dict, by_code: dict) -> None:
    rng, book = ctx.rng, ctx.book
    validity = 30
    to_accept = ctx.orders
    others = max(12, math.ceil(ctx.orders * 0.25))
    last = ctx.today - dt.timedelta(days=1)
    # accepted-to-be quotes over the whole history (the orders step accepts them on or after
    # the quote date, within validity); the others mostly recent so their state makes sense
    plans: list[tuple[str, dt.date]] = []
    for _i in range(to_accept):
        plans.append(("accept", ctx.day_between(ctx.start, last - dt.timedelta(days=3))))
    states = ["draft", "sent", "expired", "rejected", "revised"]
    weights = [2, 2, 2, 2.5, 1.5]
    for i in range(others):
        # every state at least once (trainers show each), then by weight
        state = states[i] if i < len(states) else rng.choices(states, weights=weights)[0]
        if state == "draft":
            day = ctx.day_between(ctx.today - dt.timedelta(days=10), ctx.today)
        elif state == "sent":
            day = ctx.day_between(ctx.today - dt.timedelta(days=validity - 5), last)
        elif state == "expired":
            day = ctx.day_between(ctx.start, ctx.today - dt.timedelta(days=validity + 5))
        else:
            day = ctx.day_between(ctx.start, ctx.today - dt.timedelta(days=15))
        plans.append((state, day))
    plans.sort(key=lambda p: p[1])
    pool = list(customers)
    rng.shuffle(pool)
    accept_ids: list[tuple[dt.date, int]] = []
    pending: list[tuple[dt.date, int, int]] = []  # revisions to make: (day, quote id, new discount)
    made = 0

    def revise_due(s, until: dt.date | None) -> int:
        done = 0
        for item in sorted(pending):
            rev_day, quote_id, new_discount = item
            if until is not None and rev_day > until:
                break
            pending.remove(item)
            old = quotes.read_quote(s, quote_id).as_input(date=rev_day)
            data = quotes.QuoteInput(customer_id=old.customer_id, date=rev_day, lines=old.lines, discount=new_discount,
                                valid_until=rev_day + dt.timedelta(days=validity), terms=old.terms, title=old.title)
            new = quotes.add_revision(s, s.get(QuoteModel, quote_id), rev_day, book.actor, data)
            if rng.random() < 0.5:
                quotes.mark_sent(s, new, rev_day, book.actor)
            done += 1
        return done

    for start in range(0, len(plans), BATCH):
        with book.transaction() as s:
            for i, (state, day) in enumerate(plans[start:start + BATCH], start=start):
                made += revise_due(s, day)
                customer = pool[i % len(pool)]
                lines = _lines(rng, by_code)
                subtotal = sum(quotes._price_line(s, line, n, []).amount for n, line in enumerate(lines, start=1))
                discount = subtotal % 50_000 if rng.random() < 0.3 else 0  # a round price
                total = subtotal - discount
                quote = quotes.add_quote(s, quotes.QuoteInput(
                    customer_id=customer, date=day, lines=lines, discount=discount,
                    payers=_payers(rng, total, mbr.get(customer, False), inst),
                    valid_until=day + dt.timedelta(days=validity),
                    title=_title(lines, by_code)), actor=book.actor)
                made += 1
                sent_day = min(day + dt.timedelta(days=rng.randint(0, 3)), last)
                if state == "draft":
                    continue
                if state == "accept":
                    if rng.random() < 0.8:
                        quotes.mark_sent(s, quote, sent_day, book.actor)
                    accept_ids.append((day, quote.id))
                    continue
                quotes.mark_sent(s, quote, sent_day, book.actor)
                if state == "expired":
                    quotes.mark_expired(s, quote, book.actor)
                elif state == "rejected":
                    quotes.mark_rejected(s, quote, min(sent_day + dt.timedelta(days=7), last),
                                    rng.choice(["Belum ada dana", "Pindah rumah", "Memilih tukang lain",
                                                "Menunggu bantuan program"]), book.actor)
                elif state == "revised":
                    # the household asked for a cheaper option: a revision with a discount, later
                    cut = total // 20 // 1000 * 1000
                    pending.append((min(sent_day + dt.timedelta(days=5), last), quote.id, discount + cut))
            made += revise_due(s, None if start + BATCH >= len(plans) else plans[start + BATCH - 1][1])
    accept_ids.sort()
    ctx.ids["quotes_to_accept"] = [qid for _d, qid in accept_ids]
    ctx.count("penawaran", made)


def _title(lines, by_code) -> str:
    names = {p.id: p.name for p in by_code.values()}
    first = lines[0]
    if first.package_id == by_code["SEDOT"].id:
        return "Penawaran harga penyedotan lumpur tinja"
    if first.package_id == by_code["PERBAIKAN"].id:
        return "Penawaran harga perbaikan saluran tangki septik"
    text = names[first.package_id].split(" (")[0].lower()
    if len(lines) > 1 and lines[1].package_id == by_code["JMB-LA"].id:
        text += " dan jamban"
    return f"Penawaran harga pembangunan {text}"
