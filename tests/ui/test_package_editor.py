"""The package editor sets the package's warranty months ("Garansi (bulan)"); an unset package
says "belum diatur" and stays unset when saved untouched; the editor fits a 1024×768 screen."""
import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from kws_desktop.errors import UserError
from kws_desktop.services.sales import packages
from kws_desktop.ui.pages.sales.package_editor import PackageEditor
from kws_desktop.ui.pages.sales.quote_list import QuotesPanel

from tests.ui.page_setup import shown_page


@pytest.fixture
def panel(book, qtbot):
    from kws_desktop.services.purchasing.materials import load_starter_catalog
    load_starter_catalog(book)
    packages.load_default_packages(book)
    return shown_page(qtbot, book, QuotesPanel)


def _editor(qtbot, panel, row=None):
    editor = PackageEditor(panel, row)
    qtbot.addWidget(editor)
    editor.show()
    QApplication.processEvents()
    return editor


def _by_code(book):
    return {p.code: p for p in packages.list_packages(book)}


def test_the_editor_changes_the_months(qtbot, panel):
    tank = _by_code(panel.book)["TS-BIO"]
    editor = _editor(qtbot, panel, tank)
    assert editor.warranty.value() == 24 and editor.warranty.minimum() == 0  # set: never back to unset
    assert any(label.text() == "0 = tanpa garansi; dicetak di surat penawaran"
               for label in editor.findChildren(QLabel))
    editor.warranty.setValue(36)
    editor.save()
    assert QDialog.result(editor) == QDialog.DialogCode.Accepted
    assert _by_code(panel.book)["TS-BIO"].warranty_months == 36


def test_an_unset_package_says_so_and_saving_it_untouched_leaves_it_unset(qtbot, panel):
    book = panel.book
    sedot = _by_code(book)["SEDOT"]
    own = packages.create_package(book, packages.PackageInput(code="SEDOT-JAUH", name="Penyedotan jauh",
                                                              labour_days=1, daily_wage=120_000))
    editor = _editor(qtbot, panel, own)
    assert editor.warranty.text() == "belum diatur"
    editor.save()
    assert packages.get_package(book, own.id).warranty_months is None
    again = _editor(qtbot, panel, packages.get_package(book, own.id))
    again.warranty.setValue(0)
    assert again.warranty.text() == "0"  # chosen: no warranty, not "belum diatur"
    again.save()
    assert packages.get_package(book, own.id).warranty_months == 0
    assert packages.get_package(book, sedot.id).warranty_months == 0


def test_a_new_package_starts_unset_and_gets_what_is_chosen(qtbot, panel):
    editor = _editor(qtbot, panel)
    assert editor.warranty.text() == "belum diatur"
    editor.code.setText("JMB-D")
    editor.name.setText("Jamban duduk")
    editor.labour.setText("3")
    editor.wage.set_value(120_000)
    editor.warranty.setValue(12)
    editor.save()
    assert _by_code(panel.book)["JMB-D"].warranty_months == 12


def test_a_refusal_shows_beside_the_field(qtbot, panel):
    editor = _editor(qtbot, panel)
    editor.errors.show(UserError("Masa garansi harus antara 0 dan 120 bulan.", field="warranty_months"))
    assert editor.errors.message("warranty_months") == "Masa garansi harus antara 0 dan 120 bulan."


def test_the_editor_of_the_biggest_example_fits_the_screen(qtbot, panel):
    biggest = max(packages.list_packages(panel.book), key=lambda p: len(p.materials))
    editor = _editor(qtbot, panel, biggest)
    need = editor.minimumSizeHint()
    assert need.width() <= 1024 and need.height() <= 768
    assert editor.width() <= 1024 and editor.height() <= 768


def test_the_package_list_says_what_each_package_promises(panel, qtbot):
    from kws_desktop.ui.pages.sales.package_editor import PackagesDialog
    packages.create_package(panel.book, packages.PackageInput(
        code="BARU", name="Paket baru sendiri", labour_days=1, daily_wage=100_000))
    dialog = PackagesDialog(panel)
    qtbot.addWidget(dialog)
    header = dialog.table.horizontalHeaderItem(6).text()
    cells = {dialog.table.item(r, 0).text(): dialog.table.item(r, 6).text() for r in range(dialog.table.rowCount())}
    assert header == "Garansi"
    assert cells["TS-BIO"] == "24 bulan" and cells["SEDOT"] == "tanpa garansi" and cells["BARU"] == "belum diatur"
