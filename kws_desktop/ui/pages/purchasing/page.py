"""Bahan & Pembelian: the area's tabs, purchases, stock, catalog and suppliers."""
from __future__ import annotations

from kws_desktop.i18n import _, p_
from kws_desktop.ui.kit.tabbed import TabbedPage
from kws_desktop.ui.pages.purchasing import AREA
from kws_desktop.ui.pages.purchasing.catalog_tab import CatalogPanel
from kws_desktop.ui.pages.purchasing.purchases_tab import PurchasesPanel
from kws_desktop.ui.pages.purchasing.stock_tab import StockPanel
from kws_desktop.ui.pages.purchasing.suppliers_tab import SuppliersPanel


class MaterialsPage(TabbedPage):
    area = AREA

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, _("Bahan & Pembelian"), parent)
        self.catalog = CatalogPanel(self)
        self.suppliers = SuppliersPanel(self)
        self.purchases = PurchasesPanel(self)
        self.stock = StockPanel(self)
        self.add_tabs((self.purchases, _("Pembelian")), (self.stock, _("Stok")), (self.catalog, _("Katalog bahan")),
                      (self.suppliers, p_("jamak", "Pemasok")))
