"""Purchasing: the Bahan & Pembelian area (catalog, suppliers, purchases, stock) and supplier
payments."""

AREA = "bahan"  # the area key its windows report their changes to
