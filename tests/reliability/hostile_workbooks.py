"""Hostile import workbooks made in the test (issue 22): each is the real blank template with its
"Anggota" sheet (or another part) replaced by crafted bytes. `CASES` maps a case name to
(builder, the words the refusal must contain)."""
from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet2.xml"   # "Anggota" in the template
HEADER = ("Nama *", "Jenis kelamin *", "Jabatan", "Tanggal masuk *", "Telepon", "Alamat",
          "Disabilitas", "Simpanan", "Upah harian", "Catatan")
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STRINGS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def member_row(number: int = 2, *, name: str = _inline("A2", "Siti"), capital: str = "") -> str:
    """One Anggota row: a name cell (XML), P, 15/01/2024 as an Excel serial, a Simpanan cell."""
    return (f'<row r="{number}">{name.replace("A2", f"A{number}")}{_inline(f"B{number}", "P")}'
            f'<c r="D{number}"><v>45306</v></c>{capital}</row>')


def sheet_xml(rows: str, *, prolog: str = "") -> bytes:
    header = "".join(_inline(f"{chr(65 + i)}1", t) for i, t in enumerate(HEADER))
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}"><sheetData>'
            f'<row r="1">{header}</row>{rows}</sheetData></worksheet>').encode()


def template(folder: Path) -> Path:
    from kws_desktop.services.exchange.spreadsheet_import import write_template
    path = folder / "templat.xlsx"
    if not path.exists():
        write_template(path)
    return path


def rewrite(base: Path, out: Path, replace: dict[str, bytes], *, strings: bytes | None = None,
            level: int = 6) -> Path:
    """A copy of `base` with members replaced (and a sharedStrings part added when given)."""
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                       compresslevel=level) as dst:
        for info in src.infolist():
            data = replace.pop(info.filename, None)
            if data is None:
                data = src.read(info.filename)
            if strings is not None and info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" '
                                    f'ContentType="{STRINGS_TYPE}"/></Types>'.encode())
            if strings is not None and info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", f'<Relationship Id="rIdS" Type="{STRINGS_REL}" '
                                    f'Target="sharedStrings.xml"/></Relationships>'.encode())
            dst.writestr(info.filename, data)
        if strings is not None:
            dst.writestr("xl/sharedStrings.xml", strings)
        for name, data in replace.items():
            dst.writestr(name, data)
    return out


def shared(*texts: bytes) -> bytes:
    items = b"".join(b"<si><t>" + t + b"</t></si>" for t in texts)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(texts)}">'.encode()
            + items + b"</sst>")


def _money(value: str):
    return lambda base, out: rewrite(base, out, {SHEET: sheet_xml(member_row(capital=f'<c r="H2"><v>{value}</v></c>'))})


def invalid_utf8(base: Path, out: Path) -> Path:
    row = member_row(name='<c r="A2" t="s"><v>0</v></c>')
    return rewrite(base, out, {SHEET: sheet_xml(row)}, strings=shared(b"Siti \xff\xfe Aminah"))


def nul_byte(base: Path, out: Path) -> Path:
    return rewrite(base, out, {SHEET: sheet_xml(member_row()).replace(b"Siti", b"Si\x00ti")})


def billion_laughs(base: Path, out: Path) -> Path:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    prolog = f"<!DOCTYPE worksheet [{entities}]>"
    return rewrite(base, out, {SHEET: sheet_xml(member_row(name=_inline("A2", "&lol9;")), prolog=prolog)})


def external_entity(base: Path, out: Path) -> Path:
    strings = (b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM '
               b'"file:///etc/passwd">]><sst xmlns="' + MAIN.encode() + b'"><si><t>&xxe;</t></si></sst>')
    return rewrite(base, out, {SHEET: sheet_xml(member_row(name='<c r="A2" t="s"><v>0</v></c>'))},
                   strings=strings)


def formula_without_value(base: Path, out: Path) -> Path:
    row = member_row(capital='<c r="H2"><f>SUM(1,2)</f></c>')
    return rewrite(base, out, {SHEET: sheet_xml(row)})


def long_cell(base: Path, out: Path) -> Path:
    """One name of 1 million letters: under the file limits, over Excel's cell limit."""
    return rewrite(base, out, {SHEET: sheet_xml(member_row(name=_inline("A2", "x" * 1_000_000)))})


def _stream_member(out: Path, base: Path, name: str, head: bytes, fill: bytes, size: int, tail: bytes) -> Path:
    """`base` plus a member `name` of `head` + `fill` repeated to `size` bytes + `tail`,
    written in chunks (never held in memory) at compression level 1."""
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info.filename))
        with dst.open(name, "w", force_zip64=True) as fh:
            fh.write(head)
            chunk = fill * (2**20 // len(fill))
            for _ in range(size // len(chunk)):
                fh.write(chunk)
            fh.write(tail)
    return out


def two_gb_string(base: Path, out: Path) -> Path:
    """A ~10 MB file whose sheet holds one 2 GiB name (the finding: 2.1 GB of memory)."""
    xml = sheet_xml(member_row(name=_inline("A2", "@@")))
    head, tail = xml.split(b"@@")
    return _stream_member(out, base, SHEET, head, b"Siti", 2 * 2**30, tail)


def zip_bomb(base: Path, out: Path) -> Path:
    """A member declaring 512 MiB of zeros in about 0.5 MB: refused from the zip directory."""
    return _stream_member(out, base, "xl/media/bom.bin", b"", b"\0" * 4096, 512 * 2**20, b"")


def lying_zip_bomb(base: Path, out: Path) -> Path:
    """The sheet is 64 MiB of spaces but the zip says 2,000 bytes (sizes patched): zipfile stops
    at the declared size and the check finds the part damaged."""
    xml = sheet_xml(member_row())
    head, tail = xml.split(b"<sheetData>")
    _stream_member(out, base, SHEET, head + b"<sheetData>", b" ", 64 * 2**20, tail)
    data = bytearray(out.read_bytes())
    name = SHEET.encode()
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(sig)
        while at != -1:
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                struct.pack_into("<I", data, at + offset, 2000)
            at = data.find(sig, at + 4)
    out.write_bytes(bytes(data))
    return out


def not_a_zip(_base: Path, out: Path) -> Path:
    out.write_bytes(b"Nama,Jenis kelamin\nSiti,P\n")
    return out


def fake_zip(_base: Path, out: Path) -> Path:
    out.write_bytes(b"PK\x03\x04" + zlib.compress(b"bukan zip") * 10)
    return out


def empty(_base: Path, out: Path) -> Path:
    out.write_bytes(b"")
    return out


def too_many_rows(base: Path, out: Path) -> Path:
    from kws_desktop.services.exchange.spreadsheet_import import MAX_ROWS
    rows = "".join(f'<row r="{n}"><c r="H{n}"><v>1</v></c></row>' for n in range(2, MAX_ROWS + 3))
    return rewrite(base, out, {SHEET: sheet_xml(rows)})


def bad_number(base: Path, out: Path) -> Path:
    return rewrite(base, out, {SHEET: sheet_xml(member_row(capital='<c r="H2"><v>NaN</v></c>'))})


def huge_int_text(base: Path, out: Path) -> Path:
    return rewrite(base, out, {SHEET: sheet_xml(member_row(capital=f'<c r="H2"><v>{"9" * 5000}</v></c>'))})


# case -> (builder, words the refusal must contain)
CASES = {
    "invalid_utf8": (invalid_utf8, "tidak bisa dibaca"),
    "nul_byte": (nul_byte, 'lembar "Anggota" sesudah baris 1 berisi huruf atau tanda yang tidak bisa dibaca'),
    "billion_laughs": (billion_laughs, "kode tersembunyi (entitas XML)"),
    "external_entity": (external_entity, "kode tersembunyi (entitas XML)"),
    "money_1e308": (_money("1e308"), "Anggota, baris 2, kolom Simpanan: jumlah uang terlalu besar (paling banyak Rp10.000.000.000)"),
    "money_minus_1e308": (_money("-1e308"), "Anggota, baris 2, kolom Simpanan: jumlah uang terlalu besar"),
    "money_infinity": (_money("1e999"), "Anggota, baris 2, kolom Simpanan: jumlah uang terlalu besar"),
    "money_nan": (bad_number, "Anggota, baris 2, kolom Simpanan: bukan angka yang sah"),
    "money_huge_int": (_money("9" * 40), "Anggota, baris 2, kolom Simpanan: jumlah uang terlalu besar"),
    "money_5000_digits": (huge_int_text, "Anggota, baris 2, kolom Simpanan: bukan angka yang sah"),
    "formula_without_value": (formula_without_value,
                              "Anggota, baris 2, kolom Simpanan: berisi rumus tanpa hasil yang tersimpan"),
    "long_cell": (long_cell, "Anggota, baris 2, kolom Nama: isinya terlalu panjang (1.000.000 huruf"),
    "too_many_rows": (too_many_rows, "terlalu banyak baris (paling banyak 50000 per lembar)"),
    "zip_bomb": (zip_bomb, "bila dibuka isinya menjadi terlalu besar (512 MB"),
    "two_gb_string": (two_gb_string, "bila dibuka isinya menjadi terlalu besar (2.048 MB"),
    "lying_zip_bomb": (lying_zip_bomb, 'rusak: lembar "Anggota"'),
    "not_a_zip": (not_a_zip, "bukan berkas Excel (.xlsx)"),
    "fake_zip": (fake_zip, "bukan berkas Excel (.xlsx)"),
    "empty": (empty, "kosong (0 bita)"),
}
