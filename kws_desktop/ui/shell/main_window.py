"""The main window: a sidebar of areas over the open book, or the welcome screen."""
from __future__ import annotations

import importlib
import shutil
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QFileDialog, QFrame, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow, QMessageBox, QProgressBar,
                               QProgressDialog,
                               QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from kws_desktop import __version__, credentials
from kws_desktop.errors import BackupCancelled, BackupError, BookError, LoginError, UserError
from kws_desktop.i18n import N_, NP_, _, p_
from kws_desktop.paths import books_dir, default_book_path
from kws_desktop.services.book.book_place import location_label, public_location, with_password
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.kit.fit import fitted_size, scrolled
from kws_desktop.ui.kit.forms import ask_password, show_error
from kws_desktop.ui.kit.page import broken_area
from kws_desktop.ui.kit.tasks import run_background
from kws_desktop.ui.shell.welcome import WelcomeScreen

# (key, title, module, class). Pages are built when first shown.
AREAS: list[tuple[str, str, str, str]] = [
    ("beranda", N_("Beranda"), "kws_desktop.ui.pages.reports.dashboard", "DashboardPage"),
    ("pesanan", NP_("jamak", "Pesanan"), "kws_desktop.ui.pages.jobs.page", "OrdersAreaPage"),
    ("pelanggan", NP_("jamak", "Pelanggan"), "kws_desktop.ui.pages.sales.customers", "CustomersPage"),
    ("bahan", N_("Bahan & Pembelian"), "kws_desktop.ui.pages.purchasing.page", "MaterialsPage"),
    ("tagihan", N_("Tagihan & Kuitansi"), "kws_desktop.ui.pages.billing.page", "BillingPage"),
    ("kas", N_("Kas & Bank"), "kws_desktop.ui.pages.cash.page", "CashPage"),
    ("anggota", NP_("jamak", "Anggota"), "kws_desktop.ui.pages.people.page", "MembersPage"),
    ("kinerja", N_("Kinerja & Kemitraan"), "kws_desktop.ui.pages.evaluation.page", "EvaluationPage"),
    ("laporan", N_("Laporan"), "kws_desktop.ui.pages.reports.page", "ReportsPage"),
    ("pengaturan", N_("Pengaturan"), "kws_desktop.ui.pages.book.settings", "SettingsPage"),
]
AREA_KEYS = [a[0] for a in AREAS]
CHECKS_DELAY_MS = 500  # the automatic "buka" backup starts this long after the book is shown
OPEN_AT_LATEST_MS = 300  # opening the book starts after the early figures are painted, or after this
APP_TITLE = f"KWS Desktop {__version__}"


def _start_folder() -> str:
    """Where the open and save dialogs start: Documents/KWS, else the home folder."""
    folder = books_dir()
    return str(folder if folder.is_dir() else Path.home())


def _workshop():
    """ui.workshop (and the services behind it), imported when a training action is used."""
    from kws_desktop.ui.pages.training import workshop
    return workshop


def _books():
    """services.books, imported when first needed: the window paints before SQLAlchemy loads."""
    from kws_desktop.services.book import books
    return books


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.resize(fitted_size(self, 1200, 760))
        if ctx.settings.zoom_percent != 100:  # presentation zoom: the style's sizes follow
            from kws_desktop.ui.shell.app import scaled_style
            self.setStyleSheet(scaled_style(ctx.settings.zoom_percent))
        self._pages: dict[str, QWidget] = {}
        self._opening: str | None = None     # a book being opened in the background
        self._early_money = None             # (location, MoneyFigures) read by the lean path meanwhile
        self._open_after_paint = None        # opening the book, once the figures are painted
        self._preview = None                 # the Beranda shown on the opening screen
        self._checks_for = None              # the book whose open checks still have to run
        self.checks_running = False
        self._banner = self._notice = None
        self.welcome_notice = ""             # one sentence above the welcome screen (a book not found)
        self._root = QStackedWidget()
        self.setCentralWidget(self._root)
        self._book_label = QLabel()
        self._book_label.setObjectName("bookLabel")  # which book is open, in the status bar
        self.statusBar().addPermanentWidget(self._book_label)
        ctx.area_requested.connect(self.show_area)
        ctx.language_changed.connect(self.rebuild)
        ctx.data_changed.connect(self._on_data_changed)
        self.rebuild()

    # --- building ------------------------------------------------------------------
    def rebuild(self, area: str | None = None) -> None:
        """(Re)create menus and the visible screen (`area`, default the current one), in the
        current language."""
        current = area or self.current_area()
        self.menuBar().clear()
        self._build_menus()
        for page in self._pages.values():
            page.deleteLater()
        self._pages.clear()
        self._preview = None
        while self._root.count():
            w = self._root.widget(0)
            self._root.removeWidget(w)
            w.deleteLater()
        if self.ctx.book is None and self._opening is not None:
            self._root.addWidget(self._opening_screen(self._opening))
            self.setWindowTitle(APP_TITLE)
            self._book_label.setText("")
        elif self.ctx.book is None:
            self._welcome = WelcomeScreen(self.ctx.settings.recent_books, notice=self.welcome_notice)
            self._welcome.start_default.connect(self.start_default_book)
            self._welcome.open_demo.connect(self.open_demo)
            self._welcome.open_other.connect(self.choose_and_open)
            self._welcome.new_book.connect(self.choose_and_create)
            self._welcome.open_recent.connect(self.open_in_background)
            self._root.addWidget(self._welcome)
            self.setWindowTitle(APP_TITLE)
            self._book_label.setText("")
        else:
            self._root.addWidget(self._workspace())
            self.show_area(current or "beranda")
            self._update_title()
            early, self._early_money = self._early_money, None
            if early is not None and public_location(early[0]) == self.ctx.book.location:
                beranda = self._pages.get("beranda")
                if beranda is not None:  # the figures the opening screen showed, until the rest is done
                    beranda.show_money(early[1])

    def _workspace(self) -> QWidget:
        w = QWidget()
        outer = QVBoxLayout(w)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self._banner = None
        if not _books().get_profile(self.ctx.book).name:
            self._banner = self._first_run_banner()
            outer.addWidget(self._banner)
        self._notice = self._notice_bar()
        outer.addWidget(self._notice)
        lay = QHBoxLayout()
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        outer.addLayout(lay, 1)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(int(210 * max(100, self.ctx.settings.zoom_percent) / 100))
        for key, title, _m, _c in AREAS:
            item = QListWidgetItem(_(title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(lambda row: self.show_area(AREA_KEYS[row]))
        self.stack = QStackedWidget()
        for _key in AREA_KEYS:
            self.stack.addWidget(QWidget())  # real pages replace these when first shown
        lay.addWidget(self.sidebar)
        lay.addWidget(self.stack, 1)
        return w

    def _opening_screen(self, location: str) -> QWidget:
        """Shown while a book opens in the background; with the Beranda's money figures once the
        lean path has read them (a preview: nothing on it can be clicked)."""
        w = QWidget()
        lay = QVBoxLayout(w)
        label = QLabel(_("Membuka buku {name}…").format(name=location_label(location)))
        bar = QProgressBar()
        bar.setRange(0, 0)  # busy, no percentage
        early = self._early_money
        if early is None or early[0] != location:
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            bar.setMaximumWidth(320)
            lay.addStretch(1)
            lay.addWidget(label)
            lay.addWidget(bar, 0, Qt.AlignmentFlag.AlignHCenter)
            lay.addStretch(2)
            return w
        from kws_desktop.ui.pages.reports.dashboard import DashboardPage
        top = QHBoxLayout()
        bar.setMaximumWidth(160)
        top.addWidget(label)
        top.addWidget(bar)
        top.addStretch(1)
        lay.addLayout(top)
        self._preview = DashboardPage(self.ctx, preview=True)
        self._preview.show_money(early[1])
        self._preview.first_painted.connect(lambda: QTimer.singleShot(0, self._open_now))
        lay.addWidget(scrolled(self._preview), 1)
        return w

    def _notice_bar(self) -> QFrame:
        """A quiet message above the pages (e.g. the automatic backup failed); hidden until used."""
        bar = QFrame()
        bar.setObjectName("notice")
        bar.setStyleSheet("#notice { background: #fdecea; border-bottom: 1px solid #e0b4b0; }")
        row = QHBoxLayout(bar)
        bar.text = QLabel()
        bar.text.setWordWrap(True)
        close = QPushButton(p_("tombol", "Tutup"))
        close.clicked.connect(bar.hide)
        row.addWidget(bar.text, 1)
        row.addWidget(close)
        bar.hide()
        return bar

    def show_notice(self, text: str, detail: str = "") -> None:
        if self._notice is None:
            return
        self._notice.text.setText(text)
        self._notice.text.setToolTip(detail)
        self._notice.show()

    def notice_text(self) -> str:
        """The quiet message shown above the pages, or ""."""
        return self._notice.text.text() if self._notice is not None and not self._notice.isHidden() else ""

    def _on_data_changed(self, areas: frozenset[str]) -> None:
        if "book" in areas and self.ctx.book is not None:  # the profile may have changed
            self._update_title()
            if self._banner is not None and _books().get_profile(self.ctx.book).name:
                self._banner.hide()

    def _first_run_banner(self) -> QWidget:
        """A new book: say where to start, and keep the demo one click away."""
        banner = QFrame()
        banner.setObjectName("firstRun")
        row = QHBoxLayout(banner)
        row.addWidget(QLabel(_("Buku ini masih baru. Mulailah dengan mengisi data awal KWS "
                               "(profil, penandatangan, saldo awal), atau coba dulu buku demo.")), 1)
        profile = QPushButton(_("Mulai isi data awal…"))
        profile.setToolTip(_("Panduan singkat: profil KWS, logo, penandatangan, saldo awal kas "
                             "dan bank, bahan dan paket contoh."))
        profile.clicked.connect(self.run_first_run)
        demo = QPushButton(_("Coba buku demo"))
        demo.clicked.connect(self.open_demo)
        row.addWidget(profile)
        row.addWidget(demo)
        return banner

    def page(self, key: str) -> QWidget:
        if key not in self._pages:
            _k, title, module, cls = AREAS[AREA_KEYS.index(key)]
            try:
                page = getattr(importlib.import_module(module), cls)(self.ctx)
            except ImportError as exc:  # a broken install: say so on the page, never hide the area
                page = broken_area(_(title), exc)
            from kws_desktop.ui.kit.light_tables import fit_to_visible_rows
            from kws_desktop.ui.kit.tooltips import apply_tooltips
            apply_tooltips(page)
            fit_to_visible_rows(page)
            index = AREA_KEYS.index(key)
            old = self.stack.widget(index)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(index, scrolled(page))
            self._pages[key] = page
        return self._pages[key]

    def built_page(self, key: str) -> QWidget | None:
        """The area's page if it was built (shown once since the book opened), without building it."""
        return self._pages.get(key)

    def built_areas(self) -> frozenset[str]:
        return frozenset(self._pages)

    def show_area(self, key: str) -> None:
        if self.ctx.book is None or key not in AREA_KEYS:
            return
        self.page(key)
        row = AREA_KEYS.index(key)
        self.stack.setCurrentIndex(row)
        if self.sidebar.currentRow() != row:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(row)
            self.sidebar.blockSignals(False)

    def current_area(self) -> str | None:
        if self.ctx.book is None or not hasattr(self, "stack"):
            return None
        try:
            key = AREA_KEYS[self.stack.currentIndex()]
        except (RuntimeError, IndexError):
            return None
        return key if key in self._pages else None

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(_("&Berkas"))
        self._action(menu, _("Buku baru…"), self.choose_and_create, QKeySequence.StandardKey.New)
        self._action(menu, _("Buka buku…"), self.choose_and_open, QKeySequence.StandardKey.Open)
        self._action(menu, _("Buka hanya untuk dilihat…"), lambda: self.choose_and_open(read_only=True)) \
            .setStatusTip(_("Lihat buku tanpa mengubahnya, juga buku dari versi lama yang belum diperbarui."))
        self._action(menu, _("Buka buku demo"), self.open_demo)
        menu.addSeparator()
        importer = self._action(menu, _("Impor dari Excel…"), self.import_excel)
        importer.setEnabled(self.ctx.book is not None and not self.ctx.book.read_only)
        backup = self._action(menu, _("Cadangkan sekarang…"), self.backup_now)
        restore = self._action(menu, _("Pulihkan dari cadangan…"), self.restore_backup)
        self._action(menu, _("Tempat cadangan kedua…"), self.choose_second_backup).setStatusTip(
            _("Flashdisk atau folder awan: setiap kali buku ditutup, salinannya dibuat juga di sana."))
        close = self._action(menu, _("Tutup buku"), self.close_book, QKeySequence.StandardKey.Close)
        for action in (backup, close):
            action.setEnabled(self.ctx.book is not None)
        restore.setEnabled(True)
        menu.addSeparator()
        self._action(menu, p_("menu", "Keluar"), self.close, QKeySequence.StandardKey.Quit)
        self._build_work_menus()
        help_menu = self.menuBar().addMenu(_("&Bantuan"))
        self._action(help_menu, _("Bantuan untuk halaman ini"), self.show_help, QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, _("Semua topik bantuan"), lambda: self.show_help("beranda"))
        self._action(help_menu, _("Pintasan keyboard"), lambda: self.show_help("pintasan"))
        help_menu.addSeparator()
        self._action(help_menu, _("Tentang KWS Desktop"), self.about)

    def _build_work_menus(self) -> None:
        """The frequent actions (with their shortcuts) and workshop mode for trainers."""
        from kws_desktop.ui.shell import quick_actions
        has_book = self.ctx.book is not None
        work = self.menuBar().addMenu(_("&Catat"))
        for text, slot, key, tip in (
                (_("Terima pembayaran…"), quick_actions.new_payment, "Ctrl+Shift+P",
                 _("Terima cicilan, uang muka atau pelunasan dan cetak kuitansinya.")),
                (_("Catat pembelian…"), quick_actions.new_purchase, "Ctrl+Shift+B",
                 _("Catat nota pembelian bahan dari toko bangunan.")),
                (_("Penawaran baru…"), quick_actions.new_quote, "Ctrl+Shift+N",
                 _("Buat surat penawaran harga untuk pelanggan.")),
                (_("Cari di halaman ini"), quick_actions.find_in_page, QKeySequence.StandardKey.Find,
                 _("Pindah ke kotak cari halaman yang sedang dibuka."))):
            action = self._action(work, text, lambda _c=False, f=slot: f(self), key)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.setEnabled(has_book)
        work.setToolTipsVisible(True)
        train = self.menuBar().addMenu(_("&Pelatihan"))
        self._action(train, _("Buka buku demo"), self.open_demo).setStatusTip(
            _("Salinan buku contoh; buku kelompok sendiri tidak tersentuh."))
        save = self._action(train, _("Simpan sebagai awal latihan"), lambda: _workshop().save_start(self))
        reset = self._action(train, _("Kembalikan ke awal latihan…"), lambda: _workshop().reset_to_start(self))
        exercises = self._action(train, _("Daftar latihan"), lambda: _workshop().toggle_exercises(self), "Ctrl+L")
        for action in (save, reset, exercises):
            action.setEnabled(has_book)
        train.addSeparator()
        self._action(train, _("Perbesar tulisan"), lambda: _workshop().zoom_by(self, 1), QKeySequence.StandardKey.ZoomIn)
        self._action(train, _("Perkecil tulisan"), lambda: _workshop().zoom_by(self, -1), QKeySequence.StandardKey.ZoomOut)
        self._action(train, _("Ukuran tulisan normal"), lambda: _workshop().set_zoom(self, 100), "Ctrl+0")
        # Ctrl+= (the same key as + without Shift) also zooms in on most keyboards
        if getattr(self, "_zoom_in_alt", None) is None:
            self._zoom_in_alt = QAction(self)
            self._zoom_in_alt.setShortcut(QKeySequence("Ctrl+="))
            self._zoom_in_alt.triggered.connect(lambda: _workshop().zoom_by(self, 1))
            self.addAction(self._zoom_in_alt)

    def show_help(self, topic: str | None = None):
        from kws_desktop.ui.shell.help import open_help
        topic = topic or self.current_area() or ("pelatihan" if self.ctx.book is None else "beranda")
        self._help = open_help(self, topic)
        return self._help

    def run_first_run(self) -> bool:
        """The first-run wizard for the open book; the book stays usable when it is cancelled."""
        from kws_desktop.ui.pages.book.first_run import run_first_run
        done = run_first_run(self.ctx, self)
        if done:
            self._update_title()
            if self._banner is not None:
                self._banner.hide()
            self.show_area("beranda")
        return done

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut) if isinstance(shortcut, str) else shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _update_title(self) -> None:
        book = self.ctx.book
        demo = _books().is_demo(book)
        name = _books().get_profile(book).name or book.display_name
        self.setWindowTitle(_("{name} — KWS Desktop {version} [DEMO]").format(name=name, version=__version__) if demo
                            else f"{name} — {APP_TITLE}")
        text = _("Buku: {name}").format(name=book.location)
        if demo:
            text = _("BUKU DEMO (latihan)") + " · " + text
        if book.read_only:
            text += " · " + _("hanya dibaca")
        self._book_label.setText(text)

    # --- opening and closing books ----------------------------------------------------
    def set_book(self, book, *, backup: bool = True) -> None:
        if self.ctx.book is not None:
            old, self.ctx.book = self.ctx.book, None
            self._close_book_object(old, backup=backup)
        self.ctx.book = book
        self._checks_for = book
        if book is not None:
            self.ctx.settings.remember_book(book.location)
            self.ctx.save_settings()
            if self.isVisible():
                QTimer.singleShot(CHECKS_DELAY_MS, self._start_open_checks)
        if book is not None:
            self.welcome_notice = ""
        self.ctx.book_changed.emit()
        self.rebuild()
        if book is not None and not book.read_only:
            self._remind_second_backup()

    def open_location(self, location: str) -> bool:
        """Open a book now (the file's full check and backup follow in the background)."""
        if self.ctx.book is not None and self.ctx.book.location == public_location(location):
            return True
        self._opening = None
        location = credentials.fill_in(location)
        try:
            book = _books().open_book(location, defer_checks=True)
        except BookError as exc:
            self._refused(location, exc)
            return False
        credentials.remember(location)
        self.set_book(book)
        return True

    def open_in_background(self, location: str, *, read_only: bool = False) -> None:
        """Open a book without holding up the window: "Membuka buku…" shows meanwhile. Read-only:
        for a look (a book of an earlier version is seen through an upgraded copy, unchanged)."""
        if self.ctx.book is not None:
            if self.ctx.book.location == public_location(location):
                return
            self.set_book(None)
        location = credentials.fill_in(location)  # a kept PostgreSQL password, if any
        self._opening = location
        self._early_money = self._open_after_paint = None  # an earlier choice's are dropped
        self.rebuild()

        def work(_progress):
            book = _books().open_book(location, defer_checks=True, read_only=read_only)
            try:  # while the UI thread idles: the first query (maps the models) and the first page's code
                _books().get_profile(book)
                importlib.import_module(AREAS[0][2])
            except BaseException:
                book.close(backup=False)
                raise
            return book

        def done(book) -> None:
            if self._opening != location:  # another book was chosen meanwhile
                book.close(backup=False)
                return
            self._opening = None
            credentials.remember(location)
            self.set_book(book)

        def failed(exc: BaseException) -> None:
            if self._opening != location:
                return
            self._opening = None
            self.rebuild()
            if not isinstance(exc, BookError):
                raise exc
            self._refused(location, exc)

        self._after_early_figures(location, lambda: run_background(self, work, done, failed))

    def _after_early_figures(self, location: str, open_book) -> None:
        """First the Beranda's money figures by the lean path (sqlite3 over the journal's totals,
        services/reports/lean.py): the opening screen shows them at once. Then ``open_book``
        (SQLAlchemy, the models, the migrations' check), started once that screen is painted, so
        the two do not compete for the interpreter. A book the lean path cannot read (PostgreSQL,
        an older schema, stale totals) simply opens."""
        def read(_progress):
            from kws_desktop.services.reports import lean
            return lean.read_money_figures(location)

        def shown(money) -> None:
            if self._opening != location:
                return
            if money is None:
                open_book()
                return
            self._early_money = (location, money)
            self._open_after_paint = open_book
            self.rebuild()  # the opening screen now shows the figures
            QTimer.singleShot(OPEN_AT_LATEST_MS, self._open_now)  # when no paint comes

        def failed(exc: BaseException) -> None:
            from kws_desktop.ui.shell.app import log_error
            log_error(exc)
            if self._opening == location:
                open_book()

        run_background(self, read, shown, failed)

    def _open_now(self) -> None:
        start, self._open_after_paint = self._open_after_paint, None
        if start is not None:
            start()

    @property
    def opening(self) -> bool:
        """A book is being opened in the background."""
        return self._opening is not None

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._checks_for is not None:
            QTimer.singleShot(CHECKS_DELAY_MS, self._start_open_checks)

    def _start_open_checks(self) -> None:
        """The open book's full check and automatic "buka" backup, in the background, once the
        window is on screen; at most once per opened book."""
        book = self._checks_for
        if book is None or book is not self.ctx.book:
            return
        self._checks_for = None
        self.checks_running = True

        def done(_path) -> None:
            self.checks_running = False

        def failed(exc: BaseException) -> None:
            self.checks_running = False
            if book is not self.ctx.book or isinstance(exc, BackupCancelled):
                return  # closed or switched meanwhile: nothing to report
            if isinstance(exc, BookError):  # the file is damaged: close it, offer a backup
                self.set_book(None, backup=False)
                self._refused(book.location, exc)
            elif isinstance(exc, (BackupError, OSError)):
                self.show_notice(_("Cadangan otomatis saat membuka buku tidak berhasil dibuat. Buku "
                                   "tetap bisa dipakai; buatlah cadangan lewat menu Berkas › "
                                   "Cadangkan sekarang."), str(exc))
            else:
                raise exc

        run_background(self, lambda _p: book.open_checks(), done, failed)

    def _refused(self, location: str, exc: BookError) -> None:
        if isinstance(exc, LoginError):  # the server wants a (right) password: ask for it
            credentials.forget(location)
            password = ask_password(self, exc.message)
            if password:
                self.open_in_background(with_password(public_location(location), password))
            return
        if exc.can_restore and "://" not in location:
            from kws_desktop.ui.pages.book.backup_dialog import offer_restore
            if offer_restore(self, Path(location), exc.message):
                self.open_location(location)
            return
        show_error(self, exc, _("Buku tidak bisa dibuka"))

    def start_default_book(self) -> None:
        from kws_desktop.services.book import book_place
        path = default_book_path()
        if path.exists():
            self.open_in_background(str(path))
            return
        old = book_place.old_book_to_offer()
        if old is not None:
            self._offer_old_book(old)
            return
        try:
            path = book_place.prepare_default_place(path)
            book = _books().create_book(path)
        except UserError as exc:
            show_error(self, exc, _("Buku tidak bisa dibuat"))
            return
        self.set_book(book)
        self._offer_first_run()

    def _offer_old_book(self, old: Path) -> None:
        """A book from before 1.0 in the hidden data folder: copy it to Documents/KWS (the old
        file stays as it is) or open it where it is. Never a new empty book over it."""
        from kws_desktop.services.book import book_place
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Buku kelompok ditemukan"))
        box.setText(_("Buku kelompok Anda ditemukan di tempat lama:\n{old}\n\nMulai versi ini buku "
                      "disimpan di folder Dokumen agar mudah ditemukan dan dicadangkan:\n{new}")
                    .format(old=old, new=default_book_path()))
        copy = box.addButton(_("Salin ke folder Dokumen lalu buka"), QMessageBox.ButtonRole.AcceptRole)
        here = box.addButton(_("Buka di tempat lama"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(p_("tombol", "Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(copy)
        box.exec()
        if box.clickedButton() is copy:
            try:
                target = book_place.copy_to_documents(old)
            except UserError as exc:
                show_error(self, exc, _("Buku tidak bisa disalin"))
                return
            self.open_in_background(str(target))
        elif box.clickedButton() is here:
            self.open_in_background(str(old))

    def choose_second_backup(self) -> None:
        """Berkas › Tempat cadangan kedua…: a folder chosen once, used on every close."""
        from kws_desktop.services.book import book_place
        current = self.ctx.settings.second_backup
        folder = QFileDialog.getExistingDirectory(self, _("Pilih tempat cadangan kedua (flashdisk atau folder awan)"),
                                                  current or str(Path.home()))
        if not folder:
            return
        book_place.choose_second_backup(self.ctx.settings, folder)
        self.ctx.save_settings()
        QMessageBox.information(self, _("Cadangan kedua"), _(
            "Setiap kali buku ditutup, salinannya juga dibuat di:\n{folder}\n\nBila tempat itu tidak "
            "tersambung (flashdisk dicabut), cadangan dilewati; setelah seminggu tanpa cadangan "
            "di sana, aplikasi mengingatkan Anda.").format(folder=folder))

    def _remind_second_backup(self) -> None:
        from kws_desktop.services.book import book_place
        text = book_place.second_backup_reminder(self.ctx.settings)
        if text:
            self.show_notice(text)

    def _offer_first_run(self) -> None:
        """A book just created: open the first-run wizard once the window is on screen."""
        from PySide6.QtCore import QTimer
        QTimer.singleShot(0, self.run_first_run)

    def choose_and_open(self, *, read_only: bool = False) -> None:
        title = _("Buka hanya untuk dilihat") if read_only else _("Buka buku")
        path, _f = QFileDialog.getOpenFileName(self, title, _start_folder(),
                                               _("Buku KWS (*.kws);;Semua berkas (*)"))
        if path:
            self.open_in_background(path, read_only=read_only)

    def choose_and_create(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, _("Buku baru"), str(Path(_start_folder()) / "buku-baru.kws"),
                                               _("Buku KWS (*.kws)"))
        if not path:
            return
        if not path.endswith(".kws"):
            path += ".kws"
        try:
            book = _books().create_book(Path(path))
        except UserError as exc:
            show_error(self, exc)
            return
        self.set_book(book)
        self._offer_first_run()

    def open_demo(self) -> None:
        """Open a fresh copy of the demo book; the user's own book is never touched."""
        from kws_desktop.services.training.demo import build_demo
        from kws_desktop.ui.kit.tasks import run_task
        from kws_desktop.paths import user_data_dir
        folder = user_data_dir() / "demo"
        folder.mkdir(exist_ok=True)
        master = folder / "demo-asli.kws"
        copy = folder / "demo-latihan.kws"

        def work(progress):
            if not master.exists():
                build_demo(master)
            return master

        def done(_result):
            if self.ctx.book is not None and self.ctx.book.path == copy:
                self.set_book(None)
            for suffix in ("", "-wal", "-shm"):
                Path(str(copy) + suffix).unlink(missing_ok=True)
            shutil.copy(master, copy)
            self.open_location(str(copy))

        run_task(self, _("Menyiapkan buku demo…"), work, done)

    def import_excel(self) -> None:
        """Berkas > Impor dari Excel…: the template and the all-or-nothing import."""
        from kws_desktop.ui.pages.exchange.import_dialog import open_import_dialog
        if self.ctx.book is not None:
            self._import_dialog = open_import_dialog(self.ctx, self)

    def close_book(self) -> None:
        self.set_book(None)

    def backup_now(self) -> None:
        book = self.ctx.book
        if book is None or book.path is None:
            return
        path, _f = QFileDialog.getSaveFileName(self, _("Simpan cadangan"),
                                               str(Path.home() / f"{book.path.stem}-cadangan.kws"),
                                               _("Buku KWS (*.kws)"))
        if not path:
            return
        from kws_desktop.services.book.backup import backup_book
        try:
            target = backup_book(book.path, Path(path))
        except UserError as exc:
            show_error(self, exc)
            return
        QMessageBox.information(self, _("Cadangan"), _("Cadangan terverifikasi disimpan di {path}.").format(path=target))

    def restore_backup(self) -> None:
        from kws_desktop.ui.pages.book.backup_dialog import RestoreDialog
        book = self.ctx.book
        target = book.path if book is not None and book.path is not None else default_book_path()
        dialog = RestoreDialog(self, target)
        if dialog.exec() and dialog.chosen is not None:
            self.set_book(None)
            if dialog.restore():
                self.open_location(str(target))

    def about(self) -> None:
        from kws_desktop import __version__
        QMessageBox.about(self, _("Tentang KWS Desktop"), _(
            "KWS Desktop {version}\nPembukuan dan dokumen untuk Kelompok Wirausaha Sanitasi.")
            .format(version=__version__))

    def _close_book_object(self, book, *, backup: bool = True) -> None:
        """Close `book`; its closing backup (a copy and a check of the whole file, seconds on a
        large book) runs off the UI thread behind a small progress window that can skip it."""
        if not backup or not book.makes_backups:
            book.close(backup=False)
            return
        second = self.ctx.settings.second_backup
        path = book.path

        def close_and_copy(_p):
            book.close(backup=True)
            if second and not getattr(book, "_backup_skipped", False):  # "Lewati" skips both copies
                from kws_desktop.services.book.book_place import second_backup
                return second_backup(path, second)
            return None

        def copied(made) -> None:
            loop.quit()
            if made is not None:
                from kws_desktop.services.book.book_place import note_second_backup
                note_second_backup(self.ctx.settings, made)
                self.ctx.save_settings()

        def failed(exc) -> None:
            loop.quit()
            from kws_desktop.logs import log_exception
            log_exception(exc, "closing backup")

        loop = QEventLoop()
        dialog = QProgressDialog(_("Membuat cadangan buku sebelum ditutup…"), p_("tombol", "Lewati"),
                                 0, 0, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(book.stop_backup)
        run_background(self, close_and_copy, copied, failed)
        loop.exec()
        dialog.reset()

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.ctx.book is not None:
            book, self.ctx.book = self.ctx.book, None
            self._close_book_object(book)
        super().closeEvent(event)
