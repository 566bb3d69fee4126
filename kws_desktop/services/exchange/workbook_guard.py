"""A workbook checked before openpyxl parses it: hostile files are refused with one sentence.

`guard_workbook(path, max_rows)` reads only the zip directory and streams the XML of the shared
strings and the sheets through defusedxml (no DTD, no entities, no external references):

- the file: not empty, at most MAX_FILE_BYTES, a zip, not locked with a password;
- every zip member: its uncompressed size (as the zip declares it, which zipfile then enforces)
  at most MAX_MEMBER_BYTES, all together at most MAX_TOTAL_BYTES, and no large member packed
  more than MAX_RATIO times (a zip bomb);
- the XML: well-formed UTF-8 without NUL bytes (else "rusak", naming the sheet and the row);
- every cell: text at most MAX_CELL_CHARS (Excel's own limit), numbers that are numbers, a
  formula only with its saved result (a formula without one would otherwise be read as empty),
  at most `max_rows` rows per sheet.

Whole-file problems raise UserError; cell problems are returned (sheet, row, column, reason),
so the import can list them all without openpyxl ever parsing the file.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from kws_desktop.errors import UserError
from kws_desktop.i18n import _

MAX_FILE_BYTES = 20 * 2**20
MAX_MEMBER_BYTES = 64 * 2**20
MAX_TOTAL_BYTES = 256 * 2**20
MAX_RATIO = 100            # for members larger than RATIO_FROM
RATIO_FROM = 2**20
MAX_MEMBERS = 10_000
MAX_CELL_CHARS = 32_767
MAX_ROW_NUMBER = 1_048_576  # Excel's last row
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    row: int | None
    column: str | None
    reason: str


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB".replace(",", ".")


def _refuse(text: str, path: Path) -> UserError:
    return UserError(text.format(name=path.name))


def damaged_file(path: Path, sheet: str | None, row: int | None) -> UserError:
    """The file's XML cannot be read (bad UTF-8, a NUL byte, cut short): naming the sheet."""
    if sheet is None:
        where = _("daftar teks di dalamnya")
    elif row:
        where = _("lembar \"{sheet}\" sesudah baris {row}").format(sheet=sheet, row=row)
    else:
        where = _("lembar \"{sheet}\"").format(sheet=sheet)
    return UserError(_("Berkas {name} rusak: {where} berisi huruf atau tanda yang tidak bisa dibaca. "
                       "Buka berkas di Excel atau LibreOffice, simpan lagi sebagai .xlsx, lalu coba "
                       "lagi. Tidak ada yang diimpor.").format(name=path.name, where=where))


def unsafe_file(path: Path) -> UserError:
    return UserError(_("Berkas {name} ditolak: berisi kode tersembunyi (entitas XML) yang tidak "
                       "dipakai Excel dan bisa membuat komputer macet. Salin datanya ke templat "
                       "baru dari KWS Desktop, lalu impor lagi. Tidak ada yang diimpor.")
                     .format(name=path.name))


def not_xlsx(path: Path) -> UserError:
    return UserError(_("Berkas {name} bukan berkas Excel (.xlsx). Simpan dari Excel atau "
                       "LibreOffice sebagai \"Buku Kerja Excel (.xlsx)\", lalu coba lagi.")
                     .format(name=path.name))


def guard_workbook(path: Path, max_rows: int) -> list[CellProblem]:
    """Check `path` as described in the module doc; raise UserError or return cell problems."""
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise _refuse(_("Berkas {name} kosong (0 bita): tidak ada isinya. Pilih berkas yang sudah "
                        "diisi dan disimpan."), path)
    if size > MAX_FILE_BYTES:
        raise UserError(_("Berkas {name} terlalu besar untuk diimpor ({size}; paling besar {limit}). "
                          "Bagi datanya ke beberapa berkas, lalu impor satu per satu.").format(
            name=path.name, size=_mb(size), limit=_mb(MAX_FILE_BYTES)))
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise not_xlsx(path) from exc
    with zf:
        _check_members(zf, path)
        try:
            sheets, strings_part = _sheet_parts(zf)
        except DefusedXmlException as exc:
            raise unsafe_file(path) from exc
        except (KeyError, StopIteration, ParseError, ValueError, zipfile.BadZipFile, NotImplementedError) as exc:
            raise not_xlsx(path) from exc
        scan = _Scan(zf, path, max_rows)
        if strings_part:
            scan.strings(strings_part)
        for name, part in sheets:
            scan.sheet(name, part)
        return scan.problems


def _check_members(zf: zipfile.ZipFile, path: Path) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise not_xlsx(path)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refuse(_("Berkas {name} dikunci dengan kata sandi. Buka di Excel, hapus kata "
                            "sandinya, simpan, lalu impor lagi."), path)
        total += info.file_size
        bomb = (info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES or
                (info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1)))
        if bomb:
            raise UserError(_("Berkas {name} ditolak: bila dibuka isinya menjadi terlalu besar "
                              "({size}; paling besar {limit}). Berkas ini rusak atau sengaja dibuat "
                              "untuk membuat komputer macet. Tidak ada yang diimpor.").format(
                name=path.name, size=_mb(max(info.file_size, total)), limit=_mb(MAX_MEMBER_BYTES)))


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    folder, name = posixpath.split(part)
    root = fromstring(zf.read(posixpath.join(folder, "_rels", name + ".rels")), forbid_dtd=True)
    out = {}
    for rel in root.iter(_PKG + "Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def _sheet_parts(zf: zipfile.ZipFile) -> tuple[list[tuple[str, str]], str | None]:
    """[(sheet name, zip member)] in workbook order, and the shared strings member (or None)."""
    top = _rels(zf, "")
    book = next(t for kind, t in top.values() if kind == "officeDocument")
    rels = _rels(zf, book)
    root = fromstring(zf.read(book), forbid_dtd=True)
    sheets = []
    for sheet in root.iter(_MAIN + "sheet"):
        kind, target = rels.get(sheet.get(_REL + "id", ""), ("", ""))
        if kind == "worksheet" and target in zf.NameToInfo:
            sheets.append((sheet.get("name", "?"), target))
    strings = next((t for kind, t in rels.values() if kind == "sharedStrings" and t in zf.NameToInfo), None)
    return sheets, strings


def _text(elem) -> int:
    """Length of the text of an <si> or <is> element (all its <t> parts)."""
    return sum(len(t.text or "") for t in elem.iter(_MAIN + "t"))


class _Scan:
    def __init__(self, zf: zipfile.ZipFile, path: Path, max_rows: int):
        self.zf, self.path, self.max_rows = zf, path, max_rows
        self.problems: list[CellProblem] = []
        self.long_strings: set[int] = set()
        self.short_strings: dict[int, str] = {}  # early short strings: header titles

    def _events(self, part: str, shown: str | None, where: list):
        try:
            with self.zf.open(part) as fh:
                yield from iterparse(fh, events=("end",), forbid_dtd=True)
        except DefusedXmlException as exc:
            raise unsafe_file(self.path) from exc
        except (ParseError, UnicodeError, ValueError, EOFError, zipfile.BadZipFile, OSError,
                NotImplementedError) as exc:
            raise damaged_file(self.path, shown, where[0] if where else None) from exc

    def strings(self, part: str) -> None:
        index = 0
        for _event, elem in self._events(part, None, []):
            if elem.tag == _MAIN + "si":
                n = _text(elem)
                if n > MAX_CELL_CHARS:
                    self.long_strings.add(index)
                elif index < 20_000 and n <= 200:
                    self.short_strings[index] = "".join(t.text or "" for t in elem.iter(_MAIN + "t"))
                index += 1
                elem.clear()

    def sheet(self, name: str, part: str) -> None:
        rows, last = 0, [0]
        header: dict[str, str] = {}
        for _event, elem in self._events(part, name, last):
            if elem.tag == _MAIN + "c":
                self._cell(name, elem, last[0], header)
            elif elem.tag == _MAIN + "row":
                r = elem.get("r")
                number = int(r) if r and r.isdigit() else -1 if r else last[0] + 1
                rows += 1
                if not 0 < number <= MAX_ROW_NUMBER:
                    raise damaged_file(self.path, name, last[0] or None)
                last[0] = number
                elem.clear()
                if rows > self.max_rows:
                    self.problems.append(CellProblem(name, number, None, _(
                        "terlalu banyak baris (paling banyak {n} per lembar); bagi datanya ke beberapa "
                        "berkas").format(n=self.max_rows - 1)))
                    return

    def _cell(self, sheet: str, c, row_before: int, header: dict[str, str]) -> None:
        match = _REF.fullmatch(c.get("r") or "")
        letter, row = (match.group(1), int(match.group(2))) if match else ("?", row_before + 1)
        kind = c.get("t") or "n"
        v = c.find(_MAIN + "v")
        text = v.text or "" if v is not None else ""
        inline = c.find(_MAIN + "is")
        length = _text(inline) if inline is not None else len(text)
        if kind == "s" and text.isdigit() and int(text) in self.long_strings:
            length = MAX_CELL_CHARS + 1
        if row == 1 and length <= 200:
            title = ("".join(t.text or "" for t in inline.iter(_MAIN + "t")) if inline is not None else
                     self.short_strings.get(int(text), "") if kind == "s" and text.isdigit() else text)
            header[letter] = " ".join(title.replace("*", " ").split())
        column = header.get(letter) or letter
        reason = None
        if c.find(_MAIN + "f") is not None and v is None:
            reason = _("berisi rumus tanpa hasil yang tersimpan; buka berkas di Excel atau LibreOffice "
                       "dan simpan lagi, atau ganti rumusnya dengan angkanya")
        elif length > MAX_CELL_CHARS:
            reason = _("isinya terlalu panjang ({n} huruf; paling banyak {limit})").format(
                n=f"{length:,}".replace(",", "."), limit=f"{MAX_CELL_CHARS:,}".replace(",", "."))
        elif kind == "n" and text and (len(text) > 40 or not _NUMBER.fullmatch(text)):
            reason = _("bukan angka yang sah (\"{text}\")").format(text=text[:20])
        elif kind == "s" and v is not None and not text.isdigit():
            reason = _("isinya rusak (rujukan teks tidak sah)")
        if reason:
            self.problems.append(CellProblem(sheet, row, column, reason))
        c.clear()
