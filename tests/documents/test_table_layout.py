"""The data table's plan, read without drawing: wrapping, page parts, the carried balance, and
the strings written the way reportlab writes them."""
from __future__ import annotations

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kws_desktop.documents.canvas_text import TextRun
from kws_desktop.documents.fonts import FONT, FONT_BOLD, register_fonts
from kws_desktop.documents.pdf import content_width
from kws_desktop.documents.table_layout import (
    SPLIT_MIN_LINES, Carry, TableRow, layout_table, page_plan, part_height, part_rows, wrap_text,
)
from kws_desktop.i18n import format_number

register_fonts()
KINDS = ("date", "text", "text", "money", "money", "money")
TITLES = ("Tanggal", "No. Bukti", "Uraian", "Penerimaan", "Pengeluaran", "Saldo")
KEYS = ("tanggal", "bukti", "uraian", "masuk", "keluar", "saldo")
CARRY = Carry("saldo", "uraian", "Saldo pindahan dari halaman sebelumnya", "Saldo {section} pindahan")
LONG = ("Pembayaran cicilan ketiga pembangunan tangki septik individual dan kloset leher angsa "
        "untuk rumah tangga Bapak Ahmad Suryadi di RT 003/RW 002 Desa Sukamaju, sesuai kuitansi")


def _cash_rows(n: int, *, long_every: int = 7) -> tuple[list[TableRow], list[int]]:
    """A section "Kas": heading, opening, ``n`` movements, subtotal; and the balances."""
    balance, balances = 5_000_000, []
    rows = [TableRow(["Kas", "", "", "", "", ""], "heading"),
            TableRow(["01/01/2026", "", "Saldo awal", "", "", format_number(balance)])]
    for i in range(n):
        amount = (i % 5 + 1) * 10_000 * (1 if i % 3 else -1)
        balance += amount
        balances.append(balance)
        text = LONG if i % long_every == 0 else f"Beli semen {i}"
        rows.append(TableRow(["02/01/2026", f"JU-2026-{i:06d}", text,
                              format_number(amount) if amount > 0 else "",
                              format_number(-amount) if amount < 0 else "", format_number(balance)]))
    rows.append(TableRow(["", "", "Jumlah Kas", "1", "2", format_number(balance)], "subtotal"))
    return rows, balances


def _layout(rows, paper="A4", carry=CARRY):
    return layout_table(KINDS, TITLES, rows, content_width(paper), size=8.5, carry=carry, keys=KEYS)


def _cells_text(row) -> list[str]:
    return [" ".join(text for text, _w in cell.lines) for cell in row.cells]


@pytest.mark.parametrize("paper", ["A4", "F4", "A5"])
def test_every_row_once_in_order_and_the_balance_carried_over_each_break(paper):
    rows, balances = _cash_rows(400, long_every=25)
    layout = _layout(rows, paper)
    page = 500.0 if paper != "A5" else 330.0
    parts = page_plan(layout, page - 200, page)
    assert len(parts) > 5
    seen: list[tuple[int, int, int]] = []
    carried = 0
    for number, part in enumerate(parts):
        drawn = part_rows(layout, part)
        assert part_height(layout, part) <= (page - 200 if number == 0 else page) + 0.01
        assert drawn[0][0].style == "header", "the header heads every page"
        body = [(row, first, end) for row, first, end in drawn if row.index >= 0]
        seen += [(row.index, first, end) for row, first, end in body]
        carry = [row for row, _f, _e in drawn if row.style == "carry"]
        if number == 0:
            assert not carry
            continue
        previous = rows[body[0][0].index - 1]
        if previous.style == "normal" and body[0][1] == 0:
            assert len(carry) == 1, f"page {number + 1} starts without the carried balance"
            label, value = _cells_text(carry[0])
            assert label == "Saldo Kas pindahan"
            assert value == previous.texts[5]
            carried += 1
    assert carried >= 3
    # each row whole, in order (a row cut by a page break: its lines on both pages, none twice)
    lines: dict[int, list[tuple[int, int]]] = {}
    for index, first, end in seen:
        lines.setdefault(index, []).append((first, end))
    assert list(lines) == list(range(len(rows)))
    for index, pieces in lines.items():
        assert pieces[0][0] == 0 and pieces[-1][1] == layout.rows[index].lines
        assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    printed = [_cells_text(layout.rows[i])[-1] for i in range(2, len(rows) - 1)]
    assert printed == [format_number(b) for b in balances]


def test_long_descriptions_wrap_inside_their_column():
    rows, _balances = _cash_rows(30, long_every=1)
    rows.append(TableRow(["", "", "x" * 3000, "", "", ""]))
    layout = _layout(rows)
    uraian = layout.edges[2], layout.edges[3]
    for row in layout.rows:
        for cell in row.cells:
            assert layout.edges[0] <= cell.left and cell.right <= layout.width + 0.01
            for text, width in cell.lines:
                assert width <= cell.right - cell.left + 0.02, text
    wrapped = layout.rows[2].cells[2]
    assert uraian[0] < wrapped.left < wrapped.right < uraian[1]
    assert len(wrapped.lines) > 2
    assert " ".join(t for t, _w in wrapped.lines) == LONG
    word = layout.rows[-1].cells[0]
    assert "".join(t for t, _w in word.lines) == "x" * 3000 and len(word.lines) > 20


def test_a_row_taller_than_a_page_splits_between_its_lines():
    rows = [TableRow(["", "", " ".join(["kata"] * 3000), "", "", ""]), TableRow(["", "", "akhir", "", "", "1"])]
    layout = _layout(rows, carry=None)
    parts = page_plan(layout, 400, 700)
    assert len(parts) > 2
    pieces = [(first, end) for part in parts for row, first, end in part_rows(layout, part) if row.index == 0]
    assert pieces[0][0] == 0 and pieces[-1][1] == layout.rows[0].lines
    assert all(end - first >= SPLIT_MIN_LINES for first, end in pieces)


def test_short_rows_are_never_cut():
    rows, _balances = _cash_rows(200)
    layout = _layout(rows)
    for part in page_plan(layout, 300, 500):
        for row, first, end in part_rows(layout, part):
            assert (first, end) == (0, row.lines) or row.lines >= 2 * SPLIT_MIN_LINES


def test_no_balance_is_carried_into_a_new_section_or_without_a_carry():
    rows, _b = _cash_rows(60)
    bank, _b2 = _cash_rows(60)
    bank[0] = TableRow(["Bank", "", "", "", "", ""], "heading")
    rows += bank
    layout = _layout(rows)
    for part in page_plan(layout, 200, 260):
        drawn = part_rows(layout, part)
        first_body = next(row for row, _f, _e in drawn if row.index >= 0)
        has_carry = any(row.style == "carry" for row, _f, _e in drawn)
        if first_body.style == "heading":
            assert not has_carry
        if has_carry:
            section = "Bank" if first_body.index > len(rows) // 2 else "Kas"
            assert _cells_text(drawn[1][0])[0] == f"Saldo {section} pindahan"
    plain = layout_table(KINDS, TITLES, rows, content_width("A4"), size=8.5)
    assert not any(row.style == "carry" for part in page_plan(plain, 200, 260)
                   for row, _f, _e in part_rows(plain, part))


def test_a_heading_alone_in_its_row_runs_across_the_columns():
    layout = _layout([TableRow(["Kas dan setara kas (penjelasan panjang)", "", "", "", "", ""], "heading")])
    row = layout.rows[0]
    assert row.hidden == frozenset(range(1, 6))
    assert row.cells[0].right == pytest.approx(layout.width - 3.0)
    assert len(row.cells[0].lines) == 1


def test_numbers_are_right_aligned_with_room_for_a_parenthesis():
    layout = layout_table(("text", "money"), ("Uraian", "Jumlah"),
                          [TableRow(["a", "1.250.000"]), TableRow(["b", "(1.250.000)"])], 300, size=8.5)
    positive, negative = layout.rows[0].cells[1], layout.rows[1].cells[1]
    assert positive.align == negative.align == "right"
    assert positive.right < negative.right, "digits line up with those inside (…)"
    assert negative.right == pytest.approx(300 - 3.0)


def test_wrap_keeps_newlines_and_collapses_spaces():
    lines = wrap_text("satu   dua\n\ntiga", FONT, 8.5, 500)
    assert [t for t, _w in lines] == ["satu dua", "", "tiga"]


def test_strings_are_written_as_reportlab_writes_them(tmp_path):
    """The quick encoding gives the same operators as reportlab's textOut, also past the first
    256 characters of the font (a second subset) and for characters the font does not have."""
    strings = ["Saldo awal 1.250.000", "Ελληνικά Кириллица ẞ ₹", "Ibu Nurhayati — ok", "\U0001F6BD",
               *["".join(chr(0x400 + i + k) for k in range(9)) for i in range(0, 300, 9)],
               "Saldo awal 1.250.000", "Кириллица", "tab\there"]
    ours, theirs = Canvas(str(tmp_path / "a.pdf")), Canvas(str(tmp_path / "b.pdf"))
    run = TextRun(ours)
    text = theirs.beginText()
    for n, s in enumerate(strings):
        font = FONT_BOLD if n % 4 == 0 else FONT
        run.set_font(font, 8.5, 10.5)
        text.setFont(font, 8.5, 10.5)
        run.draw(10, 20 + n, s)
        text.setTextOrigin(10, 20 + n)
        text.textOut(s)
    expected = text.getCode().split()
    assert expected[:8] == ["BT", "1", "0", "0", "1", "0", "0", "Tm"]  # reportlab's own start
    expected[1:8] = []
    run.finish()
    assert ours._code[-1].split() == expected


def test_a_long_code_breaks_after_a_hyphen():
    lines = wrap_text("BKM-2026-48680", FONT, 8.5, 40)
    assert [t for t, _w in lines][0].endswith("-")
    assert "".join(t for t, _w in lines) == "BKM-2026-48680"
    assert all(w <= 40.02 for _t, w in lines)


def test_on_narrow_paper_numbers_and_dates_keep_one_line_in_a_smaller_type():
    rows, _balances = _cash_rows(20)
    rows.append(TableRow(["28/11/2026", "JU-2026-098221", "x", "", "", "(3.999.015.456.000)"]))
    layout = _layout(rows, "A5")
    assert layout.size < 8.5
    for row in layout.rows:
        for cell in row.cells:
            if cell.align != "left":
                assert len(cell.lines) == 1, cell


@pytest.mark.parametrize("spare", [0, 1, 2, 3])
def test_a_row_one_line_taller_than_the_page_still_splits(spare):
    """A row whose lines all but one (or two) fit the page leaves enough for the next page."""
    probe = _layout([TableRow(["", "", "kata", "", "", ""])], carry=None)
    page = probe.row_height(1) + probe.row_height(40) + 0.1  # the header and 40 lines
    rows = [TableRow(["", "", "\n".join(["kata"] * (40 + spare)), "", "", ""])]
    layout = _layout(rows, carry=None)
    parts = page_plan(layout, page, page)
    pieces = [(first, end) for part in parts for row, first, end in part_rows(layout, part) if row.index == 0]
    assert pieces[0][0] == 0 and pieces[-1][1] == 40 + spare
    assert all(end - first >= SPLIT_MIN_LINES for first, end in pieces)


def test_number_titles_keep_one_line_when_everything_fits():
    """The payables list stacked "> 90 hari" in three lines beside a wide, nearly empty
    supplier column; when every cell fits on one line the number titles do too."""
    kinds = ["text", "money", "money", "money", "money", "money"]
    titles = ["Pemasok", "Saldo", "0-30 hari", "31-60 hari", "61-90 hari", "> 90 hari"]
    rows = [TableRow(["TB Sumber Rejeki", "7.763.500", "6.132.000", "1.631.500", "0", "0"], "normal", 0)]
    layout = layout_table(kinds, titles, rows, 170 * mm, size=7.5)
    assert layout.header.lines == 1


def test_a_wrapping_text_column_keeps_its_room_from_number_titles():
    """When a text column wraps anyway, the numbers stay as narrow as their widest word."""
    kinds = ["text", "money", "money"]
    titles = ["Uraian", "Penerimaan kas dan bank", "Pengeluaran kas dan bank"]
    rows = [TableRow(["Terima pembayaran tagihan " * 8, "1.614.000", "0"], "normal", 0)]
    layout = layout_table(kinds, titles, rows, 120 * mm, size=7.5)
    assert layout.header.lines > 1


def _groups(groups: int, per_group: int) -> list[TableRow]:
    """Materials by category: a heading, its rows, its subtotal; a grand total at the end."""
    rows = []
    for g in range(groups):
        rows.append(TableRow([f"Kelompok {g}", "", "", "", "", ""], "heading"))
        rows += [TableRow(["02/01/2026", f"BLI-2026-{g}{i:03d}", f"Semen Portland 50 kg nomor {i}",
                           "10.000", "", ""]) for i in range(per_group)]
        rows.append(TableRow(["", "", f"Jumlah kelompok {g}", "1", "", ""], "subtotal"))
    rows.append(TableRow(["", "", "Jumlah", "99", "", ""], "total"))
    return rows


def _group_of(rows, index):
    return next(rows[i].texts[0] for i in range(index, -1, -1) if rows[i].style == "heading")


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_a_group_going_on_over_a_page_break_repeats_its_heading(paper):
    rows = _groups(4, 45)
    layout = layout_table(KINDS, TITLES, rows, content_width(paper), size=8.5,
                          continued_heading="{heading} (lanjutan)")
    inside = 0
    for number, part in enumerate(page_plan(layout, 250, 330)):
        drawn = part_rows(layout, part)
        body = [(row, first) for row, first, _e in drawn if row.index >= 0]
        assert body[-1][0].style != "heading", "a heading is never the last row of a page"
        if number == 0:
            continue
        first, line = body[0]
        repeated = [row for row, _f, _e in drawn if row.style == "heading" and row.index < 0]
        if first.style in ("heading", "total") and line == 0:
            assert not repeated, f"page {number + 1}: a new group or the total needs no repeat"
            continue
        assert drawn[1][0] is repeated[0], "the repeated heading comes right under the header"
        assert _cells_text(repeated[0]) == [f"{_group_of(rows, first.index)} (lanjutan)"]
        inside += 1
    assert inside >= 3
    # off unless asked for: the layout without it repeats nothing
    plain = layout_table(KINDS, TITLES, rows, content_width(paper), size=8.5)
    assert not any(row.style == "heading" and row.index < 0 for part in page_plan(plain, 250, 330)
                   for row, _f, _e in part_rows(plain, part))


def test_a_carried_balance_that_names_its_group_is_not_headed_twice():
    rows, _b = _cash_rows(200)
    layout = layout_table(KINDS, TITLES, rows, content_width("A4"), size=8.5, carry=CARRY, keys=KEYS,
                          continued_heading="{heading} (lanjutan)")
    for part in page_plan(layout, 300, 500)[1:]:
        drawn = part_rows(layout, part)
        labels = [_cells_text(row)[0] for row, _f, _e in drawn if row.index < 0 and row.style != "header"]
        assert labels in (["Saldo Kas pindahan"], ["Kas (lanjutan)"]), labels  # the latter: a row split


def test_a_numbered_heading_says_lanjutan_after_its_words_not_after_its_number():
    """Notes: "3 | Kebijakan akuntansi" goes on as "3 | Kebijakan akuntansi (lanjutan)"; "(lanjutan)"
    in the narrow No. column broke into letters ("(la nju tan )")."""
    kinds, titles = ("text", "text", "money"), ("No.", "Uraian", "Jumlah (Rp)")
    rows = [TableRow(["3", "Kebijakan akuntansi", ""], "heading")]
    rows += [TableRow(["", f"Kebijakan nomor {i}: dicatat sebesar harga beli", ""]) for i in range(60)]
    layout = layout_table(kinds, titles, rows, content_width("A5"), size=8.5,
                          continued_heading="{heading} (lanjutan)")
    parts = page_plan(layout, 250, 250)
    assert len(parts) > 1
    for part in parts[1:]:
        repeated = [row for row, _f, _e in part_rows(layout, part) if row.style == "heading" and row.index < 0]
        assert [_cells_text(row) for row in repeated] == [["3", "Kebijakan akuntansi (lanjutan)"]]


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_a_line_of_dots_to_write_on_fills_its_cell_on_one_line(paper):
    """The notes' "Catatan bendahara": 150 dots broke over two lines on A5."""
    kinds, titles = ("text", "text", "money"), ("No.", "Uraian", "Jumlah (Rp)")
    rows = [TableRow(["5", "Catatan bendahara", ""], "heading"),
            TableRow(["", "Kas dan bank: uang tunai di bendahara dan saldo rekening bank", "76.353.576"])]
    rows += [TableRow(["", "." * 150, ""]) for _i in range(3)]
    layout = layout_table(kinds, titles, rows, content_width(paper), size=8.5)
    for plan in layout.rows[2:]:
        assert plan.lines == 1
        (cell,) = plan.cells
        (text, width), = cell.lines
        dot = stringWidth(".", FONT, layout.size)
        assert set(text) == {"."} and cell.right - cell.left - dot < width <= cell.right - cell.left + 0.01
