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
    assert "anggota" in changed
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
