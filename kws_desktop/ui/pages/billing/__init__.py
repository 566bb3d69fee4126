"""Billing: the Tagihan & Kuitansi area (taking a payment, invoices, kuitansi) and using an
advance."""

AREA = "tagihan"  # the area key its windows report their changes to
