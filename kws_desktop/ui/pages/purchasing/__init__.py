"""Purchasing: the Bahan & Pembelian area (catalog, suppliers, purchases, stock) and supplier
payments."""
