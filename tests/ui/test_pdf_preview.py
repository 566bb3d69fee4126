"""The shared print preview renders every page of a PDF and prints it to a file."""
from kws_desktop.core.profile import KwsProfile
from kws_desktop.documents.table import Column, Row
from kws_desktop.documents.tabular import TabularReport, write_pdf
from kws_desktop.ui.kit.pdf_preview import PdfPreviewDialog, print_pdf


def _pdf(tmp_path, rows=80):
    report = TabularReport(title="Uji", subtitle="", columns=[Column("a", "A", "text"), Column("b", "B", "money")],
                           rows=[Row({"a": f"baris {i}", "b": i * 1000}) for i in range(rows)])
    path = tmp_path / "r.pdf"
    write_pdf(report, path, profile=KwsProfile(name="KWS Uji"))
    return path


def test_preview_shows_all_pages(qtbot, tmp_path):
    dialog = PdfPreviewDialog(None, _pdf(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.page_count >= 2
    dialog.set_zoom(1.5)
    assert dialog.page_count >= 2


def test_print_to_pdf_file(qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    print_pdf(printer, _pdf(tmp_path, rows=10))
    assert out.exists() and out.stat().st_size > 1000
