"""The "Laporan" area: choose a report and a period, see it, save it as PDF/XLSX/CSV, print it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from kws_desktop.core.file_names import safe_file_name
from kws_desktop.documents.output import DocumentWriteError
from kws_desktop.documents.table import format_cell
from kws_desktop.documents.tabular import TabularReport, write_report
from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, _
from kws_desktop.services.book import books
from kws_desktop.services import reports as registry
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.kit.forms import DateEdit, show_error
from kws_desktop.ui.kit.page import Page, heading
from kws_desktop.ui.kit.widgets import error_label

CHUNK = 300

PRESETS = (("month", N_("Bulan ini")), ("last_month", N_("Bulan lalu")), ("year", N_("Tahun ini")),
           ("last_year", N_("Tahun lalu")), ("custom", N_("Pilih tanggal")))


def preset_period(key: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The (start, end) of a period preset."""
    first = today.replace(day=1)
    if key == "month":
        return first, today
    if key == "last_month":
        end = first - dt.timedelta(days=1)
        return end.replace(day=1), end
    if key == "last_year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    return dt.date(today.year, 1, 1), today


class ReportTableModel(QAbstractTableModel):
    """A built report on screen, formatted exactly as on paper, shown a chunk at a time."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.report: TabularReport | None = None
        self._shown = 0

    def set_report(self, report: TabularReport | None) -> None:
        self.beginResetModel()
        self.report = report
        self._shown = min(CHUNK, len(report.rows)) if report else 0
        self.endResetModel()

    @property
    def columns(self):
        return list(self.report.columns) if self.report else []

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return self.report is not None and self._shown < len(self.report.rows)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        total = len(self.report.rows)
        more = min(CHUNK, total - self._shown)
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or section >= len(self.columns):
            return None
        col = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.title
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.report is None:
            return None
        row = self.report.rows[index.row()]
        col = self.columns[index.column()]
        value = row.values(self.columns)[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = format_cell(col.kind, value)
            first_text = next((i for i, c in enumerate(self.columns) if c.kind == "text"), None)
            if row.indent and index.column() == first_text:
                text = "    " * row.indent + text
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.bold:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and row.style in ("heading", "total"):
            return QBrush(QColor("#eeeeee" if row.style == "heading" else "#dddddd"))
        if role == Qt.ItemDataRole.ForegroundRole and col.kind == "money" \
                and isinstance(value, int) and value < 0:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None


class ReportsPage(Page):
    area = "laporan"
    shows = ("*",)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self._filling_itself = False  # True while refresh() fills the page (not a user view)
        self.today = dt.date.today()
        self.current: TabularReport | None = None
        lay = QVBoxLayout(self)
        lay.addWidget(heading(_("Laporan")))
        split = QSplitter()
        lay.addWidget(split, 1)

        self.kinds = QListWidget()
        self.kinds.setMaximumWidth(280)
        for kind in registry.kinds():
            item = QListWidgetItem(_(registry.REGISTRY[kind].title))
            item.setData(Qt.ItemDataRole.UserRole, kind)
            self.kinds.addItem(item)
        self.kinds.currentRowChanged.connect(lambda _r: self._kind_changed())
        split.addWidget(self.kinds)

        right = QWidget()
        col = QVBoxLayout(right)
        bar = QHBoxLayout()
        self.preset = QComboBox()
        for key, label in PRESETS:
            self.preset.addItem(_(label), key)
        self.preset.setCurrentIndex(2)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.start_label = QLabel(_("Dari"))
        self.start = DateEdit()
        self.end = DateEdit()
        for w in (self.start, self.end):
            w.dateChanged.connect(self._dates_edited)
        self.show_button = QPushButton(_("Tampilkan"))
        self.show_button.clicked.connect(self.show_report)
        bar.addWidget(QLabel(_("Periode")))
        bar.addWidget(self.preset)
        bar.addWidget(self.start_label)
        bar.addWidget(self.start)
        bar.addWidget(QLabel(_("Sampai")))
        bar.addWidget(self.end)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        col.addLayout(bar)

        self.error = error_label()
        col.addWidget(self.error)
        self.title = QLabel()
        self.title.setObjectName("reportTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.subtitle = QLabel()
        col.addWidget(self.title)
        col.addWidget(self.subtitle)

        self.model = ReportTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        col.addWidget(self.table, 1)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: #555;")
        col.addWidget(self.notes_label)

        self.own_notes = QPlainTextEdit()
        self.own_notes.setPlaceholderText(_("Catatan bendahara untuk laporan (dicetak di Catatan atas "
                                            "Laporan Keuangan)"))
        self.own_notes.setMaximumHeight(90)
        self.save_notes = QPushButton(_("Simpan catatan"))
        self.save_notes.clicked.connect(self._save_notes)
        col.addWidget(self.own_notes)
        col.addWidget(self.save_notes, 0, Qt.AlignmentFlag.AlignLeft)

        actions = QHBoxLayout()
        self.print_button = QPushButton(_("Pratinjau dan cetak…"))
        self.print_button.clicked.connect(self.print_preview)
        actions.addWidget(self.print_button)
        self.save_buttons = {}
        for fmt, label in (("pdf", _("Simpan PDF…")), ("xlsx", _("Simpan Excel…")),
                           ("csv", _("Simpan CSV…"))):
            button = QPushButton(label)
            button.clicked.connect(lambda _c=False, f=fmt: self.save_as(f))
            actions.addWidget(button)
            self.save_buttons[fmt] = button
        self.status = QLabel()
        self.status.setStyleSheet("color: #1b5e20;")
        actions.addWidget(self.status, 1)
        col.addLayout(actions)
        split.addWidget(right)
        split.setStretchFactor(1, 1)

        self._preset_changed()
        if self.kinds.count():
            self.kinds.setCurrentRow(0)
        self._enable_outputs(False)

    # --- state ----------------------------------------------------------------------
    def kind(self) -> str | None:
        item = self.kinds.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select_kind(self, kind: str) -> None:
        for i in range(self.kinds.count()):
            if self.kinds.item(i).data(Qt.ItemDataRole.UserRole) == kind:
                self.kinds.setCurrentRow(i)
                return

    def set_period(self, start: dt.date, end: dt.date) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(len(PRESETS) - 1)
        self.preset.blockSignals(False)
        self.start.set_value(start)
        self.end.set_value(end)

    def _preset_changed(self) -> None:
        key = self.preset.currentData()
        if key == "custom":
            return
        start, end = preset_period(key, self.today)
        for w, v in ((self.start, start), (self.end, end)):
            w.blockSignals(True)
            w.set_value(v)
            w.blockSignals(False)
        self._invalidate()

    def _dates_edited(self) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(len(PRESETS) - 1)
        self.preset.blockSignals(False)
        self._invalidate()

    def _kind_changed(self) -> None:
        kind = self.kind()
        spec = registry.REGISTRY.get(kind) if kind else None
        needs = spec.needs_period if spec else True
        self.start.setEnabled(needs)
        self.start_label.setEnabled(needs)
        is_notes = kind == "notes"
        self.own_notes.setVisible(is_notes)
        self.save_notes.setVisible(is_notes)
        if is_notes and self.ctx.book is not None:
            from kws_desktop.services.reports.notes import notes_text
            self.own_notes.setPlainText(notes_text(self.book))
        self._invalidate()
        if self.isVisible() and self.ctx.book is not None:
            self.show_report()

    def _invalidate(self) -> None:
        self.current = None
        self.status.setText("") if hasattr(self, "status") else None
        self._enable_outputs(False)

    def _enable_outputs(self, on: bool) -> None:
        self.print_button.setEnabled(on)
        for b in self.save_buttons.values():
            b.setEnabled(on)

    def refresh(self) -> None:
        # the page filling itself (opened, or the book changed) is not the user reading a
        # report: the workshop's exercise ticks only when the user chooses or shows one
        self._filling_itself = True
        try:
            pending = getattr(self.ctx, "pending_report", None)
            if pending:
                self.ctx.pending_report = None
                self.select_kind(pending)
            self.show_report()
        finally:
            self._filling_itself = False

    # --- building and output ------------------------------------------------------------
    def build(self) -> TabularReport | None:
        kind = self.kind()
        if kind is None:
            return None
        spec = registry.REGISTRY[kind]
        start = self.start.value() if spec.needs_period else None
        try:
            report = registry.build_report(self.book, kind, start, self.end.value())
        except UserError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return None
        self.error.hide()
        if not self._filling_itself:
            try:
                registry.record_report_view(self.book, kind)  # workshop exercises read this
            except UserError:
                pass
        return report

    def show_report(self) -> None:
        report = self.build()
        self.current = report
        self.model.set_report(report)
        self._enable_outputs(report is not None)
        self.title.setText(report.title if report else "")
        self.subtitle.setText(report.subtitle if report else "")
        self.notes_label.setText("\n".join(report.notes) if report else "")
        header = self.table.horizontalHeader()
        if report is not None:
            texts = [i for i, c in enumerate(report.columns) if c.kind == "text"]
            stretch = max(texts, key=lambda i: report.columns[i].key in ("uraian", "nama")) \
                if texts else None
            for i, _c in enumerate(report.columns):
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch if i == stretch
                                            else QHeaderView.ResizeMode.ResizeToContents)

    def _paper(self) -> str:
        return books.get_setting(self.book, "document_paper") or "A4"  # A5: turned when too wide

    def write(self, path: Path, fmt: str) -> Path:
        if self.current is None:
            self.show_report()
        if self.current is None:
            raise UserError(_("Laporan belum bisa dibuat; periksa periode."))
        return write_report(self.current, path, fmt, profile=books.get_profile(self.book),
                            paper=self._paper())

    def suggested_name(self, fmt: str) -> str:
        kind = self.kind() or "laporan"
        return safe_file_name(f"{kind}-{self.end.value().isoformat()}.{fmt}")

    def save_as(self, fmt: str) -> None:
        filters = {"pdf": "PDF (*.pdf)", "xlsx": _("Excel (*.xlsx)"), "csv": "CSV (*.csv)"}
        path, _f = QFileDialog.getSaveFileName(self, _("Simpan laporan"),
                                               str(Path.home() / self.suggested_name(fmt)), filters[fmt])
        if not path:
            return
        if not path.lower().endswith("." + fmt):
            path += "." + fmt
        self.save_to(Path(path), fmt)

    def save_to(self, path: Path, fmt: str) -> bool:
        try:
            self.write(path, fmt)
        except (UserError, DocumentWriteError) as exc:
            show_error(self, exc if isinstance(exc, UserError) else str(exc))
            return False
        self.status.setText(_("Laporan disimpan: {path}").format(path=path))
        return True

    def print_preview(self) -> None:
        from kws_desktop.ui.kit.pdf_preview import preview_document
        title = self.current.title if self.current else _("Laporan")
        preview_document(self, lambda p: self.write(p, "pdf"), ctx=self.ctx, kind="laporan",
                         title=title, suggested_name=self.suggested_name("pdf"))

    def _save_notes(self) -> None:
        from kws_desktop.services.reports.notes import set_notes_text
        if self.call(lambda: set_notes_text(self.book, self.own_notes.toPlainText())) is not False:
            self.show_report()
