"""The default terms of a quote, from its lines: the book's packages feed core.quote_terms
(labour days of each package, whether it has materials, and the warranty months the group set
for it, sales.package_warranty).

A package without a warranty set promises none on the letter (services.evaluation.service_visits
keeps a default only to judge complaints). Terms the user typed are never replaced: the quote
service uses these only when no terms are given, and for a revision of a quote whose terms were
the default (today's rule for its lines, or the fixed text of earlier versions).
"""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kws_desktop.core.money import QuantityError, to_quantity
from kws_desktop.core.quote_terms import TermsLine, default_terms as make_terms, price_includes
from kws_desktop.core.text import one_line
from kws_desktop.i18n import N_, _, ngettext
from kws_desktop.services.sales.package_warranty import warranties_set
from kws_desktop.store.book import Book
from kws_desktop.store.models.sales import WorkPackage

# What every quote got before the terms followed its lines: a quote still carrying it was never
# given terms by hand, so its revision gets the terms of its lines.
LEGACY_TERMS = N_(
    "Harga sudah termasuk bahan, upah kerja, pengangkutan dan peralatan sampai selesai terpasang.\n"
    "Pekerjaan dimulai setelah surat penawaran ini disetujui dan ditandatangani.\n"
    "Pekerjaan selesai kira-kira 7 hari kerja bila cuaca dan lokasi memungkinkan.\n"
    "Bagian swadaya dibayar sesuai rencana pembayaran di atas; setiap pembayaran diberi kuitansi.\n"
    "Garansi kebocoran tangki dan pipa 6 bulan sejak serah terima.")


def _qty(value) -> Decimal | None:
    try:
        qty = to_quantity(value if not isinstance(value, (int, Decimal)) else Decimal(value))
    except (QuantityError, TypeError, ValueError, ArithmeticError):
        return None
    return qty if qty > 0 else None


def default_terms_in(session: Session, lines: Iterable) -> str:
    """Session-level: the default terms for quote lines (anything with package_id, description
    and qty: a QuoteLineInput, a PricedLine); a line whose quantity is not a number yet is left out."""
    lines = [(line, q) for line in lines if (q := _qty(line.qty)) is not None]
    ids = {line.package_id for line, _q in lines if isinstance(line.package_id, int)}
    packages = {p.id: p for p in session.execute(select(WorkPackage).where(WorkPackage.id.in_(ids))).scalars()} \
        if ids else {}
    months = warranties_set(session, packages)
    out = []
    for line, qty in lines:
        package = packages.get(line.package_id)
        if package is None:
            out.append(TermsLine(one_line(line.description), qty, False))
        else:
            out.append(TermsLine(one_line(line.description) or package.name, qty, True,
                                 package.labour_days or Decimal(0), months.get(package.id, 0),
                                 bool(package.materials)))
    return make_terms(out, _, ngettext)


def default_terms(book: Book, lines: Iterable) -> str:
    """The default terms for the lines as they stand (the quote editor shows them)."""
    with book.reading() as s:
        return default_terms_in(s, lines)


def is_default(terms: str, default: str) -> bool:
    """Whether `terms` are the default ones (`default`; the same with the opening that names
    materials and installation, as every default began before the opening followed the lines;
    or the fixed text of earlier versions, in either language), i.e. nobody typed them: they may
    follow the lines."""
    text = (terms or "").strip()
    _first, newline, rest = default.strip().partition("\n")
    installed = price_includes(True, _) + newline + rest
    return text in {default.strip(), installed, LEGACY_TERMS, _(LEGACY_TERMS)}
