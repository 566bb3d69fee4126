"""`kws-desktop template OUT.xlsx` and `kws-desktop import BOOK FILE.xlsx`."""
from __future__ import annotations

from openpyxl import load_workbook

from kws_desktop.cli import main


def test_template_then_import_into_a_new_book(tmp_path, capsys):
    out = tmp_path / "templat.xlsx"
    assert main(["template", str(out)]) == 0
    assert "Templat impor ditulis" in capsys.readouterr().out
    wb = load_workbook(out)
    wb["Anggota"].append(["Siti Aminah", "P", "bendahara", "15/01/2024"])
    wb["Pelanggan"].append(["Ahmad Fauzi", "rumah tangga", "L", None, None, None, None, None, "Sukamulya"])
    wb.save(out)
    book = tmp_path / "baru.kws"
    assert main(["import", str(book), str(out)]) == 0
    text = capsys.readouterr().out
    assert "Buku baru dibuat dan diisi" in text and "Anggota: 1" in text and "Pelanggan: 1" in text
    assert main(["check", str(book)]) == 0
    # the same file again: refused, every problem on its own line, exit 1
    assert main(["import", str(book), str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "Tidak ada yang diimpor: ditemukan 2 masalah. Perbaiki lalu impor lagi."
    assert err[1] == '- Anggota, baris 2, kolom Nama: sudah ada anggota bernama "Siti Aminah" di buku.'


def test_import_refuses_a_file_that_is_not_xlsx_without_creating_the_book(tmp_path, capsys):
    bad = tmp_path / "data.xlsx"
    bad.write_text("nama;jenis\nSiti;P\n")
    book = tmp_path / "baru.kws"
    assert main(["import", str(book), str(bad)]) == 1
    assert "bukan berkas Excel (.xlsx)" in capsys.readouterr().err
    assert not book.exists()


def test_template_into_a_missing_folder_and_usage(tmp_path, capsys):
    assert main(["template", str(tmp_path / "tidak-ada" / "t.xlsx")]) == 1
    assert "tidak ada" in capsys.readouterr().err
    try:
        code = main(["import", str(tmp_path / "b.kws")])
    except SystemExit as exc:
        code = exc.code
    assert code == 2


def test_import_of_rows_dated_before_the_latest_documents_needs_a_reason(tmp_path, capsys):
    """Orders (their invoices) and payments (their kuitansi) dated before the book's latest
    invoice and kuitansi of their year number against their dates: the import refuses them
    (nothing saved) unless --backdate-note says why; the reason is kept with each."""
    import datetime as dt
    from kws_desktop.services.billing import invoices, payments
    from kws_desktop.services.book.books import create_book, open_book
    from kws_desktop.services.exchange.spreadsheet_sample import make_sample_workbook
    from kws_desktop.services.sales.customers import CustomerInput, create_customer
    from kws_desktop.store.models.billing import Invoice, Payment, Receipt
    sheet = make_sample_workbook(tmp_path / "contoh.xlsx", rows=20, seed=1, year=2025)
    path = tmp_path / "buku.kws"
    book = create_book(path)
    customer = create_customer(book, CustomerInput(name="Pak Kasno", kind="household", payer_type="swadaya"))
    inv = invoices.create_invoice(book, customer_id=customer.id, payer_type="swadaya",
                                  date=dt.date(2025, 12, 30), due_date=dt.date(2025, 12, 31),
                                  lines=[invoices.LineSpec(None, "Perbaikan kloset", 150_000)])
    payments.record_payment(book, invoice_id=inv.id, date=dt.date(2025, 12, 30), amount=150_000)
    book.close(backup=False)
    assert main(["import", str(path), str(sheet)]) == 1
    err = capsys.readouterr().err
    assert "Tagihan terakhir tahun ini bertanggal 30 Desember 2025" in err and "--backdate-note" in err
    book = open_book(path)
    with book.reading() as s:
        assert s.query(Receipt).count() == 1 and s.query(Invoice).count() == 1
    book.close(backup=False)
    assert main(["import", str(path), str(sheet), "--backdate-note", "Data lama dari buku tulis"]) == 0
    book = open_book(path)
    with book.reading() as s:
        assert s.query(Receipt).count() > 1
        later = s.query(Payment).filter(Payment.id > 1).all() + s.query(Invoice).filter(Invoice.id > 1).all()
        assert later and all("Data lama dari buku tulis" in row.note for row in later)
    book.close(backup=False)
    assert main(["check", str(path)]) == 0


def test_a_purchase_dated_after_today_needs_future_ok(tmp_path, capsys):
    """Money dated after today is imported only when the command says it is meant."""
    import datetime as dt
    out = tmp_path / "templat.xlsx"
    assert main(["template", str(out)]) == 0
    wb = load_workbook(out)
    wb["Bahan"].append(["Semen 50 kg", "sak", None, 65000])
    soon = dt.date.today() + dt.timedelta(days=5)
    wb["Pembelian"].append(["NT-1", soon.strftime("%d/%m/%Y"), "TB Jaya", "tunai", "Semen 50 kg", "2", 65000])
    wb.save(out)
    book = tmp_path / "buku.kws"
    assert main(["import", str(book), str(out)]) == 1
    err = capsys.readouterr().err
    assert "belum tiba" in err and "ulangi dengan --future-ok" in err and not book.exists()
    assert main(["import", str(book), str(out), "--future-ok"]) == 0
    assert "Pembelian (nota): 1" in capsys.readouterr().out
