"""Kinerja & Kemitraan: site surveys, the handover checklist, complaints and service visits,
partners and agreements, trainings, and the performance summary (Laporan Kinerja KWS)."""
from __future__ import annotations

from kws_desktop.i18n import _
from kws_desktop.ui.kit.tabbed import TabbedPage
from kws_desktop.ui.pages.evaluation import AREA
from kws_desktop.ui.pages.evaluation.complaints_tab import ComplaintsTab
from kws_desktop.ui.pages.evaluation.partners_tab import PartnersTab
from kws_desktop.ui.pages.evaluation.quality_tab import QualityTab
from kws_desktop.ui.pages.evaluation.summary_tab import SummaryTab
from kws_desktop.ui.pages.evaluation.surveys_tab import SurveysTab
from kws_desktop.ui.pages.evaluation.trainings_tab import TrainingsTab


class EvaluationPage(TabbedPage):
    area = AREA
    watches = ("pesanan", "anggota", "tagihan", "bahan", "pelanggan")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, _("Kinerja & Kemitraan"), parent)
        self.surveys = SurveysTab(self)
        self.quality = QualityTab(self)
        self.complaints = ComplaintsTab(self)
        self.partners = PartnersTab(self)
        self.trainings = TrainingsTab(self)
        self.summary = SummaryTab(self)
        self.add_tabs((self.summary, _("Ringkasan kinerja")), (self.surveys, _("Survei lokasi")),
                      (self.quality, _("Pemeriksaan mutu")),
                      (self.complaints, _("Keluhan & layanan").replace("&", "&&")),
                      (self.partners, _("Mitra & perjanjian").replace("&", "&&")), (self.trainings, _("Pelatihan")))
