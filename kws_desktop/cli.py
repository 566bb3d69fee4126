"""The command line: `kws-desktop [BOOK]` opens the window; subcommands work without it.

Commands that only read open the book without the whole-file check (`defer_checks`), so they
stay fast however large the book is; a damaged page met while reading is still reported in one
sentence, and `check` reads everything."""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import traceback
from pathlib import Path

from kws_desktop import __version__
from kws_desktop.errors import UserError
from kws_desktop.i18n import _, format_date, format_quantity, format_rupiah, set_language

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def cmd_demo(args) -> int:
    from kws_desktop.services.training.demo import build_demo
    from kws_desktop.store.engine import is_url
    out = args.out if is_url(args.out) else Path(args.out)
    from kws_desktop.store.location import public_location
    summary = build_demo(out, seed=args.seed, orders=args.orders, years=args.years)
    _out(_("Buku demo ditulis: {path}").format(path=public_location(out)))
    for label, count in summary.items():
        _out(f"  {label}: {count}")
    return EXIT_OK


def cmd_check(args) -> int:
    from kws_desktop.services.book.books import open_book
    from kws_desktop.services.book.check import check_book
    from kws_desktop.store.location import location_label
    with open_book(args.book, read_only=True) as book:
        problems = check_book(book)
    name = location_label(args.book)
    if problems:
        _out(_("Ditemukan {n} masalah di buku {name}:").format(n=len(problems), name=name))
        for p in problems:
            _out(f"- {p}")
        return EXIT_REFUSED
    _out(_("Buku {name} utuh: database baik, semua jurnal seimbang, penomoran lengkap.")
         .format(name=name))
    return EXIT_OK


def cmd_rebuild_totals(args) -> int:
    from kws_desktop.services.book.books import open_book
    from kws_desktop.services.book.totals import rebuild_totals
    from kws_desktop.store.location import location_label
    with open_book(args.book) as book:
        result = rebuild_totals(book)
    name = location_label(args.book)
    if result.differed:
        _out(_("Jumlah harian per akun di buku {name} dibuat ulang dari jurnal: {n} yang tidak cocok "
               "sudah diperbaiki.").format(name=name, n=result.differed))
    else:
        _out(_("Jumlah harian per akun di buku {name} sudah cocok dengan jurnal; dibuat ulang tanpa "
               "perubahan.").format(name=name))
    return EXIT_OK


def cmd_backup(args) -> int:
    from kws_desktop.services.book.backup import backup_book
    from kws_desktop.store.engine import is_url
    if is_url(args.book):
        _err(_("Perintah backup hanya untuk buku berupa berkas .kws. Buku di PostgreSQL "
               "dicadangkan oleh pengelola servernya (pg_dump)."))
        return EXIT_REFUSED
    target = backup_book(Path(args.book), Path(args.out))
    _out(_("Cadangan terverifikasi ditulis: {path}").format(path=target))
    return EXIT_OK


def _json_value(value) -> str:
    """A value json cannot write itself: a Decimal quantity as plain digits ("10", never "1E+1")."""
    from decimal import Decimal
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _list_kinds() -> list[str]:
    from kws_desktop.services.listing import LISTS
    return list(LISTS)


def _report_kinds() -> list[str]:
    from kws_desktop.services.reports import REPORT_MODULES
    return list(REPORT_MODULES)


def _cell(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money":
        return format_rupiah(value)
    if kind == "date":
        import datetime as dt
        return format_date(dt.date.fromisoformat(value)) if isinstance(value, str) else format_date(value)
    if kind == "qty":
        from decimal import Decimal
        return format_quantity(Decimal(str(value)))
    if kind == "status":
        from kws_desktop.services.listing import status_word
        return status_word(str(value))
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    return str(value)


def cmd_list(args) -> int:
    from kws_desktop.services.book.books import open_book
    from kws_desktop.services.listing import LISTS
    spec = LISTS.get(args.kind)
    if spec is None:
        _err(_("Jenis daftar tidak dikenal: {kind}. Pilihan: {kinds}").format(
            kind=args.kind, kinds=", ".join(sorted(LISTS))))
        return EXIT_USAGE
    with open_book(args.book, read_only=True, defer_checks=True) as book:
        rows = spec.fetch(book)
    if args.format == "json":
        _out(json.dumps(rows, ensure_ascii=False, indent=1, default=_json_value))
    elif args.format == "csv":
        from kws_desktop.documents.text import neutralise_cell
        writer = csv.writer(sys.stdout, delimiter=args.csv_separator, lineterminator="\n")
        writer.writerow([c.key for c in spec.columns])
        for row in rows:
            writer.writerow([neutralise_cell(row.get(c.key)) for c in spec.columns])
    else:
        table = [[_(c.title) for c in spec.columns]]
        table += [[_cell(row.get(c.key), c.kind) for c in spec.columns] for row in rows]
        widths = [max(len(r[i]) for r in table) for i in range(len(spec.columns))]
        right = [c.kind in ("money", "int", "qty") for c in spec.columns]
        for r in table:
            _out("  ".join(v.rjust(w) if rj else v.ljust(w) for v, w, rj in zip(r, widths, right)).rstrip())
    return EXIT_OK


def _cli_date(text: str | None, option: str):
    """A date from the command line (2026-11-28 or 28/11/2026), or None when not given."""
    if text is None:
        return None
    from kws_desktop.i18n import parse_date
    from kws_desktop.services.book.dates import date_problem
    try:
        day = parse_date(text)
    except (ValueError, OverflowError):
        raise _UsageError(_("Tanggal {option} tidak dapat dibaca: {text} (tulis 2026-11-28 atau "
                            "28/11/2026)").format(option=option, text=text)) from None
    problem = date_problem(day)
    if problem:
        raise _UsageError(f"{option}: {problem}")
    return day


def _count(low: int, high: int):
    """An argparse type: a whole number from `low` to `high`, refused in plain words otherwise."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("bukan bilangan bulat: {text}").format(text=text)) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(_("harus dari {low} sampai {high}, bukan {text}").format(
                low=low, high=high, text=text))
        return value
    return parse


class _UsageError(Exception):
    pass


def _period(args):
    """(start, end) of `report --from/--to` (None when not given), or None after a usage error."""
    try:
        return _cli_date(args.start, "--from"), _cli_date(args.end, "--to")
    except _UsageError as exc:
        _err(str(exc))
        return None


def _report_to_terminal(args) -> int:
    """`report KIND BOOK` without --out: the report as text. The statements of a SQLite book
    with trusted totals come by the lean path (services/reports/lean.py: no SQLAlchemy, no
    reportlab); any other kind or book by the full path, with the same text."""
    from kws_desktop.documents.terminal import report_text
    from kws_desktop.services.reports import REPORT_MODULES, lean
    if args.format is not None:
        _err(_("Laporan {format} perlu --out BERKAS; tanpa --out laporan ditampilkan di layar.").format(
            format=args.format))
        return EXIT_USAGE
    if args.kind not in REPORT_MODULES:
        from kws_desktop.services.reports import unknown_kind_message
        _err(unknown_kind_message(args.kind))
        return EXIT_USAGE
    period = _period(args)
    if period is None:
        return EXIT_USAGE
    start, end = period
    report = None if args.by_kws else lean.read_report(args.book, args.kind, start, end)
    if report is None:
        report = _full_report(args, start, end)[0]
        if report is None:
            return EXIT_USAGE
    sys.stdout.write(report_text(report))
    return EXIT_OK


def _full_report(args, start, end):
    """(report, profile, paper) by the full path, or (None, None, None) after a usage error."""
    from kws_desktop.services.book.books import get_profile, get_setting, open_book
    from kws_desktop.services.reports import build_report
    if getattr(args, "by_kws", False):
        if args.kind != "program":
            _err(_("--by-kws hanya untuk laporan program."))
            return None, None, None
        from kws_desktop.core.profile import KwsProfile
        from kws_desktop.services.exchange.consolidation import build_program_by_kws
        return build_program_by_kws(args.book, start, end), KwsProfile(), args.paper or "A4"
    with open_book(args.book, read_only=True, defer_checks=True) as book:
        return (build_report(book, args.kind, start, end), get_profile(book),
                args.paper or get_setting(book, "document_paper"))


def cmd_report(args) -> int:
    if args.out is None:
        return _report_to_terminal(args)
    from kws_desktop.documents.output import DocumentWriteError
    from kws_desktop.documents.tabular import FORMATS, write_report
    from kws_desktop.services.reports import get_spec, unknown_kind_message
    if get_spec(args.kind) is None:
        _err(unknown_kind_message(args.kind))
        return EXIT_USAGE
    out = Path(args.out)
    fmt = (args.format or out.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        _err(_("Format laporan tidak dikenal: {format} (pilih pdf, xlsx atau csv)").format(
            format=fmt or "?"))
        return EXIT_USAGE
    period = _period(args)
    if period is None:
        return EXIT_USAGE
    start, end = period
    if not out.parent.is_dir():
        _err(_("Folder {path} tidak ada; laporan tidak ditulis.").format(path=out.parent))
        return EXIT_REFUSED
    report, profile, paper = _full_report(args, start, end)
    if report is None:
        return EXIT_USAGE
    try:
        write_report(report, out, fmt, profile=profile, paper=paper or "A4",
                     csv_separator=args.csv_separator)
    except DocumentWriteError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    _out(_("Laporan ditulis: {path}").format(path=out))
    return EXIT_OK


def cmd_export_ledger(args) -> int:
    from kws_desktop.documents.output import DocumentWriteError
    from kws_desktop.services.book.books import open_book
    from kws_desktop.services.exchange.ledger_export import export_ledger
    out = Path(args.out)
    if not out.parent.is_dir():
        _err(_("Folder {path} tidak ada; jurnal tidak ditulis.").format(path=out.parent))
        return EXIT_REFUSED
    with open_book(args.book, read_only=True, defer_checks=True) as book:
        try:
            summary = export_ledger(book, out)
        except DocumentWriteError as exc:
            _err(str(exc))
            return EXIT_REFUSED
    _out(_("Jurnal ditulis: {path} ({entries} jurnal, {lines} baris)").format(
        path=out, entries=summary.entries, lines=summary.lines))
    return EXIT_OK


def cmd_quote(args) -> int:
    from kws_desktop.documents.output import DocumentWriteError
    from kws_desktop.services.sales import quotes
    from kws_desktop.services.book.books import open_book
    out = Path(args.out)
    if not out.parent.is_dir():
        _err(_("Folder {path} tidak ada; surat penawaran tidak ditulis.").format(path=out.parent))
        return EXIT_REFUSED
    with open_book(args.book, read_only=True, defer_checks=True) as book:
        detail = quotes.find_quote(book, args.number)
        try:
            quotes.write_quote_pdf(book, detail.id, out, paper=args.paper,
                                   itemised=False if args.summary else None)
        except DocumentWriteError as exc:
            _err(str(exc))
            return EXIT_REFUSED
    _out(_("Surat penawaran {number} ditulis: {path}").format(number=detail.number, path=out))
    return EXIT_OK


def _billing_pdf(args, kind: str) -> int:
    from kws_desktop.documents.output import DocumentWriteError
    from kws_desktop.errors import BookError
    from kws_desktop.services.book.books import open_book
    out = Path(args.out)
    if not out.parent.is_dir():
        _err(_("Folder {path} tidak ada; berkas tidak ditulis.").format(path=out.parent))
        return EXIT_REFUSED
    if kind == "invoice":
        from kws_desktop.services.billing.invoices import write_invoice_pdf as write
        book = open_book(args.book, read_only=True, defer_checks=True)
    else:
        from kws_desktop.services.billing.payments import write_receipt as write
        try:  # counting the print needs write access; a book open elsewhere prints a copy
            book = open_book(args.book)
        except BookError as exc:
            book = open_book(args.book, read_only=True, defer_checks=True)
            _err(_("{reason} Kuitansi dicetak sebagai SALINAN; cetakan asli hanya dari tempat buku "
                   "dibuka untuk ditulis.").format(reason=exc.message))
    with book:
        try:
            write(book, args.number, out)
        except DocumentWriteError as exc:
            _err(str(exc))
            return EXIT_REFUSED
    _out(_("Ditulis: {path}").format(path=out))
    return EXIT_OK


def cmd_invoice(args) -> int:
    return _billing_pdf(args, "invoice")


def cmd_receipt(args) -> int:
    return _billing_pdf(args, "receipt")


def cmd_template(args) -> int:
    from kws_desktop.services.exchange.spreadsheet_import import write_template
    out = Path(args.out)
    if not out.parent.is_dir():
        _err(_("Folder {path} tidak ada; templat tidak ditulis.").format(path=out.parent))
        return EXIT_REFUSED
    write_template(out)
    _out(_("Templat impor ditulis: {path}").format(path=out))
    return EXIT_OK


def cmd_import(args) -> int:
    from kws_desktop.services.exchange.spreadsheet_import import ImportRefused, import_into
    try:
        summary = import_into(args.book, Path(args.file), backdate_note=args.backdate_note or "",
                              future_ok=args.future_ok)
    except ImportRefused as exc:
        lines = exc.message.splitlines()
        _err(lines[0])
        for problem in exc.import_problems:
            _err(f"- {problem}")
        if exc.future_day:
            _err(_("Bila tanggal itu memang benar, ulangi dengan --future-ok."))
        if exc.needs_reason:
            _err(_("Bila tanggal itu memang benar, ulangi dengan --backdate-note \"alasan\"."))
        return EXIT_REFUSED
    from kws_desktop.store.location import public_location
    _out((_("Buku baru dibuat dan diisi: {path}") if summary.created_book
          else _("Impor selesai: {path}")).format(path=public_location(args.book)))
    for line in summary.lines():
        _out(f"  {line}")
    return EXIT_OK


def cmd_consolidate(args) -> int:
    from kws_desktop.services.exchange.consolidation import consolidate
    result = consolidate(args.url, args.books)
    for b in result.added:
        _out(_("Digabung: {name} ({entries} jurnal, {orders} pesanan) dari {path}").format(
            name=b.kws_name, entries=b.journal_entries, orders=b.orders, path=b.source))
    for path, reason in result.skipped:
        _out(_("Dilewati: {path}: {reason}").format(path=path, reason=reason))
    return EXIT_OK


def cmd_open(book: str | None, read_only: bool = False) -> int:
    from kws_desktop.ui.shell.app import run_app
    return run_app(book, read_only=read_only)


def cmd_setup_postgres(args) -> int:
    import getpass
    from kws_desktop.services.book.postgres_setup import setup_postgres
    password = os.environ.get("KWS_APP_PASSWORD")
    if password is None and sys.stdin.isatty():
        password = getpass.getpass(_("Kata sandi untuk peran {role} (kosong: tanpa kata sandi): ")
                                   .format(role=args.app_role)) or None
    url = setup_postgres(args.url, args.app_role, owner_role=args.owner_role, app_password=password)
    _out(_("Buku PostgreSQL siap. Aplikasi masuk sebagai {url}; peran itu tidak memiliki tabelnya, "
           "jadi pengaman buku tidak bisa dimatikan lewat aplikasi.").format(url=url))
    return EXIT_OK


def cmd_restore(args) -> int:
    """Without BACKUP: the book's backups, numbered, newest first. With it (a number from that
    list or a file): that backup in place of the book, the book kept first as a backup."""
    from kws_desktop.services.book import backup as backup_service
    book = Path(args.book)
    found = backup_service.automatic_backups(book)
    if args.backup is None:
        if not found:
            _out(_("Belum ada cadangan otomatis untuk {name}.").format(name=book.name))
            return EXIT_OK
        for n, b in enumerate(found, 1):
            _out(f"{n:>3}. {format_date(b.taken_at.date())} {b.taken_at:%H:%M:%S}  {b.reason:<20} {b.path}")
        return EXIT_OK
    if args.backup.isdigit():
        if not 1 <= int(args.backup) <= len(found):
            _err(_("Tidak ada cadangan nomor {n}; lihat daftarnya dengan: kws-desktop restore {book}")
                 .format(n=args.backup, book=args.book))
            return EXIT_REFUSED
        source = found[int(args.backup) - 1].path
    else:
        source = Path(args.backup)
    backup_service.restore(source, book)
    _out(_("Buku {name} dipulihkan dari {backup}; buku sebelumnya disimpan sebagai cadangan "
           "'sebelum-pemulihan'.").format(name=book.name, backup=source.name))
    return EXIT_OK


COMMANDS = {"quote", "report", "export-ledger", "demo", "check", "rebuild-totals", "backup", "list", "open",
            "template", "import", "consolidate", "restore", "setup-postgres"}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kws-desktop", description=_(
        "KWS Desktop: pembukuan dan dokumen Kelompok Wirausaha Sanitasi. "
        "Tanpa perintah, membuka aplikasi (dengan BUKU bila diberikan)."))
    p.add_argument("--version", action="version", version=f"kws-desktop {__version__}")
    p.add_argument("--lang", choices=["id", "en"], default=None, help=_("bahasa keluaran (id atau en)"))
    p.add_argument("--debug", action="store_true", help=_("tampilkan rincian teknis bila gagal"))
    sub = p.add_subparsers(dest="command", metavar=_("PERINTAH"))

    s = sub.add_parser("open", help=_("buka aplikasi (bawaan)"))
    s.add_argument("book", nargs="?", help=_("berkas buku .kws"))
    s.add_argument("--read-only", action="store_true",
                   help=_("hanya untuk dilihat: buku tidak diubah (juga buku versi lama)"))

    s = sub.add_parser("demo", help=_("tulis buku demo yang realistis"))
    s.add_argument("out", help=_("berkas buku baru"))
    s.add_argument("--seed", type=_count(0, 2**31 - 1), default=1)
    s.add_argument("--orders", type=_count(0, 1_000_000), default=120, help=_("jumlah pesanan"))
    s.add_argument("--years", type=_count(1, 20), default=2, help=_("jumlah tahun riwayat"))
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("check", help=_("periksa keutuhan buku"))
    s.add_argument("book")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("rebuild-totals", help=_("buat ulang jumlah harian per akun dari jurnal (bila check "
                                                "menyebut tidak cocok)"))
    s.add_argument("book")
    s.set_defaults(func=cmd_rebuild_totals)

    s = sub.add_parser("backup", help=_("salinan terverifikasi, aman walau buku sedang dibuka"))
    s.add_argument("book")
    s.add_argument("out")
    s.set_defaults(func=cmd_backup)

    s = sub.add_parser("setup-postgres", help=_("siapkan buku PostgreSQL bersama: peran pemilik dan peran "
                                                "aplikasi (dijalankan pengelola database)"))
    s.add_argument("url", help=_("alamat database dengan pengguna pengelola"))
    s.add_argument("--app-role", required=True, help=_("nama peran yang dipakai aplikasi untuk masuk"))
    s.add_argument("--owner-role", default=None, help=_("nama peran pemilik tabel (bawaan: PERAN_pemilik)"))
    s.set_defaults(func=cmd_setup_postgres)

    s = sub.add_parser("restore", help=_("daftar cadangan buku, atau pulihkan satu (nomor atau berkas)"))
    s.add_argument("book")
    s.add_argument("backup", nargs="?", help=_("nomor dari daftar, atau berkas cadangan"))
    s.set_defaults(func=cmd_restore)

    s = sub.add_parser("list", help=_("daftar data (members, customers, ... accounts)"))
    s.add_argument("kind", help=_("jenis daftar: {kinds}").format(kinds=", ".join(_list_kinds())))
    s.add_argument("book")
    s.add_argument("--format", choices=["table", "csv", "json"], default="table")
    s.add_argument("--csv-separator", choices=[";", ","], default=";",
                   help=_("pemisah kolom CSV (bawaan ';' untuk Excel berbahasa Indonesia)"))
    s.set_defaults(func=cmd_list)

    s = sub.add_parser("report", help=_("tampilkan laporan (profit-loss, cash-book, ...) di layar, atau "
                                        "tulis ke PDF, XLSX atau CSV dengan --out"))
    s.add_argument("kind", help=_("jenis laporan: {kinds}").format(kinds=", ".join(_report_kinds())))
    s.add_argument("book")
    s.add_argument("--from", dest="start", help=_("tanggal awal periode (2026-01-01 atau 01/01/2026)"))
    s.add_argument("--to", dest="end", help=_("tanggal akhir periode (bawaan: hari ini)"))
    s.add_argument("--out", default=None, help=_("berkas keluaran (tanpa ini: laporan ditampilkan di layar)"))
    s.add_argument("--format", choices=["pdf", "xlsx", "csv"], default=None,
                   help=_("bawaan: dari akhiran nama berkas"))
    s.add_argument("--paper", choices=["A4", "F4", "A5"], default=None,
                   help=_("ukuran kertas PDF (A5: dibalik mendatar bila tabelnya terlalu lebar)"))
    s.add_argument("--csv-separator", choices=[";", ","], default=";",
                   help=_("pemisah kolom CSV (bawaan ';' untuk Excel berbahasa Indonesia)"))
    s.add_argument("--by-kws", action="store_true",
                   help=_("laporan program per KWS dari database gabungan PostgreSQL (lihat consolidate)"))
    s.set_defaults(func=cmd_report)

    s = sub.add_parser("consolidate", help=_("gabungkan beberapa buku KWS ke satu database PostgreSQL"))
    s.add_argument("url", help=_("alamat database PostgreSQL, mis. postgresql://user@server/kabupaten"))
    s.add_argument("books", nargs="+", help=_("berkas buku .kws"))
    s.set_defaults(func=cmd_consolidate)

    s = sub.add_parser("invoice", help=_("cetak tagihan ke PDF"))
    s.add_argument("book")
    s.add_argument("number", help=_("nomor tagihan, mis. TGH-2026-0001"))
    s.add_argument("--out", required=True, help=_("berkas PDF"))
    s.set_defaults(func=cmd_invoice)

    s = sub.add_parser("receipt", help=_("cetak kuitansi ke PDF (cetak ulang bertanda SALINAN)"))
    s.add_argument("book")
    s.add_argument("number", help=_("nomor kuitansi, mis. KWT-2026-0001"))
    s.add_argument("--out", required=True, help=_("berkas PDF"))
    s.set_defaults(func=cmd_receipt)

    s = sub.add_parser("export-ledger", help=_("tulis seluruh jurnal dalam format ledger/hledger"))
    s.add_argument("book")
    s.add_argument("--out", required=True, help=_("berkas keluaran (.journal)"))
    s.set_defaults(func=cmd_export_ledger)

    s = sub.add_parser("quote", help=_("tulis surat penawaran harga (PDF) menurut nomornya"))
    s.add_argument("book")
    s.add_argument("number", help=_("nomor penawaran, misalnya SPH-2026-0001"))
    s.add_argument("--out", required=True, help=_("berkas PDF keluaran"))
    s.add_argument("--paper", choices=["A4", "F4"], default=None, help=_("ukuran kertas (bawaan: pengaturan buku)"))
    s.add_argument("--summary", action="store_true", help=_("RAB ringkas: satu baris per bagian"))
    s.set_defaults(func=cmd_quote)

    s = sub.add_parser("template", help=_("tulis templat Excel kosong untuk impor data"))
    s.add_argument("out", help=_("berkas .xlsx keluaran"))
    s.set_defaults(func=cmd_template)

    s = sub.add_parser("import", help=_("impor anggota, pelanggan, bahan, pembelian, pesanan dan "
                                        "pembayaran dari templat Excel (semua atau tidak sama sekali)"))
    s.add_argument("book", help=_("berkas buku .kws (dibuat bila belum ada)"))
    s.add_argument("file", help=_("berkas .xlsx yang sudah diisi"))
    s.add_argument("--backdate-note", metavar=_("ALASAN"),
                   help=_("alasan bila ada pembelian, pesanan atau pembayaran yang bertanggal sebelum "
                          "nota, tagihan atau kuitansi terakhir di buku (tanpa ini impor seperti itu "
                          "ditolak)"))
    s.add_argument("--future-ok", action="store_true",
                   help=_("pembayaran dan pembelian bertanggal sesudah hari ini memang benar "
                          "(paling lambat 31 hari lagi)"))
    s.set_defaults(func=cmd_import)
    return p


def gui_main(argv: list[str] | None = None) -> int:
    """The entry point without a console (Windows: pythonw, the bundle's window executable):
    there sys.stdout and sys.stderr are None, and what a command prints must go somewhere."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    return main(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from kws_desktop.logs import setup_logging
    setup_logging()
    if "--lang" in argv:
        i = argv.index("--lang")
        if i + 1 < len(argv) and argv[i + 1] in ("id", "en"):
            set_language(argv[i + 1])
            del argv[i:i + 2]
    else:
        _apply_saved_language()
    bad = next((a for a in argv if "\x00" in a), None)
    if bad is not None:  # a NUL byte cannot be in a file name or a value: refuse before using it
        _err(_("Perintah ini berisi tanda yang tidak sah (NUL) di \"{text}\". Ketik ulang perintahnya.")
             .format(text=bad.replace("\x00", "\\0")))
        return EXIT_USAGE
    debug = "--debug" in argv
    if debug:
        argv.remove("--debug")
    positional = [a for a in argv if not a.startswith("-")]
    if not positional or positional[0] not in COMMANDS:
        if not any(a in ("-h", "--help", "--version") for a in argv) and len(positional) <= 1:
            return _guard(lambda: cmd_open(positional[0] if positional else None), debug)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "open":
        return _guard(lambda: cmd_open(args.book, args.read_only), debug)
    return _guard(lambda: args.func(args), debug)


def _apply_saved_language() -> None:
    try:
        from kws_desktop.settings import app_settings
        set_language(app_settings().language)
    except Exception:  # noqa: BLE001 - a broken settings file must not stop the command line
        pass


def _guard(action, debug: bool) -> int:
    try:
        return action()
    except UserError as exc:
        _err(exc.message)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return EXIT_REFUSED
    except BrokenPipeError:  # `kws-desktop list … | head`: the reader has had enough
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return EXIT_OK
    except OSError as exc:
        if debug:
            traceback.print_exc()
        from kws_desktop.os_errors import os_reason
        _err(_("Berkas tidak bisa dibaca atau ditulis: {reason}").format(reason=os_reason(exc)))
        return EXIT_REFUSED
    except Exception as exc:  # noqa: BLE001 - the last guard: never a traceback for users
        from kws_desktop.logs import log_exception
        log_exception(exc, "command failed")
        if debug:
            traceback.print_exc()
        else:
            _err(_("Terjadi kesalahan yang tidak terduga. Jalankan lagi dengan --debug untuk rinciannya."))
        return EXIT_REFUSED


if __name__ == "__main__":
    raise SystemExit(main())
