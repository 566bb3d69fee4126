"""The default terms (ketentuan) of a quote, made from its lines, so the letter promises only
what the group does for those packages: how long the work takes comes from the packages'
labour (HOK), the warranty from the packages' warranty months, and the price includes materials
and installation only when something is built. Free lines promise no days nor warranty.

Pure: the caller passes its gettext and ngettext (core/ cannot import kws_desktop.i18n); the
sentences are marked for the catalog by those very names.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

# The work-duration rule: a KWS crew is a mason with two helpers (tukang and kenek), so three
# people share the job's person-days (HOK) and finish in HOK / 3 days, rounded up, at least one.
# The packages' HOK is what the price pays for, so the letter says no more and no less than the
# RAB. It is "kira-kira" because weather, the site and curing of concrete decide the rest.
CREW = 3


@dataclass(frozen=True)
class TermsLine:
    """What the terms need to know of one quote line."""

    name: str                      # the line's text as printed on the quote
    qty: Decimal
    package: bool                  # False: a free line (typed by hand), no labour nor warranty
    labour_days: Decimal = Decimal(0)  # HOK of ONE unit of the package
    warranty_months: int = 0       # 0: the package has no warranty
    materials: bool = False        # the package's RAB has materials (something is installed)


def _same(message: str) -> str:
    return message


def _same_n(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def work_days(lines: Sequence[TermsLine]) -> int:
    """Working days for the crew: the packages' HOK times their quantity over CREW, rounded up
    and at least 1; 0 when no package line has labour (then no duration is promised)."""
    hok = sum((line.labour_days * line.qty for line in lines if line.package and line.qty > 0), Decimal(0))
    if hok <= 0:
        return 0
    return max(1, math.ceil(hok / CREW))


def installs(lines: Sequence[TermsLine]) -> bool:
    """Whether the quote builds something: a package with materials, or a free line (typed by
    hand, it may well be a material: the letter keeps the sentence it always had). False only
    when every line is a package without materials, such as desludging."""
    return not lines or any(not line.package or line.materials for line in lines)


def price_includes(installed: bool, _: Callable[[str], str] = _same) -> str:
    """The first term: what the price includes, materials and installation only when `installed`."""
    if installed:
        return _("Harga sudah termasuk bahan, upah kerja, pengangkutan dan peralatan sampai selesai terpasang.")
    return _("Harga sudah termasuk upah kerja, pengangkutan dan peralatan sampai pekerjaan selesai.")


def warranty_sentence(lines: Sequence[TermsLine], _: Callable[[str], str] = _same,
                      ngettext: Callable[[str, str, int], str] = _same_n) -> str:
    """One sentence: the same warranty for every package; each package named when they differ;
    "" when no package has a warranty (desludging, free lines only)."""
    packages: dict[str, int] = {}
    for line in lines:
        if line.package:
            packages.setdefault(line.name, max(0, line.warranty_months))
    months = set(packages.values())
    if not months or months == {0}:
        return ""
    if len(months) == 1:
        n = months.pop()
        return ngettext("Garansi pekerjaan {n} bulan sejak serah terima.",
                        "Garansi pekerjaan {n} bulan sejak serah terima.", n).format(n=n)
    parts = [ngettext("{name} {n} bulan", "{name} {n} bulan", n).format(name=name, n=n) if n
             else _("{name} tanpa garansi").format(name=name) for name, n in packages.items()]
    return _("Garansi sejak serah terima: {list}.").format(list="; ".join(parts))


def default_terms(lines: Sequence[TermsLine], _: Callable[[str], str] = _same,
                  ngettext: Callable[[str, str, int], str] = _same_n) -> str:
    """The terms of a quote of `lines` when none are typed, one term a line."""
    terms = [price_includes(installs(lines), _),
             _("Pekerjaan dimulai setelah surat penawaran ini disetujui dan ditandatangani.")]
    days = work_days(lines)
    if days:
        terms.append(ngettext("Pekerjaan selesai kira-kira {n} hari kerja bila cuaca dan lokasi memungkinkan.",
                              "Pekerjaan selesai kira-kira {n} hari kerja bila cuaca dan lokasi memungkinkan.",
                              days).format(n=days))
    terms.append(_("Bagian swadaya dibayar sesuai rencana pembayaran di atas; setiap pembayaran diberi kuitansi."))
    warranty = warranty_sentence(lines, _, ngettext)
    if warranty:
        terms.append(warranty)
    return "\n".join(terms)
