"""Evaluation: the Kinerja & Kemitraan area."""
