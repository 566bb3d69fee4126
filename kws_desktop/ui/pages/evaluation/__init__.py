"""Evaluation: the Kinerja & Kemitraan area."""

AREA = "kinerja"  # the area key its windows report their changes to
