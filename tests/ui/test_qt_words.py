"""Qt's own words (message-box buttons, the right-click menu of text fields, the wizard, the
print and file dialogs Qt draws) are Indonesian in the Indonesian app and stay English in
English mode."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QMessageBox,
                               QPlainTextEdit, QWizard)

from kws_desktop.i18n import set_language
from kws_desktop.ui.kit import forms
from kws_desktop.ui.shell.qt_words import QtWords


@pytest.fixture
def qt_words(qapp):
    words = QtWords()
    qapp.installTranslator(words)
    yield words
    qapp.removeTranslator(words)


def _menu(widget) -> list[str]:
    return [a.text().split("\t")[0] for a in widget.createStandardContextMenu().actions() if a.text()]


def test_pyside_ships_no_indonesian_qt_catalog():
    """Why the words come from the project's catalog: there is no qtbase_id.qm to load."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert not (folder / "qtbase_id.qm").exists()


def test_qt_words_in_indonesian(qt_words, qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "t", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == ["&Tidak", "&Ya", "Batal"]
    ok = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in ok.buttons()) == ["Batal", "OK"]
    assert _menu(QLineEdit()) == ["&Batalkan ketikan", "&Ulangi ketikan", "Po&tong", "&Salin", "&Tempel",
                                  "Hapus", "Pilih semua"]
    assert "&Salin" in _menu(QPlainTextEdit())
    wizard = QWizard()
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Lanjut >"
    printing = QPrintDialog(QPrinter())
    qtbot.addWidget(printing)
    assert printing.windowTitle() == "Cetak"
    files = QFileDialog()
    qtbot.addWidget(files)
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    files.show()
    assert files.labelText(QFileDialog.DialogLabel.FileName) == "&Nama berkas:"
    files.close()


def test_qt_words_stay_english_in_english_mode(qt_words):
    set_language("en")
    box = QMessageBox(QMessageBox.Icon.Question, "t", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert sorted(b.text() for b in box.buttons()) == ["&No", "&Yes"]
    assert "&Copy" in _menu(QLineEdit())


def test_confirm_asks_ya_or_tidak_even_without_the_translator(monkeypatch, qapp):
    seen = []

    def answer(box):
        seen.append(sorted(b.text() for b in box.buttons()))
        return QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert forms.confirm(None, "Hapus?") is True
    set_language("en")
    forms.confirm(None, "Delete?")
    assert seen == [["Tidak", "Ya"], ["No", "Yes"]]


def test_the_app_installs_the_words_once(qapp):
    from kws_desktop.ui.shell.qt_words import install_qt_words
    first = install_qt_words(qapp)  # stays installed, as in the app
    assert install_qt_words(qapp) is first
    assert QApplication.translate("QPlatformTheme", "&Yes") == "&Ya"
