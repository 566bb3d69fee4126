"""Demo of the evaluation area.

The packages' warranty months are the shipped examples' (resources/packages/paket-contoh.json,
loaded with the packages). On the calendar, complaints after some handovers with service visits (some still open; `handed_over`, from the orders' events).
After it (`evaluation_step`): site surveys on the orders' quotes (a few wells too close, a few
smaller fibre tanks chosen with a reason), the handover checklist (a few failures: accepted with
a reason on handed-over orders, still open on finished ones), satisfaction scores, eight partners
with their agreements, and trainings.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from kws_desktop.core.sanitation import well_too_close
from kws_desktop.errors import UserError
from kws_desktop.services.evaluation import partners as partners
from kws_desktop.services.jobs import quality
from kws_desktop.services.evaluation import service_visits
from kws_desktop.services.evaluation import surveys
from kws_desktop.services.evaluation import trainings
from kws_desktop.services.training.demo import treasury
from kws_desktop.services.training.demo.context import DemoContext
from kws_desktop.store.models.sales import Customer
from kws_desktop.store.models.people import Member
from kws_desktop.store.models.jobs import Order
from kws_desktop.store.models.sales import Quote

BATCH = 300
WATER = (("sumur_bor", 45), ("sumur_gali", 25), ("pdam", 15), ("isi_ulang", 10), ("mata_air", 5))
SOILS = ("Tanah liat, agak keras digali", "Tanah merah berpasir", "Tanah urug bekas sawah",
         "Tanah lempung, becek di musim hujan", "Tanah berbatu di kedalaman 1 m")
GROUNDWATER = ("Air sumur tetangga 3 m di musim hujan", "Muka air tanah dangkal saat hujan",
               "Sumur kering di kemarau", "")
SMALL_REASONS = ("Lahan sempit di belakang dapur; dipakai tangki fiber pabrikan",
                 "Permintaan pemilik, anggaran terbatas; pengurasan dijadwalkan lebih sering",
                 "Hanya muat tangki fiber 1,5 m3 di gang")
FAIL_NOTES = {
    "kedap_air": ("Air turun 3 cm setelah 24 jam di sambungan dinding", "Rembes di sudut dasar tangki"),
    "pipa_inlet_outlet": ("Pipa keluar terpasang lebih tinggi dari pipa masuk",),
    "pipa_udara": ("Pipa udara belum dipasang topi", "Pipa udara terlalu pendek"),
    "lubang_kontrol": ("Tutup lubang kontrol retak", "Tutup tidak rapat, bau keluar"),
    "urugan": ("Urugan ambles setelah hujan", "Tanah urugan belum dipadatkan"),
    "jarak_aman": ("Hanya 8 m dari sumur tetangga",),
}
ACCEPT_REASONS = ("Pemilik setuju, diperbaiki saat kunjungan garansi",
                  "Sudah diperbaiki di tempat, pemilik puas", "Lahan tidak memungkinkan; pemilik menerima")
COMPLAINTS = ("Bau dari pipa udara", "Kloset mampet", "Tutup lubang kontrol retak", "Air rembes di halaman",
              "Urugan ambles setelah hujan deras", "Aliran ke tangki lambat")
FIXES = ("Pipa udara ditinggikan dan diberi topi", "Saluran dibersihkan, kemiringan pipa diperbaiki",
         "Tutup diganti baru", "Sambungan pipa keluar dilem ulang", "Urugan ditambah dan dipadatkan")
SCORE_WEIGHTS = ((5, 40), (4, 40), (3, 13), (2, 5), (1, 2))

PARTNERS = (
    # name, kind, contact, payer type to link (customers), link a supplier, agreements
    ("Dinas Perumahan, Permukiman dan Pemakaman Kab. Tangerang", "dinas", "Ir. Budi Santoso", "apbd", False,
     [("spk", "SPK/{y}/DPPP/SANITASI/014", "Pembangunan tangki septik individual program APBD", 0, 12,
       250_000_000, 40)]),
    ("BAZNAS Kabupaten Tangerang", "baznas", "H. Ahmad Syafei", "baznas", False,
     [("mou", "045/MoU/BAZNAS-KT/{y}", "Bantuan jamban sehat untuk mustahik", 1, 12, 60_000_000, 20)]),
    ("BPR Kerta Raharja Cabang Balaraja", "bank", "Hendra Gunawan", None, False,
     [("pks", "PKS/BPR-KR/{y}/031", "Kredit sanitasi rumah tangga (cicilan lewat KWS)", 2, 24, 0, None)]),
    ("Koperasi Simpan Pinjam Mekar Sejahtera", "koperasi", "Hj. Komariah", "kredit", False,
     [("pks", "KSP-MS/{y}/07", "Pembiayaan jamban anggota koperasi", 3, 12, 40_000_000, 15)]),
    ("Toko Bangunan (pemasok utama)", "pemasok", "", None, True, []),
    ("PT Indah Karya Plastik", "perusahaan", "Rina Marlina", "csr", False,
     [("mou", "CSR/IKP/{y}/002", "CSR sanitasi desa sekitar kawasan industri", 4, 12, 75_000_000, 25)]),
    ("USAID IUWASH Tangguh", "lsm", "Tim Sanitasi Banten", None, False,
     [("mou", "IUWASH-T/KWS/{y}/11", "Pendampingan dan peningkatan kapasitas KWS", 0, 24, 0, None)]),
    ("Pemerintah Desa Sentul Jaya", "desa", "Kepala Desa Sentul Jaya", None, False,
     [("mou", "140/27/Ds-SJ/{y}", "Pemicuan STBM dan pemasaran jamban sehat", 2, 12, 0, None)]),
)

TRAININGS = (
    # topic, title, organiser (partner name), days, who ("all", a role, or "women")
    ("teknis", "Pembangunan tangki septik SNI 2398:2017", "USAID IUWASH Tangguh", 3, "tukang"),
    ("pembukuan", "Pembukuan sederhana dan buku kas umum", "USAID IUWASH Tangguh", 2, "bendahara"),
    ("manajemen", "Manajemen usaha sanitasi dan penetapan harga", "Dinas Perumahan, Permukiman dan "
     "Pemakaman Kab. Tangerang", 2, "leaders"),
    ("gender", "Kesetaraan gender dan inklusi dalam usaha sanitasi", "USAID IUWASH Tangguh", 1, "all"),
    ("produk", "Pengembangan produk: biofilter dan jamban difabel", "USAID IUWASH Tangguh", 2, "mixed"),
    ("pembukuan", "Pencatatan piutang dan cicilan pelanggan", "BPR Kerta Raharja Cabang Balaraja", 1, "women"),
    ("teknis", "Uji kedap air dan pemeriksaan mutu", "Dinas Perumahan, Permukiman dan Pemakaman Kab. "
     "Tangerang", 1, "tukang"),
)


def _weighted(rng, pairs):
    total = sum(w for _v, w in pairs)
    r = rng.uniform(0, total)
    for value, weight in pairs:
        r -= weight
        if r <= 0:
            return value
    return pairs[-1][0]


def evaluation_step(ctx: DemoContext) -> None:
    """After the calendar: what is kept but not numbered nor posted (surveys, checks, scores,
    partners, trainings)."""
    _surveys(ctx)
    _checks_and_scores(ctx)
    partner_ids = _partners(ctx)
    _trainings(ctx, partner_ids)


def _orders(ctx: DemoContext, session, ids: list[int]) -> list[Order]:
    return list(session.execute(select(Order).where(Order.id.in_(ids)).order_by(Order.id)).scalars()) if ids else []


def _surveys(ctx: DemoContext) -> None:
    rng, book = ctx.rng, ctx.book
    ids = list(ctx.ids.get("orders", []))
    made = close = small = 0
    for start in range(0, len(ids), BATCH):
        with book.transaction() as s:
            for order in _orders(ctx, s, ids[start:start + BATCH]):
                if order.price < 1_000_000 or rng.random() < 0.1:
                    continue  # desludging and small repairs need no survey; a few were never surveyed
                customer = s.get(Customer, order.customer_id)
                quote = s.get(Quote, order.quote_id) if order.quote_id else None
                day = quote.date if quote is not None else order.date
                persons = customer.household_size or rng.randint(3, 8)
                source = _weighted(rng, WATER)
                distance = None
                if source in ("sumur_bor", "sumur_gali"):
                    distance = Decimal(rng.choice((7, 9, 10, 11, 12, 12, 14, 15, 15, 16, 18, 20, 25, 12)))
                    if rng.random() < 0.5:
                        distance += Decimal("0.5")
                depth = Decimal(rng.choice(("1.5", "2", "2.5", "3", "4", "5")))
                advice = surveys.advise(persons, source, distance, depth)
                chosen, reason = None, ""
                r = rng.random()
                if r < 0.08:
                    chosen = min(Decimal("1.5"), advice.tank.volume_m3 - Decimal("0.1"))
                    reason = rng.choice(SMALL_REASONS)
                    small += 1
                elif r < 0.15:
                    chosen = advice.tank.volume_m3 + Decimal("0.5")
                data = surveys.SurveyInput(
                    date=day, quote_id=order.quote_id, order_id=order.id,
                    household_size=persons, water_source=source, well_distance_m=distance,
                    groundwater_depth_m=depth, soil_notes=rng.choice(SOILS),
                    groundwater_notes=rng.choice(GROUNDWATER),
                    truck_access=_weighted(rng, (("mudah", 70), ("sulit", 25), ("tidak", 5))),
                    chosen_volume_m3=chosen, override_reason=reason, surveyor_name="Siti Aminah")
                surveys.add_survey(s, data, actor=book.actor)
                made += 1
                close += well_too_close(source, distance)
    ctx.count("survei lokasi", made)
    ctx.count("survei: sumur kurang dari 10 m", close)
    ctx.count("survei: tangki lebih kecil dengan alasan", small)


def _fail(rng, code: str) -> str:
    return rng.choice(FAIL_NOTES.get(code, ("Perlu diperbaiki",)))


def _checks_and_scores(ctx: DemoContext) -> None:
    rng, book = ctx.rng, ctx.book
    ids = list(ctx.ids.get("orders", []))
    stats = {"checked": 0, "failed": 0, "accepted": 0, "open": 0, "scores": 0}
    for start in range(0, len(ids), BATCH):
        with book.transaction() as s:
            for order in _orders(ctx, s, ids[start:start + BATCH]):
                if order.status not in ("selesai", "diserahterimakan") or order.price < 1_000_000:
                    continue
                handed = order.status == "diserahterimakan"
                day = order.finished_date or order.date
                failing = [c for c in quality.CHECKS if rng.random() < 0.025]
                fixed = [c for c in failing if rng.random() < 0.5]
                checks = [quality.CheckInput(c, c not in failing, _fail(rng, c) if c in failing else "")
                          for c in quality.CHECKS]
                quality.record_checks_in(s, order.id, day, checks, actor=book.actor, checked_by="Ahmad Fauzi")
                stats["checked"] += 1
                stats["failed"] += bool(failing)
                if fixed:  # fixed on the spot and checked again the same day
                    quality.record_checks_in(s, order.id, day, [quality.CheckInput(c, True, "Sudah diperbaiki")
                                                           for c in fixed], actor=book.actor)
                rest = [c for c in failing if c not in fixed]
                if rest and handed:  # handed over: the failure was accepted with a reason
                    quality.record_checks_in(s, order.id, day, [quality.CheckInput(c, False, _fail(rng, c),
                                                                         rng.choice(ACCEPT_REASONS))
                                                           for c in rest], actor=book.actor)
                    stats["accepted"] += len(rest)
                elif rest:
                    stats["open"] += len(rest)
                if handed and rng.random() < 0.85:
                    quality.record_satisfaction_in(s, order.id, _weighted(rng, SCORE_WEIGHTS),
                                              order.handed_over_date, actor=book.actor,
                                              comment=rng.choice(("", "", "Tukangnya rapi", "Cepat selesai",
                                                                  "Agak lama menunggu bahan")))
                    stats["scores"] += 1
    ctx.count("pemeriksaan mutu (pesanan)", stats["checked"])
    ctx.count("pemeriksaan mutu: ada yang gagal", stats["failed"])
    ctx.count("pemeriksaan mutu: gagal diterima dengan alasan", stats["accepted"])
    ctx.count("pemeriksaan mutu: gagal belum ditangani", stats["open"])
    ctx.count("nilai kepuasan", stats["scores"])


def handed_over(ctx: DemoContext, oid: int, day: dt.date) -> None:
    """One handed-over job in ten brings a complaint some days or months later."""
    rng, latest = ctx.rng, ctx.today - dt.timedelta(days=1)
    if rng.random() > 0.1 or day >= latest:
        return
    reported = ctx.day_between(day + dt.timedelta(days=7), min(latest, day + dt.timedelta(days=300)))
    if reported <= latest:
        ctx.calendar.on(reported, _complaint, ctx, oid)


def _complaint(s, day: dt.date, ctx: DemoContext, oid: int) -> None:
    """The complaint, and the service visit a few days later (some weeks later when a part had
    to be ordered); the latest complaints are still open today."""
    rng = ctx.rng
    cid = service_visits.report_complaint_in(s, service_visits.ComplaintInput(oid, day, rng.choice(COMPLAINTS)),
                                             actor=ctx.book.actor)
    ctx.count("keluhan")
    wait = rng.randint(20, 45) if rng.random() < 0.12 else rng.randint(1, 6)
    visit = day + dt.timedelta(days=wait)
    if visit > ctx.today:
        ctx.count("keluhan masih terbuka")
        return
    ctx.calendar.on(visit, _visit, ctx, cid)


def _visit(s, day: dt.date, ctx: DemoContext, cid: int) -> None:
    rng = ctx.rng
    cost = rng.choice((0, 0, 35_000, 60_000, 85_000, 150_000))
    method = rng.choice(("cash", "cash", "transfer"))
    if cost:
        treasury.money_for(ctx, s, day, method, cost)
    service_visits.add_visit_in(s, cid, service_visits.VisitInput(day, rng.choice(FIXES), cost, method,
                                                                  "Dedi Supriyadi"), actor=ctx.book.actor)
    ctx.count("kunjungan layanan")
    done = day + dt.timedelta(days=rng.choice((0, 0, 1, 3, 7, 14)))
    if done <= ctx.today:
        ctx.calendar.on(done, _resolved, ctx, cid)
    else:
        ctx.count("keluhan masih terbuka")


def _resolved(s, day: dt.date, ctx: DemoContext, cid: int) -> None:
    service_visits.resolve_in(s, cid, day, "Sudah diperbaiki, pemilik puas", actor=ctx.book.actor)


def _partners(ctx: DemoContext) -> dict[str, int]:
    book = ctx.book
    with book.reading() as s:
        payers = {pt: cid for cid, pt in s.execute(
            select(Customer.id, Customer.payer_type).where(Customer.kind == "institution")).all()}
        supplier_id = (ctx.ids.get("suppliers") or [None])[0]
        supplier_name = None
        if supplier_id is not None:
            from kws_desktop.store.models.purchasing import Supplier
            supplier_name = s.get(Supplier, supplier_id).name
    out = {}
    with book.transaction() as s:
        for name, kind, contact, payer, is_supplier, agreements in PARTNERS:
            if is_supplier:
                if supplier_id is None:
                    continue
                name = supplier_name
            pid = partners.add_partner_in(s, partners.PartnerInput(
                name=name, kind=kind, contact_person=contact, customer_id=payers.get(payer) if payer else None,
                supplier_id=supplier_id if is_supplier else None, since=ctx.start,
                address="Kabupaten Tangerang, Banten"), actor=book.actor)
            out[name] = pid
            for year in range(ctx.start.year, ctx.today.year + 1):
                for akind, number, title, month, months, value, units in agreements:
                    begin = dt.date(year, 1 + month, 1 + (len(name) % 20))
                    if begin > ctx.today or (months > 12 and (year - ctx.start.year) % 2):
                        continue
                    end = dt.date(begin.year + (begin.month - 1 + months) // 12,
                                  (begin.month - 1 + months) % 12 + 1, 1) - dt.timedelta(days=1)
                    partners.add_agreement_in(s, partners.AgreementInput(pid, title, begin, end, akind,
                                                             number.format(y=year), value, units),
                                        actor=book.actor)
                    ctx.count("perjanjian mitra")
    ctx.count("mitra", len(out))
    return out


def _trainings(ctx: DemoContext, partner_ids: dict[str, int]) -> None:
    rng, book = ctx.rng, ctx.book
    with book.reading() as s:
        members = s.execute(select(Member.id, Member.gender, Member.role, Member.joined_on, Member.left_on)
                            .order_by(Member.id)).all()
    made = 0
    with book.transaction() as s:
        for year in range(ctx.start.year, ctx.today.year + 1):
            for n, (topic, title, organiser, days, who) in enumerate(TRAININGS):
                begin = dt.date(year, 2 + n, 10 + rng.randint(0, 10))
                if begin > ctx.today:
                    continue
                for mid, gender, role, joined, left in members:
                    if joined > begin or (left is not None and left < begin):
                        continue
                    if who == "all" or (who == role) or (who == "women" and gender == "P") \
                            or (who == "leaders" and role in ("ketua", "bendahara", "sekretaris")) \
                            or (who == "mixed" and rng.random() < 0.5):
                        if year > ctx.start.year and who not in ("all",) and rng.random() < 0.5:
                            continue  # not everyone repeats a course
                        try:
                            trainings.add_training_in(s, trainings.TrainingInput(
                                mid, topic, begin, begin + dt.timedelta(days=days - 1), title=title,
                                organiser=organiser, partner_id=partner_ids.get(organiser),
                                certificate=days > 1, certificate_number=(
                                    f"{topic[:3].upper()}/{year}/{mid:03d}" if days > 1 else "")),
                                actor=book.actor)
                            made += 1
                        except UserError:
                            continue
    ctx.count("catatan pelatihan", made)
