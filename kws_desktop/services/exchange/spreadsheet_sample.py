"""A filled import workbook: a realistic year of notebook records, for tests, benchmarks and
trainers preparing a workshop scenario. Deterministic from `seed`.

    make_sample_workbook(path, rows=300)   # about `rows` data rows over the six sheets
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from openpyxl import load_workbook

from kws_desktop.documents.import_template import SHEET_BY_KEY
from kws_desktop.i18n import _

FIRST = ("Ahmad", "Siti", "Budi", "Dewi", "Agus", "Rina", "Hendra", "Yuli", "Asep", "Nur", "Dedi", "Ika",
         "Ujang", "Euis", "Rudi", "Lilis", "Joko", "Sri", "Iwan", "Neng", "Wawan", "Tati", "Eko", "Ani",
         "Jajang", "Enok", "Samsul", "Fitri", "Ade", "Imas", "Yayat", "Mega", "Dadang", "Nani", "Odih")
LAST = ("Fauzi", "Aminah", "Santoso", "Lestari", "Saputra", "Wati", "Gunawan", "Rahayu", "Sunarya",
        "Hidayat", "Kurnia", "Permana", "Suryani", "Hasanah", "Setiawan", "Maulana", "Rohmah",
        "Nugraha", "Sopandi", "Komariah", "Ramdani", "Mulyadi", "Julaeha", "Supriatna", "Hamdani")
DESA = ("Sukamulya", "Cibadak", "Pasir Gadung", "Talaga", "Bojong", "Sukanagara", "Cikupa", "Dukuh",
        "Bitung Jaya", "Pasir Jaya", "Sukamanah", "Kadu", "Serdang Wetan", "Rancaiyuh", "Pangkat")
KECAMATAN = ("Cikupa", "Balaraja", "Pasar Kemis", "Tigaraksa", "Jayanti", "Kresek", "Rajeg")
MATERIALS = (("Semen 50 kg", "sak", 65000), ("Pasir pasang", "m3", 250000), ("Batu bata", "buah", 900),
             ("Besi 8 mm", "batang", 48000), ("Pipa PVC 4 inci", "batang", 135000),
             ("Pipa PVC 3 inci", "batang", 95000), ("Kloset leher angsa", "buah", 175000),
             ("Cincin beton 80 cm", "buah", 210000), ("Batu split", "m3", 300000),
             ("Sambungan T 4 inci", "buah", 27000), ("Lem pipa", "kaleng", 18000),
             ("Papan cor", "lembar", 55000), ("Kawat bendrat", "kg", 22000), ("Keramik 30x30", "dus", 62000),
             ("Tangki biofilter 1 m3", "unit", 3100000), ("Semen putih", "kg", 4000), ("Paku 5 cm", "kg", 21000),
             ("Cat tembok", "kaleng", 85000), ("Kayu kaso", "batang", 32000), ("Pasir beton", "m3", 280000))
SHOPS = ("TB Sinar Jaya", "TB Maju Makmur", "Toko Bangunan Berkah", "TB Sumber Rejeki", "Panglong Haji Udin")
WORKS = ("Tangki septik individual", "Tangki septik biofilter", "Jamban sehat dan tangki septik",
         "Perbaikan jamban", "Penyedotan lumpur tinja", "Kloset dan saluran ke tangki")
PROGRAMS = (("BAZNAS", "BAZNAS Kab. Tangerang"), ("APBD", "Dinas Perkim Kab. Tangerang"),
            ("CSR", "CSR PT Sinar Abadi"), ("DAK", "Program DAK Sanitasi"))
ROLES = ("ketua", "bendahara", "sekretaris", "tukang", "tukang", "pemasar", "anggota")


def _date(rng: random.Random, day: dt.date) -> object:
    """Dates as a treasurer types them: mostly dd/mm/yyyy text, some real date cells."""
    return day if rng.random() < 0.3 else day.strftime("%d/%m/%Y")


def _money(rng: random.Random, amount: int) -> object:
    roll = rng.random()
    if roll < 0.2:
        return f"{amount:,}".replace(",", ".")
    if roll < 0.25:
        return "Rp" + f"{amount:,}".replace(",", ".")
    return amount


def make_sample_workbook(path, rows: int = 300, *, seed: int = 1, year: int = 2025) -> Path:
    """Write the import template filled with about `rows` data rows of one year: members,
    customers, materials, purchases (nota with several lines), orders (some with a program
    paying part) and payments (instalments, program transfers). Every row is valid."""
    from kws_desktop.services.exchange.spreadsheet_import import write_template
    rng = random.Random(seed)
    path = Path(path)
    write_template(path)
    wb = load_workbook(path)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    span = (end - start).days

    def sheet(key: str):
        return wb[_(SHEET_BY_KEY[key].title)]

    def put(key: str, values: dict) -> None:
        spec = SHEET_BY_KEY[key]
        ws = sheet(key)
        r = ws.max_row + 1
        for ci, col in enumerate(spec.columns, start=1):
            if values.get(col.key) not in (None, ""):
                ws.cell(row=r, column=ci, value=values[col.key])

    n_members = max(3, min(25, rows // 200 + 3))
    n_materials = min(len(MATERIALS), max(4, rows // 60))
    rest = max(6, rows - n_members - n_materials)
    n_customers = max(2, int(rest * 0.24))
    n_purchase_lines = max(2, int(rest * 0.20))
    n_orders = max(2, int(rest * 0.24))
    n_payments = max(1, rest - n_customers - n_purchase_lines - n_orders)

    used: set[str] = set()
    for i in range(n_members):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        while name.lower() in used:
            name += f" {rng.choice(LAST)}"
        used.add(name.lower())
        put("members", {"name": name, "gender": rng.choice("PL"), "role": ROLES[i % len(ROLES)],
                        "joined_on": _date(rng, dt.date(year - 2, 1, 1) + dt.timedelta(days=rng.randint(0, 700))),
                        "phone": f"08{rng.randint(1000000000, 9999999999)}",
                        "capital": rng.choice((0, 50000, 100000)), "daily_wage": rng.choice((100000, 120000, 150000)),
                        "disability": "ya" if rng.random() < 0.05 else "tidak"})

    customers: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    while len(customers) < n_customers:
        name, desa = f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(DESA)
        if (name.lower(), desa.lower()) in seen:
            name += f" {rng.choice(LAST)}"
            if (name.lower(), desa.lower()) in seen:
                continue
        seen.add((name.lower(), desa.lower()))
        customers.append((name, desa))
        put("customers", {"name": name, "kind": "rumah tangga", "gender": rng.choice("LLP"),
                          "phone": f"08{rng.randint(1000000000, 9999999999)}" if rng.random() < 0.7 else "",
                          "address": f"Kp. {rng.choice(DESA)}", "rt": f"{rng.randint(1, 12):03d}",
                          "rw": f"{rng.randint(1, 8):03d}", "desa": desa, "kecamatan": rng.choice(KECAMATAN),
                          "kabupaten": "Kabupaten Tangerang", "is_mbr": "ya" if rng.random() < 0.6 else "tidak",
                          "household_size": rng.randint(2, 8)})

    materials = MATERIALS[:n_materials]
    for name, unit, price in materials:
        put("materials", {"name": name, "unit": unit, "price": price, "min_stock": rng.choice(("0", "5", "2,5"))})

    written = 0
    slip_no = 0
    while written < n_purchase_lines:
        slip_no += 1
        day = start + dt.timedelta(days=rng.randint(0, span))
        shop = rng.choice(SHOPS)
        method = rng.choice(("tunai", "tunai", "tunai", "transfer", "utang"))
        lines = min(rng.randint(1, 4), n_purchase_lines - written)
        for j in range(lines):
            name, unit, price = rng.choice(materials)
            qty = rng.choice(("1", "2", "5", "10", "2,5", "0,5", "20"))
            put("purchases", {"slip_number": f"NT-{slip_no:04d}", "date": _date(rng, day), "supplier": shop,
                              "method": method, "material": name.upper() if rng.random() < 0.1 else name,
                              "qty": qty, "unit_price": _money(rng, price + rng.choice((0, 0, 1000, -500))),
                              "shipping": 25000 if j == 0 and rng.random() < 0.3 else None})
        written += lines

    orders: list[tuple[str, dt.date, int, dict[str, int], str]] = []
    for i in range(n_orders):
        name, desa = rng.choice(customers)
        day = start + dt.timedelta(days=rng.randint(0, span - 30))
        price = rng.randint(40, 120) * 50000
        shares = {"Swadaya": price}
        other = None
        if rng.random() < 0.35:
            kind, org = rng.choice(PROGRAMS)
            part = rng.randint(10, price // 50000 - 5) * 50000 if price > 750000 else price // 2
            shares = {"Swadaya": price - part, kind: part}
            other = (kind, org, part)
        ref = f"P-{i + 1:04d}"
        orders.append((ref, day, price, shares, name))
        put("orders", {"ref": ref, "date": _date(rng, day), "customer": name, "desa": desa,
                       "description": rng.choice(WORKS), "qty": "1", "price": _money(rng, price),
                       "other_payer": other[0] if other else None, "other_amount": other[2] if other else None,
                       "other_name": other[1] if other else None})

    paid = 0
    order_cycle = list(orders)
    rng.shuffle(order_cycle)
    while paid < n_payments and order_cycle:
        ref, day, _price, shares, _name = order_cycle.pop()
        for payer, share in shares.items():
            if paid >= n_payments:
                break
            if payer != "Swadaya":
                put("payments", {"date": _date(rng, min(end, day + dt.timedelta(days=rng.randint(20, 60)))),
                                 "order": ref, "payer": payer, "amount": share, "method": "transfer"})
                paid += 1
                continue
            parts = rng.choice((1, 2, 3)) if share >= 300000 else 1
            left = share
            when = day
            for k in range(parts):
                if paid >= n_payments or (k and rng.random() < 0.15):
                    break  # some instalments are still owed at the end of the year
                amount = left if k == parts - 1 else (share // parts) // 1000 * 1000
                when = min(end, when + dt.timedelta(days=rng.randint(0, 40)))
                put("payments", {"date": _date(rng, when), "order": ref, "payer": "Swadaya",
                                 "amount": _money(rng, amount), "method": rng.choice(("tunai", "tunai", "transfer"))})
                left -= amount
                paid += 1
    wb.save(path)
    return path
