"""Berkas > Impor dari Excel…: the dialog imports in the background and shows the result."""
from __future__ import annotations

from openpyxl import load_workbook

from kws_desktop.services.exchange import spreadsheet_import


def _ctx(book):
    from kws_desktop.ui.kit.context import AppContext
    ctx = AppContext()
    ctx.book = book
    return ctx


def test_dialog_imports_and_shows_what_came_in_then_the_problems(qtbot, book, tmp_path):
    from kws_desktop.ui.pages.exchange.import_dialog import ImportDialog
    path = spreadsheet_import.write_template(tmp_path / "isi.xlsx")
    wb = load_workbook(path)
    wb["Anggota"].append(["Siti Aminah", "P", "bendahara", "15/01/2024"])
    wb.save(path)
    ctx = _ctx(book)
    changed = []
    ctx.data_changed.connect(changed.append)
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    dialog.path_edit.setText(str(path))
    assert dialog.import_button.isEnabled()
    dialog.start_import()
    qtbot.waitUntil(dialog.path_edit.isEnabled, timeout=60_000)  # the file can be chosen again: done
    assert dialog.heading.text() == "Impor selesai. Semua data sudah masuk ke buku."
    assert "Anggota: 1" in dialog.details.toPlainText()
    assert any("people" in areas for areas in changed)  # the member came in
    dialog.start_import()  # the same file again: refused, each problem listed
    qtbot.waitUntil(dialog.path_edit.isEnabled, timeout=60_000)
    assert dialog.heading.text().startswith("Tidak ada yang diimpor. Ditemukan 1 masalah")
    assert 'Anggota, baris 2, kolom Nama: sudah ada anggota bernama "Siti Aminah" di buku.' in \
        dialog.details.toPlainText()
    dialog.grab().save(str(tmp_path / "dialog.png"))


def test_dialog_saves_the_template(qtbot, book, tmp_path):
    from kws_desktop.ui.pages.exchange.import_dialog import ImportDialog
    dialog = ImportDialog(_ctx(book))
    qtbot.addWidget(dialog)
    target = tmp_path / "templat.xlsx"
    dialog.write_template_to(target)
    assert target.exists() and "Templat disimpan" in dialog.heading.text()


def test_main_window_has_the_import_action(qtbot, book):
    from kws_desktop.ui.shell.main_window import MainWindow
    window = MainWindow(_ctx(book))
    qtbot.addWidget(window)
    actions = [a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()]
    importer = [a for a in actions if a.text() == "Impor dari Excel…"]
    assert importer and importer[0].isEnabled()
    importer[0].trigger()
    from kws_desktop.ui.pages.exchange.import_dialog import ImportDialog
    dialog = window.findChild(ImportDialog)
    assert dialog.isVisible()
    dialog.close()


def _future_purchase_sheet(tmp_path):
    import datetime as dt
    path = spreadsheet_import.write_template(tmp_path / "beli.xlsx")
    wb = load_workbook(path)
    wb["Bahan"].append(["Semen 50 kg", "sak", None, 65000])
    soon = dt.date.today() + dt.timedelta(days=5)
    wb["Pembelian"].append(["NT-1", soon.strftime("%d/%m/%Y"), "TB Jaya", "tunai", "Semen 50 kg", "2", 65000])
    wb.save(path)
    return path, soon


def _run(qtbot, dialog):
    dialog.start_import()
    qtbot.waitUntil(dialog.path_edit.isEnabled, timeout=60_000)


def test_money_dated_after_today_is_asked_with_its_date_then_imported(qtbot, book, tmp_path, monkeypatch):
    from kws_desktop.ui.pages.exchange import import_dialog
    path, soon = _future_purchase_sheet(tmp_path)
    asked = []
    monkeypatch.setattr(import_dialog, "confirm_future_date", lambda parent, day: asked.append(day) or False)
    dialog = import_dialog.ImportDialog(_ctx(book))
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(path))
    _run(qtbot, dialog)
    assert asked == [soon]  # "no": nothing imported, the date's problem shown
    assert dialog.heading.text().startswith("Tidak ada yang diimpor") and "belum tiba" in dialog.details.toPlainText()
    monkeypatch.setattr(import_dialog, "confirm_future_date", lambda parent, day: asked.append(day) or True)
    dialog.path_edit.setText(str(path) + " ")  # the file chosen again: the question is asked again
    _run(qtbot, dialog)
    assert asked == [soon, soon]
    assert dialog.heading.text() == "Impor selesai. Semua data sudah masuk ke buku."
    assert "Pembelian (nota): 1" in dialog.details.toPlainText()


def test_payments_dated_before_the_latest_kuitansi_are_imported_with_the_reason_asked(qtbot, book, tmp_path,
                                                                                     monkeypatch):
    import datetime as dt
    from kws_desktop.services.billing import invoices, payments
    from kws_desktop.services.exchange.spreadsheet_sample import make_sample_workbook
    from kws_desktop.services.sales.customers import CustomerInput, create_customer
    from kws_desktop.store.models.billing import Payment
    from kws_desktop.ui.pages.exchange import import_dialog
    sheet = make_sample_workbook(tmp_path / "contoh.xlsx", rows=20, seed=1, year=2025)
    customer = create_customer(book, CustomerInput(name="Pak Kasno", kind="household", payer_type="swadaya"))
    inv = invoices.create_invoice(book, customer_id=customer.id, payer_type="swadaya", date=dt.date(2025, 12, 30),
                                  due_date=dt.date(2025, 12, 31),
                                  lines=[invoices.LineSpec(None, "Perbaikan kloset", 150_000)])
    payments.record_payment(book, invoice_id=inv.id, date=dt.date(2025, 12, 30), amount=150_000)
    asked = []
    monkeypatch.setattr(import_dialog, "ask_why", lambda parent, title, label: asked.append(label) or "")
    dialog = import_dialog.ImportDialog(_ctx(book))
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(sheet))
    _run(qtbot, dialog)
    assert len(asked) == 1 and "30 Desember 2025" in asked[0]  # cancelled: nothing imported
    assert dialog.heading.text().startswith("Tidak ada yang diimpor")
    with book.reading() as s:
        assert s.query(Payment).count() == 1
    monkeypatch.setattr(import_dialog, "ask_why", lambda parent, title, label: "Data lama dari buku tulis")
    dialog.path_edit.setText(str(sheet) + " ")
    _run(qtbot, dialog)
    assert dialog.heading.text() == "Impor selesai. Semua data sudah masuk ke buku."
    with book.reading() as s:
        notes = [p.note for p in s.query(Payment).all()]
    assert len(notes) > 1 and any("Data lama dari buku tulis" in n for n in notes)
