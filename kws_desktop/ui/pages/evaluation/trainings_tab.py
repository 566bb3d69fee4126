"""The member trainings tab and its form."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kws_desktop.i18n import N_, _, p_
from kws_desktop.services.evaluation import trainings
from kws_desktop.ui.kit.forms import DateEdit
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import table_view
from kws_desktop.ui.pages.evaluation.forms import EvaluationDialog, combo


class TrainingDialog(EvaluationDialog):
    def __init__(self, page: Page):
        super().__init__(page, _("Catat pelatihan"))
        from kws_desktop.services.people import members
        e = self.errors
        self.member = e.add("member_id", _("Anggota"), QComboBox())
        for m in members.list_members(page.book, limit=1000):
            self.member.addItem(m.name, m.id)
        self.topic = e.add("topic", _("Topik"), combo(trainings.TOPICS))
        self.title_edit = e.add("title", _("Judul pelatihan"), QLineEdit())
        self.organiser = e.add("organiser", _("Penyelenggara"), QLineEdit())
        self.start = e.add("start_date", _("Mulai"), DateEdit())
        self.end = e.add("end_date", p_("tanggal akhir", "Selesai"), DateEdit())
        self.start.dateChanged.connect(lambda d: self.end.setDate(d) if self.end.date() < d else None)
        self.certificate = QCheckBox(_("Mendapat sertifikat"))
        self.form.addRow("", self.certificate)
        self.cert_number = e.add("certificate_number", _("Nomor sertifikat"), QLineEdit())
        self.finish()

    def save(self) -> None:
        self.attempt(lambda: trainings.save_training(self.page.book, trainings.TrainingInput(
            self.member.currentData(), self.topic.currentData(), self.start.value(), self.end.value(),
            self.title_edit.text(), self.organiser.text(), certificate=self.certificate.isChecked(),
            certificate_number=self.cert_number.text())))


TRAINING_COLUMNS = [Column("start", N_("Tanggal"), "date", False), Column("member", N_("Anggota"), sortable=False),
                    Column("gender", N_("L/P"), sortable=False), Column("topic", N_("Topik"), sortable=False),
                    Column("title", N_("Judul"), sortable=False), Column("organiser", N_("Penyelenggara"), sortable=False),
                    Column("days", N_("Hari"), "int", False), Column("cert", N_("Sertifikat"), "bool", False)]


class TrainingsTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.topic = combo(trainings.TOPICS, _("Semua topik"))
        self.topic.currentIndexChanged.connect(self.refresh)
        new = QPushButton(_("Catat pelatihan"))
        new.clicked.connect(self.new)
        bar.addWidget(self.topic)
        bar.addStretch(1)
        bar.addWidget(new)
        lay.addLayout(bar)
        self.model = PagedTableModel(TRAINING_COLUMNS)
        self.view = table_view(self.model)
        lay.addWidget(self.view)

    def refresh(self) -> None:
        topic = self.topic.currentData()
        self.model.set_fetch(lambda off, lim, _k, _d: [
            {"id": r.id, "start": r.start_date, "member": r.member_name, "gender": r.gender, "topic": r.topic_label,
             "title": r.title, "organiser": r.organiser, "days": r.days, "cert": r.certificate}
            for r in trainings.list_trainings(self.page.book, topic=topic, offset=off, limit=lim)])

    def new(self) -> None:
        if TrainingDialog(self.page).exec():
            self.refresh()
