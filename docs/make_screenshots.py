"""Make the README pictures from the demo book: the main screens and a sample kuitansi and quote.

    .venv/bin/python docs/make_screenshots.py [--out docs/screenshots] [--width 1100]
    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python docs/make_screenshots.py

Also writes every area at 1024×768 and 1366×768 (`layar-<width>-<area>.png`), to check that
the screens fit a projector and a cheap laptop.

Runs headless (Qt offscreen) with private settings and data folders, so the user's own books
and settings are never touched. Needs nothing beyond the app's own dependencies: the PDFs are
rendered with pypdfium2 and the PNGs written with Pillow (palette PNG, optimised).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREEN_SIZES = ((1024, 768), (1366, 768))


def _private_environment(tmp: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # under xvfb-run: QT_QPA_PLATFORM=xcb
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    os.environ["KWS_DESKTOP_CONFIG"] = str(tmp / "config" / "pengaturan.json")
    if sys.platform == "win32":  # pragma: no cover
        os.environ["APPDATA"] = os.environ["LOCALAPPDATA"] = str(tmp)


def save_png(image, path: Path, width: int) -> Path:
    """A PIL image, scaled to `width` (never up), as a small palette PNG."""
    from PIL import Image
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
    image = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(path, optimize=True)
    return path


def qimage_to_pil(qimage):
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    qimage.save(buffer, "PNG")
    import io
    return Image.open(io.BytesIO(bytes(buffer.data()))).copy()


def pdf_first_page(pdf_path: Path, width: int):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[0]
        points_wide = page.get_size()[0]
        return page.render(scale=width / points_wide).to_pil()
    finally:
        pdf.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--orders", type=int, default=80)
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="kws-screenshots-"))
    _private_environment(tmp)
    sys.path.insert(0, str(ROOT))

    from PySide6.QtWidgets import QApplication

    from kws_desktop.i18n import set_language
    from kws_desktop.services.training.demo import build_demo
    set_language("id")
    demo = tmp / "demo.kws"
    print("membangun buku demo…", flush=True)
    build_demo(demo, seed=7, orders=args.orders, years=2, today=dt.date.today())

    app = QApplication.instance() or QApplication(["kws-desktop"])
    from kws_desktop.ui.shell.app import STYLE
    app.setApplicationName("KWS Desktop")
    app.setStyleSheet(STYLE)
    app.setProperty("kws_base_font", app.font().pointSizeF() or 10.0)
    from kws_desktop.ui.kit.context import AppContext
    from kws_desktop.ui.shell.main_window import MainWindow
    ctx = AppContext()
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    if not window.open_location(str(demo)):
        print("buku demo tidak bisa dibuka", file=sys.stderr)
        return 1
    written: list[Path] = []

    def settle() -> None:
        for _i in range(5):
            app.processEvents()

    def settle_background() -> None:
        """Let an area's background loading (the dashboard figures, the performance summary) finish."""
        import time

        from PySide6.QtCore import QThreadPool
        page = window._pages.get(window.current_area() or "")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            settle()
            QThreadPool.globalInstance().waitForDone(500)
            if not getattr(page, "loading", False) and getattr(page, "data", True) is not None:
                break
        settle()

    def shot(name: str, widget=None) -> None:
        settle()
        image = qimage_to_pil((widget or window).grab().toImage())
        written.append(save_png(image, out / f"{name}.png", args.width))

    # every area as it fits a projector (1024×768) and a cheap laptop (1366×768), not scaled
    from kws_desktop.ui.shell.main_window import AREA_KEYS
    for width, height in SCREEN_SIZES:
        window.resize(width, height)
        for key in AREA_KEYS:
            window.show_area(key)
            settle_background()
            image = qimage_to_pil(window.grab().toImage())
            written.append(save_png(image, out / f"layar-{width}-{key}.png", width))
    window.resize(1280, 800)

    window.show_area("beranda")
    shot("beranda")
    window.show_area("pesanan")
    orders_area = window.page("pesanan")
    if hasattr(orders_area, "show_tab"):
        orders_area.show_tab("quotes")
    shot("penawaran")
    window.show_area("tagihan")
    billing = window.page("tagihan")
    people = getattr(getattr(billing, "payment_tab", None), "people", None)
    if people is not None and people.count():
        people.setCurrentRow(min(2, people.count() - 1))
    shot("tagihan")
    window.show_area("bahan")
    shot("bahan")
    window.show_area("laporan")
    reports = window.page("laporan")
    if hasattr(reports, "select_kind"):
        reports.select_kind("profit-loss")
        reports.show_report()
    shot("laporan-laba-rugi")

    from kws_desktop.services.training.workshop import save_exercise_start
    from kws_desktop.ui.pages.training import workshop
    save_exercise_start(ctx.book)
    workshop.toggle_exercises(window)
    window.show_area("tagihan")
    shot("pelatihan")
    workshop.toggle_exercises(window)

    # the first-run wizard, on a fresh book
    from kws_desktop.services.book.books import create_book
    from kws_desktop.ui.pages.book.first_run import FirstRunWizard
    fresh = create_book(tmp / "baru.kws")
    wizard_ctx = AppContext()
    wizard_ctx.book = fresh
    wizard = FirstRunWizard(wizard_ctx)
    wizard.profile_page.name.setText("KWS Tirta Mandiri")
    wizard.profile_page.kecamatan.setCurrentText("Tigaraksa")
    wizard.signatories.leader.setText("Ibu Siti Aminah")
    wizard.signatories.treasurer.setText("Bapak Rahmat")
    wizard.show()
    for _step in range(3):
        wizard.next()
    wizard.opening.cash.set_value(1_500_000)
    wizard.opening.bank.set_value(4_250_000)
    shot("data-awal", wizard)
    wizard.reject()
    fresh.close(backup=False)

    # a sample kuitansi and quote, rendered from their PDFs
    from kws_desktop.services.billing import payments, receivables
    from kws_desktop.services.sales import quotes
    book = ctx.book
    # a payment taken today (in this throwaway copy), so the kuitansi is an original, not a SALINAN
    invoice = next((i for i in receivables.list_invoices(book, status="open", limit=200)
                    if i.payer_type == "swadaya" and i.outstanding >= 500_000), None)
    if invoice is not None:
        info = payments.record_payment(book, invoice_id=invoice.id, date=dt.date.today(),
                                       amount=min(invoice.outstanding, 1_250_000))
        number = info.receipt_number
    else:
        number = receivables.list_receipts(book, status="posted", limit=1)[0].number
    pdf = payments.write_receipt(book, number, tmp / "kuitansi.pdf", mark_printed=False)
    written.append(save_png(pdf_first_page(Path(pdf), args.width), out / "contoh-kuitansi.png", args.width))
    chosen = next((q for status in ("sent", "accepted", "draft")
                   for q in quotes.list_quotes(book, status=status, limit=20)), None)
    if chosen is not None:
        pdf = quotes.write_quote_pdf(book, chosen.id, tmp / "penawaran.pdf")
        written.append(save_png(pdf_first_page(Path(pdf), args.width), out / "contoh-penawaran.png", args.width))

    window.close()
    for path in written:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
