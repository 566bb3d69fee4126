"""Billing: the Tagihan & Kuitansi area (taking a payment, invoices, kuitansi) and using an
advance."""
