"""The blank import workbook (templat impor): one sheet per record kind, an instructions sheet.

The sheet and column layout (``SHEETS``) is the contract between this template and the reader
in :mod:`kws_desktop.services.exchange.spreadsheet_import`. Headers are Indonesian; each carries a cell
comment with its format and an example, and the "Petunjuk" sheet explains everything in plain
words. Pick lists (P/L, jabatan, satuan, cara bayar, pembayar, kecamatan) live on a hidden
"Daftar" sheet and are offered through data validation.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kws_desktop.documents.output import atomic_output
from kws_desktop.documents.sheets import put_text
from kws_desktop.i18n import N_, NP_, _

TEMPLATE_ROWS = 5000          # rows that carry pick lists and text formats
INSTRUCTIONS_TITLE = N_("Petunjuk")
LISTS_TITLE = "Daftar"


@dataclass(frozen=True)
class ColumnSpec:
    key: str            # the field the reader fills
    title: str          # Indonesian header (N_)
    kind: str           # text | date | money | qty | int | bool | choice
    hint: str           # format in plain words (N_)
    example: object     # an example value
    required: bool = False
    choices: str | None = None   # name of a pick list (see LIST_TITLES)
    strict: bool = True          # False: the pick list only suggests (kecamatan, kategori)
    width: int = 16


@dataclass(frozen=True)
class SheetSpec:
    key: str            # members | customers | materials | purchases | orders | payments
    title: str          # sheet name (N_)
    about: str          # what the sheet holds (N_)
    columns: tuple[ColumnSpec, ...]

    def column(self, key: str) -> ColumnSpec:
        return next(c for c in self.columns if c.key == key)


C = ColumnSpec
DATE_HINT = N_("hari/bulan/tahun (hh/bb/tttt)")
MONEY_HINT = N_("rupiah bulat, boleh dengan titik (1.250.000) atau tanpa (1250000)")
QTY_HINT = N_("angka, pecahan dengan koma (2,5)")
YES_NO_HINT = N_("ya atau tidak (kosong = tidak)")
NOTES_HINT = N_("bebas")

SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("members", NP_("jamak", "Anggota"), N_(
        "Anggota kelompok: satu baris satu orang. Simpanan yang sudah disetor dicatat sebagai "
        "uang masuk tunai pada tanggal masuk."), (
        C("name", N_("Nama"), "text", N_("nama lengkap; tidak boleh sama dengan anggota lain"),
          "Siti Aminah", True, width=24),
        C("gender", N_("Jenis kelamin"), "choice", N_("P = perempuan, L = laki-laki"), "P", True,
          "gender", width=14),
        C("role", N_("Jabatan"), "choice", N_("ketua, bendahara, sekretaris, tukang, pemasar atau "
                                              "anggota (kosong = anggota)"), "bendahara",
          choices="role", width=14),
        C("joined_on", N_("Tanggal masuk"), "date", DATE_HINT, dt.date(2024, 1, 15), True),
        C("phone", N_("Telepon"), "text", N_("nomor HP/WA"), "0812 3456 7890"),
        C("address", N_("Alamat"), "text", NOTES_HINT, "Kp. Cibadak RT 002/RW 004", width=28),
        C("disability", N_("Disabilitas"), "bool", YES_NO_HINT, "tidak", choices="yes_no", width=12),
        C("capital", N_("Simpanan"), "money", N_("simpanan yang sudah disetor, rupiah bulat"), 100000),
        C("daily_wage", N_("Upah harian"), "money", N_("upah biasa per hari, rupiah bulat"), 120000),
        C("notes", N_("Catatan"), "text", NOTES_HINT, "", width=24),
    )),
    SheetSpec("customers", NP_("jamak", "Pelanggan"), N_(
        "Rumah tangga yang memesan, dan lembaga yang ikut membayar (BAZNAS, program, perusahaan). "
        "Nama dan desa yang sama dua kali dianggap orang yang sama (ditolak)."), (
        C("name", N_("Nama"), "text", N_("nama kepala keluarga, atau nama lembaga"), "Ahmad Fauzi",
          True, width=24),
        C("kind", N_("Jenis"), "choice", N_("rumah tangga atau lembaga (kosong = rumah tangga)"),
          "rumah tangga", choices="customer_kind", width=14),
        C("gender", N_("Jenis kelamin"), "choice", N_("P = perempuan, L = laki-laki"), "L",
          choices="gender", width=14),
        C("nik", N_("NIK"), "text", N_("16 angka; ketik sebagai teks"), "3603123456780001", width=20),
        C("phone", N_("Telepon"), "text", N_("nomor HP/WA"), "0813 1111 2222"),
        C("address", N_("Alamat"), "text", N_("jalan atau kampung"), "Kp. Sukamaju", width=24),
        C("rt", N_("RT"), "text", N_("angka"), "003", width=7),
        C("rw", N_("RW"), "text", N_("angka"), "005", width=7),
        C("desa", N_("Desa/kelurahan"), "text", NOTES_HINT, "Sukamulya", width=18),
        C("kecamatan", N_("Kecamatan"), "choice", N_("pilih dari daftar, atau ketik sendiri"),
          "Cikupa", choices="kecamatan", strict=False, width=18),
        C("kabupaten", N_("Kabupaten"), "text", NOTES_HINT, "Kabupaten Tangerang", width=20),
        C("is_mbr", N_("MBR"), "bool", N_("ya bila rumah tangga berpenghasilan rendah"), "ya",
          choices="yes_no", width=8),
        C("household_size", N_("Jumlah jiwa"), "int", N_("orang dalam rumah, angka"), 5, width=11),
        C("payer_type", N_("Jenis pembayar"), "choice", N_("untuk lembaga: APBD, DAK, BAZNAS, CSR, "
                                                           "Kredit atau Lainnya"), "",
          choices="institution_payer", width=15),
        C("contact_person", N_("Kontak"), "text", N_("untuk lembaga: nama orang yang dihubungi"), "",
          width=18),
        C("notes", N_("Catatan"), "text", NOTES_HINT, "", width=24),
    )),
    SheetSpec("materials", NP_("jamak", "Bahan"), N_(
        "Daftar bahan yang dibeli dan dipakai. Bahan yang sudah ada di buku tidak perlu ditulis "
        "lagi."), (
        C("name", N_("Nama bahan"), "text", N_("nama bahan; tidak boleh sama dengan bahan lain"),
          "Semen 50 kg", True, width=24),
        C("unit", N_("Satuan"), "choice", N_("pilih dari daftar (sak, m3, batang, buah, ...)"), "sak",
          True, "unit", width=10),
        C("category", N_("Kategori"), "choice", N_("pilih dari daftar, atau ketik sendiri"),
          "Semen dan pasir", choices="category", strict=False, width=20),
        C("price", N_("Harga"), "money", N_("harga biasa per satuan, rupiah bulat"), 65000),
        C("min_stock", N_("Stok minimum"), "qty", QTY_HINT, "10"),
        C("notes", N_("Catatan"), "text", NOTES_HINT, "", width=24),
    )),
    SheetSpec("purchases", N_("Pembelian"), N_(
        "Nota pembelian bahan: satu baris satu bahan. Baris dengan No. nota dan Toko yang sama "
        "menjadi satu pembelian. Bahan ditulis persis seperti di lembar Bahan atau di buku."), (
        C("slip_number", N_("No. nota"), "text", N_("nomor di nota toko; kosong = satu baris satu "
                                                     "pembelian"), "NT-0112", width=12),
        C("date", N_("Tanggal"), "date", DATE_HINT, dt.date(2026, 1, 20), True),
        C("supplier", N_("Toko"), "text", N_("nama toko; toko baru dicatat otomatis"), "TB Sinar Jaya",
          width=20),
        C("method", N_("Cara bayar"), "choice", N_("tunai, transfer atau utang (kosong = tunai); "
                                                   "utang harus menyebut toko"), "tunai",
          choices="purchase_method", width=12),
        C("material", N_("Bahan"), "text", N_("nama bahan seperti di lembar Bahan atau di buku"),
          "Semen 50 kg", True, width=24),
        C("qty", NP_("banyaknya", "Jumlah"), "qty", QTY_HINT, "10", True, width=10),
        C("unit_price", N_("Harga satuan"), "money", MONEY_HINT, 65000, True),
        C("shipping", N_("Ongkos kirim"), "money", N_("untuk seluruh nota; tulis di satu baris saja"),
          25000),
        C("notes", N_("Catatan"), "text", NOTES_HINT, "", width=24),
    )),
    SheetSpec("orders", NP_("jamak", "Pesanan"), N_(
        "Pesanan pekerjaan: satu baris satu pesanan. Pelanggan ditulis dengan namanya (dan desanya "
        "atau teleponnya bila ada nama yang sama). Tagihan dibuat otomatis untuk setiap pembayar."), (
        C("ref", N_("No. pesanan"), "text", N_("nomor di buku catatan Anda (bebas, tidak boleh "
                                                "dobel); dipakai di lembar Pembayaran"), "P-001",
          width=12),
        C("date", N_("Tanggal"), "date", DATE_HINT, dt.date(2026, 2, 3), True),
        C("customer", N_("Pelanggan"), "text", N_("nama pelanggan seperti di lembar Pelanggan atau "
                                                   "di buku"), "Ahmad Fauzi", True, width=22),
        C("desa", N_("Desa/kelurahan"), "text", N_("desa pelanggan (bila ada nama yang sama)"),
          "Sukamulya", width=16),
        C("phone", N_("Telepon"), "text", N_("atau telepon pelanggan"), "", width=15),
        C("package", N_("Paket"), "text", N_("nama atau kode paket di buku; atau isi Uraian "
                                              "pekerjaan"), "", width=18),
        C("description", N_("Uraian pekerjaan"), "text", N_("pekerjaan bila tanpa paket"),
          "Tangki septik individual", width=26),
        C("qty", N_("Banyaknya"), "qty", N_("banyaknya unit (kosong = 1)"), "1", width=10),
        C("price", N_("Harga"), "money", N_("harga seluruh pesanan yang disepakati, rupiah bulat"),
          4500000, True),
        C("other_payer", N_("Pembayar lain"), "choice", N_("APBD, DAK, BAZNAS, CSR, Kredit atau "
                                                           "Lainnya; kosong = dibayar sendiri"),
          "BAZNAS", choices="institution_payer", width=14),
        C("other_amount", N_("Bagian pembayar lain"), "money", N_("bagian yang dibayar pembayar lain; "
                                                                  "sisanya swadaya"), 2500000),
        C("other_name", N_("Nama pembayar lain"), "text", N_("nama lembaga (boleh kosong)"),
          "BAZNAS Kab. Tangerang", width=22),
        C("notes", N_("Catatan"), "text", NOTES_HINT, "", width=24),
    )),
    SheetSpec("payments", N_("Pembayaran"), N_(
        "Uang yang diterima dari pelanggan atau program: satu baris satu pembayaran (kuitansi "
        "dibuat otomatis). Tulis No. pesanan, atau nama pelanggan; bila hanya nama, uang dipakai "
        "untuk tagihan pelanggan itu yang paling lama."), (
        C("date", N_("Tanggal"), "date", DATE_HINT, dt.date(2026, 2, 10), True),
        C("order", N_("No. pesanan"), "text", N_("seperti di lembar Pesanan, atau nomor di buku "
                                                  "(PSN-2026-0001)"), "P-001", width=14),
        C("customer", N_("Pelanggan"), "text", N_("bila tanpa No. pesanan: nama pelanggan"), "",
          width=22),
        C("desa", N_("Desa/kelurahan"), "text", N_("desa pelanggan (bila ada nama yang sama)"), "",
          width=16),
        C("phone", N_("Telepon"), "text", N_("atau telepon pelanggan"), "", width=15),
        C("payer", N_("Dibayar oleh"), "choice", N_("Swadaya (rumah tangga), APBD, DAK, BAZNAS, CSR, "
                                                    "Kredit atau Lainnya (kosong = Swadaya)"),
          "Swadaya", choices="payer", width=13),
        C("amount", N_("Jumlah"), "money", MONEY_HINT, 1000000, True),
        C("method", N_("Cara bayar"), "choice", N_("tunai atau transfer (kosong = tunai)"), "tunai",
          choices="payment_method", width=12),
        C("notes", N_("Catatan"), "text", NOTES_HINT, "", width=24),
    )),
)
SHEET_BY_KEY = {s.key: s for s in SHEETS}

# Pick lists on the hidden sheet, in this column order: name -> header.
LIST_TITLES: dict[str, str] = {
    "gender": N_("Jenis kelamin"), "role": N_("Jabatan"), "yes_no": N_("Ya/tidak"),
    "customer_kind": N_("Jenis pelanggan"), "kecamatan": N_("Kecamatan"), "unit": N_("Satuan"),
    "category": N_("Kategori"), "purchase_method": N_("Cara bayar pembelian"),
    "payment_method": N_("Cara bayar"), "institution_payer": N_("Pembayar lain"),
    "payer": N_("Dibayar oleh"),
}


def header_text(col: ColumnSpec) -> str:
    """The header as written in the template: the title, and * when it must be filled."""
    return _(col.title) + (" *" if col.required else "")


def example_text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return str(value)


def _comment(col: ColumnSpec) -> Comment:
    lines = [_(col.hint)]
    if col.example not in ("", None):
        lines.append(_("Contoh: {example}").format(example=example_text(col.example)))
    if col.required:
        lines.append(_("Wajib diisi."))
    comment = Comment("\n".join(lines), "KWS Desktop")
    comment.width, comment.height = 260, 90
    return comment


HEAD_FILL = PatternFill("solid", fgColor="DCE9D5")
REQUIRED_FILL = PatternFill("solid", fgColor="F6D7A7")
TITLE_FONT = Font(bold=True, size=13)


def write_import_template(path: os.PathLike[str] | str, lists: dict[str, list[str]]) -> Path:
    """Write the blank import workbook to ``path``. ``lists`` gives the pick lists by name
    (see ``LIST_TITLES``). Raises DocumentWriteError when it cannot be written."""
    wb = Workbook()
    guide = wb.active
    guide.title = _(INSTRUCTIONS_TITLE)
    wb.properties.title = _("Templat impor KWS Desktop")
    wb.properties.creator = "KWS Desktop"

    hidden = wb.create_sheet(LISTS_TITLE)
    ranges: dict[str, str] = {}
    for ci, (name, title) in enumerate(LIST_TITLES.items(), start=1):
        values = lists.get(name) or []
        put_text(hidden.cell(row=1, column=ci), _(title)).font = Font(bold=True)
        for ri, value in enumerate(values, start=2):  # names from the book: text, never a formula
            put_text(hidden.cell(row=ri, column=ci), value)
        letter = get_column_letter(ci)
        ranges[name] = f"{LISTS_TITLE}!${letter}$2:${letter}${max(2, len(values) + 1)}"
    hidden.sheet_state = "hidden"

    for sheet in SHEETS:
        ws = wb.create_sheet(_(sheet.title), index=wb.index(hidden))
        for ci, col in enumerate(sheet.columns, start=1):
            cell = put_text(ws.cell(row=1, column=ci), header_text(col))
            cell.font = Font(bold=True)
            cell.fill = REQUIRED_FILL if col.required else HEAD_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.comment = _comment(col)
            letter = get_column_letter(ci)
            ws.column_dimensions[letter].width = col.width
            cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
            # A column style: text columns keep leading zeros (phone, NIK, RT), dates show
            # dd/mm/yyyy and money 1.250.000 as the treasurer types them.
            fmt = {"text": "@", "date": "dd/mm/yyyy", "money": "#,##0"}.get(col.kind)
            if fmt:
                ws.column_dimensions[letter].number_format = fmt
            if col.choices and col.choices in ranges:
                dv = DataValidation(type="list", formula1=f"={ranges[col.choices]}", allow_blank=True)
                dv.showErrorMessage = True
                dv.errorStyle = "stop" if col.strict else "information"
                dv.errorTitle = _(col.title)
                dv.error = (_("Pilih dari daftar.") if col.strict
                            else _("Nama ini tidak ada di daftar. Tetap dipakai bila Anda lanjutkan."))
                dv.promptTitle = _(col.title)
                dv.prompt = _(col.hint)[:255]
                dv.showInputMessage = True
                ws.add_data_validation(dv)
                dv.add(cells)
        ws.row_dimensions[1].height = 32
        ws.freeze_panes = "A2"
        _fit_width(ws, landscape=True)

    _write_guide(guide)
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return Path(path)


def _fit_width(ws, *, landscape: bool) -> None:
    """Printed, the sheet is one page wide (as many pages tall as needed), on A4."""
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"


def _write_guide(ws) -> None:
    _fit_width(ws, landscape=False)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 52
    ws.column_dimensions["C"].width = 26
    ws.column_dimensions["D"].width = 10
    wrap = Alignment(wrap_text=True, vertical="top")
    rows: list[tuple] = [
        (_("Templat impor KWS Desktop"), None, None, None, "title"),
        (_("Berkas ini untuk memindahkan catatan dari buku tulis atau Excel ke KWS Desktop. "
           "Isi lembar-lembar di bawah (setiap lembar punya tab sendiri di bawah layar), simpan, "
           "lalu di aplikasi pilih Berkas > Impor dari Excel."), None, None, None, "para"),
        (_("Semua atau tidak sama sekali: setiap baris diperiksa dulu. Bila ada satu saja yang "
           "salah, tidak ada yang dimasukkan, dan Anda mendapat daftar kesalahan: nama lembar, "
           "nomor baris, nama kolom dan sebabnya. Perbaiki, lalu impor lagi."), None, None, None, "para"),
        (None, None, None, None, "blank"),
        (_("Cara menulis"), None, None, None, "head"),
        (_("Tanggal"), _("hari/bulan/tahun, misalnya 15/01/2026 (boleh juga sel tanggal Excel)."),
         None, None, "rule"),
        (_("Uang"), _("rupiah bulat, tanpa sen: 1250000 atau 1.250.000 (boleh dengan Rp)."),
         None, None, "rule"),
        (_("Jumlah barang"), _("angka; pecahan pakai koma: 2,5 (dua setengah)."), None, None, "rule"),
        (_("Ya/tidak"), _("tulis ya atau tidak; kosong berarti tidak."), None, None, "rule"),
        (_("Kolom bertanda *"), _("wajib diisi. Kolom lain boleh kosong."), None, None, "rule"),
        (_("Baris 1"), _("judul kolom: jangan diubah. Arahkan tetikus ke judul untuk melihat "
                         "contoh. Data mulai dari baris 2."), None, None, "rule"),
        (None, None, None, None, "blank"),
        (_("Urutan impor"), None, None, None, "head"),
        (_("Lembar dibaca berurutan: Anggota, Pelanggan, Bahan, Pembelian, Pesanan, Pembayaran. "
           "Karena itu Pembelian boleh menyebut bahan dari lembar Bahan, Pesanan boleh menyebut "
           "pelanggan dari lembar Pelanggan, dan Pembayaran boleh menyebut pesanan dari lembar "
           "Pesanan. Lembar yang tidak dipakai biarkan kosong (jangan dihapus)."),
         None, None, None, "para"),
        (None, None, None, None, "blank"),
        (_("Cara baris saling menyebut"), None, None, None, "head"),
        (_("Pembelian > Bahan"), _("tulis nama bahan persis seperti di lembar Bahan atau di buku "
                                   "(huruf besar/kecil tidak apa-apa)."), None, None, "rule"),
        (_("Pembelian > Toko"), _("toko yang belum ada dicatat otomatis. Baris dengan No. nota dan "
                                  "Toko yang sama menjadi satu nota."), None, None, "rule"),
        (_("Pesanan > Pelanggan"), _("nama pelanggan; bila ada dua orang bernama sama, isi juga "
                                     "Desa/kelurahan atau Telepon."), None, None, "rule"),
        (_("Pembayaran > Pesanan"), _("No. pesanan seperti di lembar Pesanan (misalnya P-001), atau "
                                      "nomor pesanan di buku (PSN-2026-0001). Atau hanya nama "
                                      "pelanggan: uang dipakai untuk tagihannya yang paling lama."),
         None, None, "rule"),
        (None, None, None, None, "blank"),
        (_("Isi setiap lembar"), None, None, None, "head"),
    ]
    r = 1
    for a, b, _c, _d, style in rows:
        if style == "title":
            ws.cell(row=r, column=1, value=a).font = TITLE_FONT
        elif style == "head":
            ws.cell(row=r, column=1, value=a).font = Font(bold=True, size=12)
        elif style == "para":
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
            cell = ws.cell(row=r, column=1, value=a)
            cell.alignment = wrap
            ws.row_dimensions[r].height = 15 * max(2, len(a) // 95 + 1)
        elif style == "rule":
            ws.cell(row=r, column=1, value=a).font = Font(bold=True)
            ws.cell(row=r, column=1).alignment = wrap
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
            ws.cell(row=r, column=2, value=b).alignment = wrap
            ws.row_dimensions[r].height = 15 * max(1, len(b) // 70 + 1)
        r += 1
    for sheet in SHEETS:
        r += 1
        ws.cell(row=r, column=1, value=_("Lembar {name}").format(name=_(sheet.title))).font = \
            Font(bold=True, size=12, color="2F5E1E")
        r += 1
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        ws.cell(row=r, column=1, value=_(sheet.about)).alignment = wrap
        ws.row_dimensions[r].height = 15 * max(2, len(_(sheet.about)) // 95 + 1)
        r += 1
        for ci, title in enumerate((_("Kolom"), _("Cara mengisi"), _("Contoh"), _("Wajib")), start=1):
            cell = ws.cell(row=r, column=ci, value=title)
            cell.font = Font(bold=True)
            cell.fill = HEAD_FILL
        r += 1
        for col in sheet.columns:
            ws.cell(row=r, column=1, value=_(col.title)).alignment = wrap
            ws.cell(row=r, column=2, value=_(col.hint)).alignment = wrap
            put_text(ws.cell(row=r, column=3), example_text(col.example)).alignment = wrap
            ws.cell(row=r, column=4, value=_("ya") if col.required else "").alignment = wrap
            ws.row_dimensions[r].height = 15 * max(1, len(_(col.hint)) // 50 + 1)
            r += 1
