"""The default terms of a quote, from its lines: the book's packages feed core.quote_terms
(labour days of each package, whether it has materials, and the warranty months the group set
for it, sales.package_warranty).

A package without a warranty set promises none on the letter, and the quote editor says so
beside the terms (services.evaluation.service_visits keeps a default only to judge complaints).
Terms the user typed are never replaced: the quote service uses these only when no terms are
given, and for a revision of a quote whose terms were the default (follows_lines_in).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kws_desktop.core.money import QuantityError, to_quantity
from kws_desktop.core.quote_terms import TermsLine, default_terms as make_terms
from kws_desktop.core.rab import ComponentKind
from kws_desktop.core.text import one_line
from kws_desktop.i18n import N_, _, ngettext
from kws_desktop.services.sales.package_warranty import warranties_set
from kws_desktop.store.book import Book
from kws_desktop.store.models.sales import WorkPackage

# What every quote got before the terms followed its lines (1.0.0): nobody typed it, but it is
# what the household was promised (see follows_lines_in).
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


def _labour_and_materials(line, package: WorkPackage) -> tuple[Decimal, bool]:
    """HOK of one unit, and whether it installs materials: from the line's own RAB when it has
    one (a draft keeps the RAB it was priced with), else from the package as it is today."""
    rab = getattr(line, "components", None) or ()
    if not rab:
        return package.labour_days or Decimal(0), bool(package.materials)
    hok = sum((_qty(c.qty) or Decimal(0) for c in rab if c.kind == ComponentKind.LABOUR), Decimal(0))
    return hok, any(c.kind == ComponentKind.MATERIAL and _qty(c.qty) for c in rab)


def _terms_lines(session: Session, lines: Iterable) -> tuple[list[TermsLine], tuple[str, ...]]:
    """The lines as core.quote_terms reads them, and the names of their packages that have no
    warranty set; a line whose quantity is not a number yet is left out."""
    lines = [(line, q) for line in lines if (q := _qty(line.qty)) is not None]
    ids = {line.package_id for line, _q in lines if isinstance(line.package_id, int)}
    packages = {p.id: p for p in session.execute(select(WorkPackage).where(WorkPackage.id.in_(ids))).scalars()} \
        if ids else {}
    months = warranties_set(session, packages)
    out, unset = [], []
    for line, qty in lines:
        package = packages.get(line.package_id)
        if package is None:
            out.append(TermsLine(one_line(line.description), qty, False))
            continue
        hok, materials = _labour_and_materials(line, package)
        out.append(TermsLine(one_line(line.description) or package.name, qty, True, hok,
                             months.get(package.id, 0), materials))
        if package.id not in months and package.name not in unset:
            unset.append(package.name)
    return out, tuple(unset)


def default_terms_in(session: Session, lines: Iterable) -> str:
    """Session-level: the default terms for quote lines (anything with package_id, description
    and qty: a QuoteLineInput, a PricedLine)."""
    return make_terms(_terms_lines(session, lines)[0], _, ngettext)


def _follows(saved: str | None, default: str, unset: tuple[str, ...]) -> bool:
    """Whether `saved` terms are `default`, so nobody typed them and they may follow the lines.
    The fixed text of earlier versions counts only once every package of the lines has its
    warranty set: until then it is the only warranty the household was promised, and it stays."""
    text = (saved or "").strip()
    return text == default.strip() or (not unset and text in {LEGACY_TERMS, _(LEGACY_TERMS)})


def follows_lines_in(session: Session, terms: str | None, lines: Iterable) -> bool:
    """Session-level: whether saved `terms` may follow `lines` (in a revision), see _follows."""
    terms_lines, unset = _terms_lines(session, lines)
    return _follows(terms, make_terms(terms_lines, _, ngettext), unset)


@dataclass(frozen=True)
class TermsForLines:
    """What the quote editor shows beside the terms box."""

    text: str                          # the default terms of the lines
    unset: tuple[str, ...]             # packages with no warranty set: the letter promises none
    follows: bool = True               # the saved terms asked about are the default (follows_lines_in)

    @property
    def hint(self) -> str:
        if not self.unset:
            return ""
        return _("Garansi {names} belum diatur, jadi tidak dicetak. Atur lewat \"Paket pekerjaan...\".").format(
            names=", ".join(self.unset))


def terms_for_lines(book: Book, lines: Iterable, saved: str | None = None) -> TermsForLines:
    """The default terms for the lines as they stand, the packages without a warranty set, and
    whether `saved` terms (a draft's, when given) may follow the lines."""
    with book.reading() as s:
        terms_lines, unset = _terms_lines(s, lines)
    text = make_terms(terms_lines, _, ngettext)
    return TermsForLines(text, unset, saved is None or _follows(saved, text, unset))
