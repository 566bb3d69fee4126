"""The "Anggota" area: the register, wages and kasbon, profit sharing, member income, gender."""
from __future__ import annotations

from kws_desktop.i18n import _, p_
from kws_desktop.ui.kit.tabbed import TabbedPage
from kws_desktop.ui.pages.people import AREA
from kws_desktop.ui.pages.people.gender_tab import GenderTab
from kws_desktop.ui.pages.people.income_tab import IncomeTab
from kws_desktop.ui.pages.people.register_tab import RegisterTab
from kws_desktop.ui.pages.people.sharing_tab import SharingTab
from kws_desktop.ui.pages.people.wages_tab import WagesTab


class MembersPage(TabbedPage):
    area = AREA
    watches = ("pesanan", "tagihan")  # crews accrue wages; billing brings the profit

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, p_("jamak", "Anggota"), parent)
        self.register_tab = RegisterTab(self)
        self.wages_tab = WagesTab(self)
        self.sharing_tab = SharingTab(self)
        self.income_tab = IncomeTab(self)
        self.gender_tab = GenderTab(self)
        self.add_tabs((self.register_tab, _("Daftar anggota")), (self.wages_tab, _("Upah dan kasbon")),
                      (self.sharing_tab, _("Bagi hasil (SHU)")), (self.income_tab, _("Penghasilan anggota")),
                      (self.gender_tab, _("Gender")))
