"""Spreadsheet import: the template, every bad input (precise message, nothing saved), round trips."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from kws_desktop.documents.import_template import SHEET_BY_KEY, SHEETS
from kws_desktop.errors import UserError
from kws_desktop.services.exchange import spreadsheet_import, spreadsheet_sample
from kws_desktop.services.book.check import check_book
from kws_desktop.services.sales.customers import CustomerInput, create_customer
from kws_desktop.store.models.billing import Invoice, Payment
from kws_desktop.store.models.book import JournalEntry
from kws_desktop.store.models.sales import Customer
from kws_desktop.store.models.purchasing import Material, Purchase, Supplier
from kws_desktop.store.models.people import Member
from kws_desktop.store.models.jobs import Order

TABLES = (Member, Customer, Material, Supplier, Purchase, Order, Invoice, Payment, JournalEntry)


def counts(book) -> dict[str, int]:
    with book.reading() as s:
        return {t.__tablename__: s.execute(select(func.count()).select_from(t)).scalar() for t in TABLES}


def empty_counts(book) -> dict[str, int]:
    return {t.__tablename__: 0 for t in TABLES}


def fill(path, data: dict[str, list[dict]], *, template=None):
    """Write the template to `path` and put rows (dicts by column key) into its sheets."""
    if template is None:
        spreadsheet_import.write_template(path)
    wb = load_workbook(path)
    for key, rows in data.items():
        spec = SHEET_BY_KEY[key]
        ws = wb[spec.title]
        for values in rows:
            r = ws.max_row + 1
            for ci, col in enumerate(spec.columns, start=1):
                if values.get(col.key) is not None:
                    ws.cell(row=r, column=ci, value=values[col.key])
    wb.save(path)
    return path


GOOD = {
    "members": [{"name": "Siti Aminah", "gender": "P", "role": "bendahara", "joined_on": "15/01/2024",
                 "phone": "0812 3456 7890", "capital": "100.000", "daily_wage": 120000},
                {"name": "Budi Santoso", "gender": "l", "role": "Tukang", "joined_on": dt.datetime(2024, 3, 1),
                 "disability": "ya"}],
    "customers": [{"name": "Ahmad Fauzi", "gender": "L", "phone": "0813 1111 2222", "address": "Kp. Sukamaju",
                   "rt": "3", "rw": 5, "desa": "Sukamulya", "kecamatan": "Cikupa",
                   "kabupaten": "Kabupaten Tangerang", "is_mbr": "ya", "household_size": 5},
                  {"name": "Ahmad Fauzi", "gender": "L", "desa": "Cibadak", "kecamatan": "Balaraja"},
                  {"name": "Dewi Lestari", "gender": "P", "phone": 81299998888, "desa": "Talaga"}],
    "materials": [{"name": "Semen 50 kg", "unit": "sak", "category": "Semen dan pasir", "price": 65000,
                   "min_stock": "10"},
                  {"name": "Pasir pasang", "unit": "m3", "price": "Rp250.000", "min_stock": "2,5"}],
    "purchases": [{"slip_number": "NT-1", "date": "20/01/2026", "supplier": "TB Sinar Jaya", "method": "tunai",
                   "material": "semen 50 KG", "qty": "10", "unit_price": 65000, "shipping": 25000},
                  {"slip_number": "NT-1", "date": dt.date(2026, 1, 20), "supplier": "TB Sinar Jaya",
                   "method": "tunai", "material": "Pasir pasang", "qty": "2,5", "unit_price": "250.000"},
                  {"date": "21/01/2026", "supplier": "TB Maju", "method": "utang", "material": "Semen 50 kg",
                   "qty": 4, "unit_price": 66000}],
    "orders": [{"ref": "P-001", "date": "03/02/2026", "customer": "Ahmad Fauzi", "desa": "Sukamulya",
                "description": "Tangki septik individual", "price": "4.500.000", "other_payer": "BAZNAS",
                "other_amount": 2500000, "other_name": "BAZNAS Kab. Tangerang"},
               {"ref": "P-002", "date": "05/02/2026", "customer": "Dewi Lestari",
                "description": "Penyedotan lumpur tinja", "price": 350000}],
    "payments": [{"date": "10/02/2026", "order": "P-001", "payer": "Swadaya", "amount": "1.000.000"},
                 {"date": "11/03/2026", "order": "p-001", "payer": "BAZNAS", "amount": 2500000,
                  "method": "transfer"},
                 {"date": "06/02/2026", "customer": "Dewi Lestari", "amount": 350000}],
}


def refused(book, path) -> list[str]:
    before = counts(book)
    with pytest.raises(spreadsheet_import.ImportRefused) as info:
        spreadsheet_import.import_workbook(book, path)
    assert counts(book) == before, "nothing may be saved"
    return [str(p) for p in info.value.import_problems]


# --- the template ---------------------------------------------------------------------------

def test_template_has_every_sheet_headers_comments_lists_and_instructions(tmp_path):
    path = spreadsheet_import.write_template(tmp_path / "templat.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[:7] == ["Petunjuk", "Anggota", "Pelanggan", "Bahan", "Pembelian", "Pesanan",
                                 "Pembayaran"]
    assert wb["Daftar"].sheet_state == "hidden"
    for spec in SHEETS:
        ws = wb[spec.title]
        headers = [c.value for c in ws[1]]
        assert headers[0].rstrip(" *") == spec.columns[0].title
        assert len(headers) == len(spec.columns)
        assert all(c.comment is not None and c.comment.text for c in ws[1])
        assert ws.max_row == 1, "the template holds no data rows"
    members = wb["Anggota"]
    assert members["B1"].value == "Jenis kelamin *"
    assert "P = perempuan" in members["B1"].comment.text
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in members.data_validations.dataValidation}
    assert "B2" in lists and lists["B2"].startswith("=Daftar!")
    customers = wb["Pelanggan"]
    kec = [dv for dv in customers.data_validations.dataValidation if str(dv.sqref).startswith("J2")]
    assert kec and kec[0].errorStyle == "information"  # kecamatan only suggested
    daftar = wb["Daftar"]
    kecamatan_col = [c.value for c in daftar[1]].index("Kecamatan") + 1
    assert daftar.cell(row=2, column=kecamatan_col).value
    guide = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    for text in ("15/01/2026", "1.250.000", "2,5", "Anggota, Pelanggan, Bahan, Pembelian, Pesanan, Pembayaran",
                 "PSN-2026-0001", "Desa/kelurahan atau Telepon"):
        assert text in guide


def test_template_lists_keep_text_that_starts_like_a_formula(tmp_path):
    """Names in the pick lists come from the book: each is a string cell holding exactly the
    name (no apostrophe added, never a formula), a phone-like "+62 .." included."""
    from kws_desktop.documents.import_template import write_import_template
    names = ["=HYPERLINK(\"http://x\",\"klik\")", "+62 812 3456 7890", "-", "@CSR Bank", "BAZNAS"]
    wb = load_workbook(write_import_template(tmp_path / "t.xlsx", {"institution_payer": names}))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    daftar = wb["Daftar"]
    column = [c.value for c in daftar[1]].index("Pembayar lain") + 1
    listed = [daftar.cell(row=r, column=column) for r in range(2, 2 + len(names))]
    assert [c.value for c in listed] == names
    assert all(c.data_type == "s" for c in listed)
    assert [c.quotePrefix for c in listed] == [True, True, True, True, False]


def test_importing_the_blank_template_says_it_is_empty(book, tmp_path):
    path = spreadsheet_import.write_template(tmp_path / "kosong.xlsx")
    with pytest.raises(UserError, match="belum berisi data"):
        spreadsheet_import.import_workbook(book, path)
    assert counts(book) == empty_counts(book)


# --- a good import --------------------------------------------------------------------------

def test_import_creates_every_kind_of_record_through_the_services(book, tmp_path):
    path = fill(tmp_path / "isi.xlsx", GOOD)
    summary = spreadsheet_import.import_workbook(book, path)
    assert (summary.members, summary.customers, summary.materials, summary.suppliers) == (2, 3, 2, 2)
    assert (summary.purchases, summary.purchase_lines, summary.orders) == (2, 3, 2)
    assert (summary.invoices, summary.payments) == (3, 3)
    assert check_book(book) == []
    with book.reading() as s:
        siti = s.execute(select(Member).where(Member.name == "Siti Aminah")).scalar_one()
        assert (siti.gender, siti.role, siti.joined_on, siti.capital) == ("P", "bendahara", dt.date(2024, 1, 15), 100000)
        budi = s.execute(select(Member).where(Member.name == "Budi Santoso")).scalar_one()
        assert (budi.gender, budi.role, budi.disability) == ("L", "tukang", True)
        ahmad = s.execute(select(Customer).where(Customer.desa == "Sukamulya")).scalar_one()
        assert (ahmad.rt, ahmad.rw, ahmad.kecamatan, ahmad.is_mbr, ahmad.household_size) == ("003", "005", "Cikupa", True, 5)
        dewi = s.execute(select(Customer).where(Customer.name == "Dewi Lestari")).scalar_one()
        assert dewi.phone == "081299998888"  # the number cell lost its leading zero; it is back
        nota = s.execute(select(Purchase).where(Purchase.slip_number == "NT-1")).scalar_one()
        assert (nota.status, nota.method, nota.total) == ("posted", "cash", 10 * 65000 + 625000 + 25000)
        assert len(nota.lines) == 2 and nota.lines[1].qty == Decimal("2.5")
        credit = s.execute(select(Purchase).where(Purchase.method == "credit")).scalar_one()
        assert credit.supplier_id is not None
        order = s.execute(select(Order).where(Order.customer_id == ahmad.id)).scalar_one()
        assert order.price == 4_500_000 and "No. catatan: P-001" in order.notes
        assert {(p.payer_type, p.amount) for p in order.payers} == {("swadaya", 2_000_000), ("baznas", 2_500_000)}
        invoices = s.execute(select(Invoice).order_by(Invoice.id)).scalars().all()
        assert [(i.payer_type, i.status) for i in invoices] == [("swadaya", "open"), ("baznas", "paid"),
                                                                ("swadaya", "paid")]
        assert s.execute(select(func.sum(Payment.amount))).scalar() == 1_000_000 + 2_500_000 + 350_000


def test_import_into_a_new_path_creates_the_book(tmp_path):
    from kws_desktop.services.book.books import open_book
    path = fill(tmp_path / "isi.xlsx", GOOD)
    target = tmp_path / "baru.kws"
    summary = spreadsheet_import.import_into(target, path)
    assert summary.created_book and target.exists()
    with open_book(target, read_only=True) as book:
        assert counts(book)["orders"] == 2
        assert check_book(book) == []


def test_refused_import_into_a_new_path_leaves_no_book(tmp_path):
    path = fill(tmp_path / "salah.xlsx", {"members": [{"name": "Siti", "gender": "X", "joined_on": "1/1/2024"}]})
    target = tmp_path / "baru.kws"
    with pytest.raises(spreadsheet_import.ImportRefused):
        spreadsheet_import.import_into(target, path)
    assert not target.exists()
    garbage = tmp_path / "acak.xlsx"
    garbage.write_bytes(b"\x00\x01 bukan excel")
    with pytest.raises(UserError, match="bukan berkas Excel"):
        spreadsheet_import.import_into(target, garbage)
    assert not target.exists()


# --- bad input: the file --------------------------------------------------------------------

def test_random_bytes_are_not_an_xlsx(book, tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(UserError) as info:
        spreadsheet_import.import_workbook(book, path)
    assert info.value.message == ('Berkas data.xlsx bukan berkas Excel (.xlsx). Simpan dari Excel atau '
                                  'LibreOffice sebagai "Buku Kerja Excel (.xlsx)", lalu coba lagi.')
    assert counts(book) == empty_counts(book)


def test_a_csv_renamed_to_xlsx_is_refused(book, tmp_path):
    path = tmp_path / "anggota.xlsx"
    path.write_text("Nama,Jenis kelamin,Tanggal masuk\nSiti,P,15/01/2024\n", encoding="utf-8")
    with pytest.raises(UserError, match="bukan berkas Excel"):
        spreadsheet_import.import_workbook(book, path)
    assert counts(book) == empty_counts(book)


def test_a_zip_that_is_not_a_workbook_and_an_old_xls_are_refused(book, tmp_path):
    import zipfile
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("catatan.txt", "bukan excel")
    with pytest.raises(UserError, match="bukan berkas Excel"):
        spreadsheet_import.import_workbook(book, path)
    old = tmp_path / "lama.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    with pytest.raises(UserError, match=r"format Excel lama \(.xls\)"):
        spreadsheet_import.import_workbook(book, old)
    assert counts(book) == empty_counts(book)


def test_a_missing_sheet_is_named(book, tmp_path):
    path = fill(tmp_path / "isi.xlsx", GOOD)
    wb = load_workbook(path)
    del wb["Pembayaran"]
    wb.save(path)
    problems = refused(book, path)
    assert problems == ["Pembayaran: lembar ini tidak ada di berkas. Pakai templat dari KWS Desktop dan jangan "
                        "hapus lembarnya (biarkan kosong bila tidak dipakai)."]


def test_a_missing_column_is_named(book, tmp_path):
    path = fill(tmp_path / "isi.xlsx", GOOD)
    wb = load_workbook(path)
    wb["Anggota"].delete_cols(2)  # Jenis kelamin
    wb.save(path)
    problems = refused(book, path)
    assert problems[0] == ("Anggota, baris 1, kolom Jenis kelamin: kolom ini tidak ada (judul kolom di baris 1). "
                           "Kembalikan judul kolom seperti di templat.")


# --- bad input: cells -----------------------------------------------------------------------

def with_rows(**changes) -> dict[str, list[dict]]:
    data = {k: [dict(r) for r in v] for k, v in GOOD.items()}
    for key, (index, values) in changes.items():
        data[key][index].update(values)
    return data


def test_a_word_where_a_quantity_belongs(book, tmp_path):
    path = fill(tmp_path / "isi.xlsx", with_rows(purchases=(1, {"qty": "dua"})))
    assert refused(book, path) == ['Pembelian, baris 3, kolom Jumlah: bukan angka ("dua").']


def test_a_wrong_date_and_a_wrong_money_amount(book, tmp_path):
    path = fill(tmp_path / "isi.xlsx", with_rows(orders=(0, {"date": "31/02/2026", "price": "4,5 juta"}),
                                                 members=(1, {"joined_on": "kemarin"})))
    assert refused(book, path) == [
        'Anggota, baris 3, kolom Tanggal masuk: bukan tanggal yang benar ("kemarin"); tulis hari/bulan/tahun, '
        'misalnya 15/01/2026.',
        'Pesanan, baris 2, kolom Tanggal: bukan tanggal yang benar ("31/02/2026"); tulis hari/bulan/tahun, '
        'misalnya 15/01/2026.',
        'Pesanan, baris 2, kolom Harga: bukan angka rupiah ("4,5 juta"); tulis misalnya 1250000 atau 1.250.000.',
    ]


def test_money_with_cents_a_bad_choice_and_a_missing_required_cell(book, tmp_path):
    path = fill(tmp_path / "isi.xlsx", with_rows(payments=(0, {"amount": 1000000.5}),
                                                 customers=(2, {"gender": "X"}),
                                                 materials=(1, {"unit": None})))
    assert refused(book, path) == [
        'Pelanggan, baris 4, kolom Jenis kelamin: tidak dikenal ("X"); pilih salah satu: P, L.',
        "Bahan, baris 3, kolom Satuan: wajib diisi.",
        'Pembayaran, baris 2, kolom Jumlah: uang ditulis rupiah bulat, tanpa sen ("1000000.5").',
    ]


def test_service_rules_are_reported_per_cell(book, tmp_path):
    path = fill(tmp_path / "isi.xlsx", with_rows(customers=(0, {"nik": "12345", "rt": "tiga"})))
    assert refused(book, path) == [
        "Pelanggan, baris 2, kolom NIK: NIK harus 16 angka (boleh dikosongkan).",
        "Pelanggan, baris 2, kolom RT: RT dan RW ditulis dengan angka, misalnya 003.",
    ]


# --- bad input: references and duplicates ---------------------------------------------------

def test_a_customer_or_material_that_does_not_exist(book, tmp_path):
    path = fill(tmp_path / "isi.xlsx", with_rows(orders=(1, {"customer": "Dewi Lestary"}),
                                                 purchases=(2, {"material": "Semen 40 kg"})))
    assert refused(book, path) == [
        'Pembelian, baris 4, kolom Bahan: bahan "Semen 40 kg" tidak ada di lembar Bahan maupun di buku.',
        'Pesanan, baris 3, kolom Pelanggan: pelanggan "Dewi Lestary" tidak ada di lembar Pelanggan maupun di buku.',
        # and so the payment that names Dewi finds no order of hers
        'Pembayaran, baris 4, kolom Pelanggan: pelanggan "Dewi Lestari" tidak punya pesanan yang belum lunas '
        'untuk pembayar Swadaya.',
    ]


def test_an_ambiguous_customer_and_an_unknown_order(book, tmp_path):
    path = fill(tmp_path / "isi.xlsx", with_rows(orders=(0, {"desa": None}), payments=(1, {"order": "P-009"})))
    assert refused(book, path) == [
        'Pesanan, baris 2, kolom Pelanggan: ada 2 pelanggan bernama "Ahmad Fauzi"; isi juga Desa/kelurahan atau '
        'Telepon agar jelas yang mana.',
        'Pembayaran, baris 3, kolom No. pesanan: pesanan "P-009" tidak ada di lembar Pesanan maupun di buku.',
    ]


def test_the_same_member_twice(book, tmp_path):
    data = with_rows()
    data["members"].append({"name": "siti  aminah", "gender": "P", "joined_on": "01/02/2024"})
    path = fill(tmp_path / "isi.xlsx", data)
    assert refused(book, path) == ['Anggota, baris 4, kolom Nama: anggota "siti aminah" sudah ditulis di baris 2.']


def test_a_customer_already_in_the_book(book, tmp_path):
    create_customer(book, CustomerInput(name="Dewi Lestari", gender="P", desa="Talaga"))
    before = counts(book)
    path = fill(tmp_path / "isi.xlsx", GOOD)
    with pytest.raises(spreadsheet_import.ImportRefused) as info:
        spreadsheet_import.import_workbook(book, path)
    assert [str(p) for p in info.value.import_problems] == [
        'Pelanggan, baris 4, kolom Nama: pelanggan "Dewi Lestari" di desa Talaga sudah ada di buku.']
    assert counts(book) == before


def test_a_payment_larger_than_what_is_owed(book, tmp_path):
    path = fill(tmp_path / "isi.xlsx", with_rows(payments=(0, {"amount": 2_500_000})))
    assert refused(book, path) == [
        "Pembayaran, baris 2, kolom Jumlah: lebih besar dari sisa tagihan Swadaya untuk pesanan P-001 (Rp2.000.000)."]


def test_an_error_in_the_last_row_of_the_last_sheet_after_many_good_rows(book, tmp_path):
    path = spreadsheet_sample.make_sample_workbook(tmp_path / "setahun.xlsx", 300)
    wb = load_workbook(path)
    ws = wb["Pembayaran"]
    last = ws.max_row + 1
    ws.cell(row=last, column=1, value="15/13/2025")
    ws.cell(row=last, column=2, value="P-0001")
    ws.cell(row=last, column=7, value=10000)
    wb.save(path)
    problems = refused(book, path)
    assert problems == [f'Pembayaran, baris {last}, kolom Tanggal: bukan tanggal yang benar ("15/13/2025"); '
                        f'tulis hari/bulan/tahun, misalnya 15/01/2026.']
    assert counts(book) == empty_counts(book)


def test_a_rule_only_the_book_knows_stops_the_import_and_saves_nothing(demo_book, tmp_path):
    """Phase two: the services refuse a row the sheet checks could not judge (a payment above what
    an order already in the book still owes); everything is rolled back."""
    with demo_book.reading() as s:
        number = s.execute(select(Order.number).where(Order.status != "batal").order_by(Order.id)).scalars().first()
    path = fill(tmp_path / "isi.xlsx", {
        "members": [{"name": "Anggota Baru Impor", "gender": "P", "joined_on": "01/10/2026"}],
        "payments": [{"date": "27/11/2026", "order": number, "amount": 900_000_000}]})
    problems = refused(demo_book, path)
    assert len(problems) == 1
    assert problems[0].startswith("Pembayaran, baris 2, kolom ")
    with demo_book.reading() as s:
        assert s.execute(select(Member).where(Member.name == "Anggota Baru Impor")).first() is None


def test_cancelling_saves_nothing(book, tmp_path):
    path = spreadsheet_sample.make_sample_workbook(tmp_path / "setahun.xlsx", 120)

    class Stop(Exception):
        pass

    def progress(done, total):
        if done >= 50:
            raise Stop

    with pytest.raises(Stop):
        spreadsheet_import.import_workbook(book, path, progress=progress)
    assert counts(book) == empty_counts(book)


# --- a year of records ----------------------------------------------------------------------

def test_round_trip_a_year_of_records(book, tmp_path):
    """Template -> a realistic year filled with openpyxl (~300 rows) -> import -> check -> lists."""
    from kws_desktop.services.listing import LISTS
    path = spreadsheet_sample.make_sample_workbook(tmp_path / "setahun.xlsx", 300, seed=3)
    wb = load_workbook(path, read_only=True)
    rows = {spec.key: sum(1 for r in wb[spec.title].iter_rows(min_row=2, values_only=True) if any(r))
            for spec in SHEETS}
    wb.close()
    assert 280 <= sum(rows.values()) <= 320
    seen = []
    summary = spreadsheet_import.import_workbook(book, path, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert summary.members == rows["members"] and summary.customers == rows["customers"]
    assert summary.materials == rows["materials"] and summary.orders == rows["orders"]
    assert summary.purchase_lines == rows["purchases"] and summary.payments == rows["payments"]
    assert check_book(book) == []
    assert len(LISTS["members"].fetch(book)) == rows["members"]
    assert len(LISTS["customers"].fetch(book)) >= rows["customers"]  # plus institutions billed
    assert len(LISTS["materials"].fetch(book)) == rows["materials"]
    assert len(LISTS["purchases"].fetch(book)) == summary.purchases
    orders = LISTS["orders"].fetch(book)
    assert len(orders) == rows["orders"] and all(o["number"].startswith("PSN-2025-") for o in orders)
    assert len(LISTS["payments"].fetch(book)) == rows["payments"]
    # importing the same workbook again finds every duplicate and saves nothing
    again = refused(book, path)
    assert any("sudah ada anggota" in p for p in again)


def test_big_notebook_imports_in_one_go(tmp_path):
    """A big notebook (1,200 rows) imports in one transaction; benchmarks/run.py times 5,000."""
    path = spreadsheet_sample.make_sample_workbook(tmp_path / "besar.xlsx", 1200, seed=5)
    summary = spreadsheet_import.import_into(tmp_path / "besar.kws", path)
    assert summary.rows >= 1150 and summary.created_book
    assert summary.orders > 200 and summary.payments > 200


def test_the_work_typed_in_the_sheet_reaches_the_order_and_its_papers(book, tmp_path):
    """Issue 19.2: an imported order printed "Pekerjaan sanitasi" instead of its work."""
    from kws_desktop.services.billing import payments
    from kws_desktop.services.jobs import orders
    from kws_desktop.store.models.billing import InvoiceLine, Receipt
    spreadsheet_import.import_workbook(book, fill(tmp_path / "isi.xlsx", GOOD))
    with book.reading() as s:
        dewi = s.execute(select(Order).where(Order.customer_name == "Dewi Lestari")).scalar_one()
        assert dewi.description == "Penyedotan lumpur tinja"
        line = s.execute(select(InvoiceLine).where(InvoiceLine.order_id == dewi.id)).scalar_one()
        assert line.description == f"{dewi.number}: Penyedotan lumpur tinja - Dewi Lestari (bagian Swadaya)"
        receipt = s.execute(select(Receipt).join(Payment, Payment.id == Receipt.payment_id)
                            .where(Payment.invoice_id == line.invoice_id)).scalar_one()
        kuitansi = payments.kuitansi_data(s, [receipt])[0]
        assert kuitansi.purpose.startswith(f"Pesanan {dewi.number} - Penyedotan lumpur tinja, tagihan")
        order_id = dewi.id
    # the handover letter (BAST) lists the order's own lines
    assert [i.description for i in orders.get_order(book, order_id).main_items] == ["Penyedotan lumpur tinja"]
