"""Guided exercises for workshops: short steps, and a check of whether each was done in the book.

An exercise counts as done when the book now holds something the saved exercise start
(services.workshop) did not: a new purchase, a new quote, a new payment on an invoice paid in
instalments, a kuitansi printed, the profit and loss viewed (the last two are read from the audit
log: `("print", "receipt")` and `("view", "report", kind="profit-loss")`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.errors import BookError
from kws_desktop.i18n import N_, _
from kws_desktop.services.training.workshop import exercise_start_path
from kws_desktop.store.book import Book
from kws_desktop.store.book import open_book as open_store_book
from kws_desktop.store.models.billing import Instalment, Invoice, Payment
from kws_desktop.store.models.book import AuditEvent
from kws_desktop.store.models.purchasing import Purchase
from kws_desktop.store.models.sales import Quote


@dataclass(frozen=True)
class Exercise:
    key: str
    title: str                 # Indonesian source string (N_), shown through _()
    steps: tuple[str, ...]     # Indonesian source strings (N_)
    area: str                  # the sidebar area where it is done
    counter: str               # the counter that grows when it is done


EXERCISES: tuple[Exercise, ...] = (
    Exercise("purchase", N_("Mencatat pembelian bahan"), (
        N_("Buka Bahan & Pembelian, lalu tab Pembelian."),
        N_("Tekan \"Catat nota baru\" (atau Ctrl+Shift+B dari mana saja)."),
        N_("Pilih toko, isi bahan, jumlah dan harga seperti di nota."),
        N_("Tekan \"Simpan & tutup\"."),
    ), "bahan", "purchases"),
    Exercise("quote", N_("Membuat surat penawaran"), (
        N_("Buka Pesanan, lalu tab Penawaran."),
        N_("Tekan \"Penawaran baru\" (atau Ctrl+Shift+N)."),
        N_("Pilih pelanggan dan paket pekerjaan, periksa harganya."),
        N_("Tekan \"Simpan draf\"."),
    ), "pesanan", "quotes"),
    Exercise("instalment", N_("Menerima cicilan"), (
        N_("Buka Tagihan & Kuitansi, tab Terima pembayaran (Ctrl+Shift+P)."),
        N_("Ketik nama pelanggan yang membayar cicilan, lalu pilih tagihannya."),
        N_("Isi jumlah uang yang diterima, tunai atau transfer."),
        N_("Tekan \"Terima dan cetak kuitansi\"."),
    ), "tagihan", "instalment_payments"),
    Exercise("receipt", N_("Mencetak kuitansi"), (
        N_("Buka Tagihan & Kuitansi, tab Kuitansi."),
        N_("Pilih kuitansi dari pembayaran tadi."),
        N_("Tekan \"Cetak ulang (SALINAN)…\": pratinjau kuitansi muncul."),
        N_("Periksa terbilang dan tanda tangan, lalu cetak atau simpan PDF."),
    ), "tagihan", "receipts_printed"),
    Exercise("profit_loss", N_("Membaca laporan laba rugi"), (
        N_("Buka Laporan."),
        N_("Pilih \"Laporan Laba Rugi\" dan periode tahun ini."),
        N_("Tekan \"Tampilkan\" dan baca: pendapatan, biaya, laba."),
        N_("Diskusikan: dari mana laba terbesar kelompok?"),
    ), "laporan", "profit_loss_viewed"),
)


@dataclass(frozen=True)
class ExerciseStatus:
    key: str
    title: str
    steps: tuple[str, ...]
    area: str
    done: bool
    detail: str          # one plain sentence: what was found, or what is still missing


@dataclass(frozen=True)
class Progress:
    has_start: bool      # an exercise start was saved for this book
    exercises: tuple[ExerciseStatus, ...]

    @property
    def done_count(self) -> int:
        return sum(1 for e in self.exercises if e.done)


def counters(session: Session, *, since_audit_id: int = 0) -> dict[str, int]:
    """The numbers the checks compare (takes a session). Audit-based counters count events
    after `since_audit_id`."""
    multi = (select(Instalment.invoice_id).group_by(Instalment.invoice_id)
             .having(func.count(Instalment.id) > 1))
    out = {
        "purchases": session.execute(select(func.count(Purchase.id))).scalar() or 0,
        "quotes": session.execute(select(func.count(Quote.id))).scalar() or 0,
        "instalment_payments": session.execute(
            select(func.count(Payment.id)).join(Invoice, Invoice.id == Payment.invoice_id)
            .where(Payment.invoice_id.in_(multi))).scalar() or 0,
        "audit_max": session.execute(select(func.max(AuditEvent.id))).scalar() or 0,
    }
    out["receipts_printed"] = session.execute(
        select(func.count(AuditEvent.id)).where(AuditEvent.id > since_audit_id,
                                                AuditEvent.action == "print",
                                                AuditEvent.entity == "receipt")).scalar() or 0
    views = session.execute(
        select(AuditEvent.detail).where(AuditEvent.id > since_audit_id, AuditEvent.action == "view",
                                        AuditEvent.entity == "report")).scalars()
    out["profit_loss_viewed"] = sum(1 for d in views if _kind(d) == "profit-loss")
    return out


def _kind(detail: str) -> str:
    try:
        return str(json.loads(detail or "{}").get("kind", ""))
    except ValueError:
        return ""


_BASELINES: dict[tuple, dict[str, int]] = {}


def baseline(book_path: Path) -> dict[str, int] | None:
    """The counters of the saved exercise start of this book (None when there is none)."""
    snapshot = exercise_start_path(book_path)
    try:
        st = snapshot.stat()
        key = (str(snapshot), st.st_ino, st.st_mtime_ns, st.st_size)
    except OSError:
        return None
    if key not in _BASELINES:
        try:
            start = open_store_book(snapshot, read_only=True)
        except BookError:
            return None
        try:
            with start.reading() as s:
                base = counters(s)
        finally:
            start.close(backup=False)
        base["receipts_printed"] = base["profit_loss_viewed"] = 0  # counted after the start
        _BASELINES[key] = base
    return dict(_BASELINES[key])


_FOUND = {
    "purchases": N_("{n} pembelian baru tercatat."),
    "quotes": N_("{n} penawaran baru dibuat."),
    "instalment_payments": N_("{n} cicilan baru diterima."),
    "receipts_printed": N_("Kuitansi sudah dicetak {n} kali."),
    "profit_loss_viewed": N_("Laporan laba rugi sudah dibuka."),
}
_MISSING = {
    "purchases": N_("Belum ada pembelian baru sejak awal latihan."),
    "quotes": N_("Belum ada penawaran baru sejak awal latihan."),
    "instalment_payments": N_("Belum ada pembayaran cicilan baru sejak awal latihan."),
    "receipts_printed": N_("Belum ada kuitansi yang dicetak sejak awal latihan."),
    "profit_loss_viewed": N_("Laporan laba rugi belum dibuka sejak awal latihan."),
}


def progress(book: Book) -> Progress:
    """Which exercises were done in the book since its saved exercise start."""
    base = baseline(book.path) if book.path is not None else None
    if base is None:
        return Progress(False, tuple(
            ExerciseStatus(e.key, _(e.title), tuple(_(s) for s in e.steps), e.area, False,
                           _("Simpan dulu sebagai awal latihan (menu Pelatihan)."))
            for e in EXERCISES))
    with book.reading() as s:
        now = counters(s, since_audit_id=base["audit_max"])
    statuses = []
    for e in EXERCISES:
        grown = now[e.counter] - base[e.counter]
        done = grown > 0
        detail = (_(_FOUND[e.counter]).format(n=grown) if done else _(_MISSING[e.counter]))
        statuses.append(ExerciseStatus(e.key, _(e.title), tuple(_(s) for s in e.steps), e.area,
                                       done, detail))
    return Progress(True, tuple(statuses))
