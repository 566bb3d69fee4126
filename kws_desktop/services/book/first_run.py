"""The first run of a new book: profile, signatories, opening cash and bank, example prices.

The wizard (ui/pages/book/first_run.py) checks each step with the validators here, then saves everything
with :func:`apply_setup`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select

from kws_desktop.core.profile import KwsProfile
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import _
from kws_desktop.services.book.amounts import BALANCE, check_rupiah
from kws_desktop.services.book import books
from kws_desktop.services.purchasing.materials import load_starter_catalog
from kws_desktop.services.book.opening import post_opening_balances
from kws_desktop.services.sales.packages import load_default_packages
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import JournalEntry



@dataclass(frozen=True)
class SetupInput:
    profile: KwsProfile
    opening_date: dt.date
    cash: int = 0
    bank: int = 0
    examples: bool = True      # start from the example materials, packages and prices


@dataclass(frozen=True)
class SetupResult:
    opening_number: str | None
    materials_added: int
    packages_added: int


def needs_setup(book: Book) -> bool:
    """A new book: no KWS name yet."""
    return not books.get_profile(book).name.strip()


def opening_posted(book: Book) -> bool:
    with book.reading() as s:
        return s.execute(select(JournalEntry.id).where(JournalEntry.source_type == "opening")).first() is not None


def check_profile(profile: KwsProfile) -> None:
    """The profile step: the group's name and kecamatan."""
    problems = []
    if not profile.name.strip():
        problems.append(("name", _("Nama KWS wajib diisi.")))
    elif len(profile.name.strip()) < 3:
        problems.append(("name", _("Nama KWS terlalu pendek.")))
    if not profile.kecamatan.strip():
        problems.append(("kecamatan", _("Pilih kecamatan tempat kelompok berada.")))
    phone = profile.phone.strip().replace(" ", "").replace("-", "")
    if phone and not phone.lstrip("+").isdigit():
        problems.append(("phone", _("Nomor telepon hanya boleh berisi angka.")))
    collect(problems)


def check_signatories(profile: KwsProfile) -> None:
    """The signatories step: who signs quotes, kuitansi and reports."""
    problems = []
    if not profile.leader_name.strip():
        problems.append(("leader_name", _("Nama ketua wajib diisi (ia menandatangani surat).")))
    if not profile.treasurer_name.strip():
        problems.append(("treasurer_name", _("Nama bendahara wajib diisi (ia menandatangani kuitansi).")))
    collect(problems)


def check_opening(date: dt.date, cash: int, bank: int, *, today: dt.date | None = None) -> None:
    """The opening balances step."""
    problems = []
    if date > (today or dt.date.today()):
        problems.append(("opening_date", _("Tanggal saldo awal tidak boleh di masa depan.")))
    for key, amount, label in (("cash", cash, _("Saldo kas")), ("bank", bank, _("Saldo bank"))):
        check_rupiah(amount, key, problems, BALANCE, label)
    collect(problems)


def apply_setup(book: Book, data: SetupInput, *, today: dt.date | None = None) -> SetupResult:
    """Check every step, then save the profile, post the opening balances (once) and load the
    examples if asked."""
    problems: list[tuple[str | None, str]] = []
    for check in (lambda: check_profile(data.profile), lambda: check_signatories(data.profile),
                  lambda: check_opening(data.opening_date, data.cash, data.bank, today=today)):
        try:
            check()
        except UserError as exc:
            problems.extend(exc.problems)
    if (data.cash or data.bank) and opening_posted(book):
        problems.append((None, _("Saldo awal sudah pernah dicatat; ubah lewat jurnal koreksi.")))
    collect(problems)
    profile = replace(data.profile, **{k: getattr(data.profile, k).strip() for k in
                                      ("name", "kecamatan", "leader_name", "treasurer_name")})
    books.update_profile(book, profile)
    number = post_opening_balances(book, data.opening_date, cash=data.cash, bank=data.bank) \
        if (data.cash or data.bank) else None
    materials = packages = 0
    if data.examples:
        materials = load_starter_catalog(book, date=data.opening_date)
        packages = load_default_packages(book)
    return SetupResult(number, materials, packages)
