"""The gender tab: women and men among members, leaders, disability, and who holds the leader posts."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from kws_desktop.i18n import _, format_quantity, format_ratio, format_rupiah, p_
from kws_desktop.services.people import member_income
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.widgets import period_row


class GenderTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        row, self.start, self.end = period_row()
        lay.addLayout(row)
        b = QPushButton(_("Tampilkan"))
        b.clicked.connect(self.refresh)
        row.addWidget(b)
        row.addStretch(1)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Perempuan"), _("Laki-laki"), p_("baris total", "Jumlah"), _("Bagian perempuan")])
        lay.addWidget(self.table, 1)
        lay.addWidget(QLabel(_("Jabatan pengurus")))
        self.leaders = QTableWidget(0, 2)
        self.leaders.setHorizontalHeaderLabels([_("Perempuan"), _("Laki-laki")])
        self.leaders.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.leaders, 1)

    def refresh(self) -> None:
        view = self.page.call(lambda: member_income.gender_view(self.page.book, self.start.value(), self.end.value()))
        if view is None:
            return
        figures = [(p_("jamak", "Anggota"), "members", str), (_("Aktif di akhir periode"), "active_at_end", str),
                   (_("Pengurus (ketua, bendahara, sekretaris)"), "leaders", str),
                   (_("Penyandang disabilitas"), "with_disability", str),
                   (_("Hari orang kerja (HOK)"), "days", format_quantity), (_("Upah"), "wages", format_rupiah),
                   (_("Bagi hasil"), "profit_share", format_rupiah),
                   (_("Penghasilan"), "income", format_rupiah)]
        self.table.setRowCount(len(figures))
        self.table.setVerticalHeaderLabels([f[0] for f in figures])
        for r, (_label, attr, fmt) in enumerate(figures):
            share = view.share_of_women(attr)
            cells = [fmt(getattr(row, attr)) for row in view.rows]
            cells.append("" if share is None else format_ratio(share, fixed=True))  # a column: 21,0%
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.leaders.setRowCount(len(view.leadership))
        self.leaders.setVerticalHeaderLabels([ln.label for ln in view.leadership])
        for r, ln in enumerate(view.leadership):
            self.leaders.setItem(r, 0, QTableWidgetItem(", ".join(ln.women) or "–"))
            self.leaders.setItem(r, 1, QTableWidgetItem(", ".join(ln.men) or "–"))
