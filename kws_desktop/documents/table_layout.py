"""The data table worked out before anything is drawn: column widths, the wrapped lines of every
cell, each row's height, and which rows go on which page.

The table is laid out once; a page break only cuts the plan at a row (or between the lines of a
tall row), so a table of thousands of rows costs the same per row as a short one. Every page
part starts with the header row again; when the page broke inside a group of rows under a
heading, with that heading again ("Semen dan pasir (lanjutan)"); when a :class:`Carry` is given
and the page broke inside a run of rows, with the balance carried from the page before
("Pindahan dari halaman sebelumnya"). A heading is never left alone at the foot of a page.

A table is *readable* at a width when its description (the text column with the longest
text) keeps its whole text on a line or at least ``READABLE_TEXT``, no narrower text column
breaks a word between its letters, and the type stays at ``READABLE_SIZE`` or more: a report
that is not readable on an upright page is turned (documents/tabular.py).

Cells come in already formatted (plain text, no markup); :mod:`kws_desktop.documents.table`
formats them and :mod:`kws_desktop.documents.ruled_table` draws a part. ``page_plan`` gives the
rows of each page for given page heights without drawing (tests read it).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

from kws_desktop.documents.fonts import FONT, FONT_BOLD

PADDING = 3.0        # left and right of every cell's text
TOP_PADDING = 2.0
BOTTOM_PADDING = 2.5
LEADING = 1.24       # line distance as a multiple of the font size
INDENT_STEP = 10.0   # points per indent level of the first text column
MIN_FONT_SIZE = 5.5
READABLE_SIZE = 7.0          # below this the type is too small to read comfortably
READABLE_TEXT = 24 * mm      # a description narrower than this (and than its text) is hard to read
SPLIT_MIN_LINES = 3  # a tall row splits across pages only with this many lines on each side
_SLACK = 0.01


@dataclass(frozen=True)
class Carry:
    """A running balance carried over a page break.

    When a page ends after a ``normal`` row that has a value in column ``value`` and the next
    row is ``normal`` or a ``subtotal``, the next page starts (under the repeated header) with
    a row showing ``text`` in column ``label`` and that value. Under a heading row,
    ``section_text`` (with ``{section}``, the heading's text) is shown instead, when given.
    """

    value: str
    label: str
    text: str
    section_text: str = ""

    def names_section(self, section: str) -> bool:
        """The carried row says which heading's rows go on (so the heading need not repeat)."""
        return bool(section and self.section_text)


class Cell(NamedTuple):
    """One cell's text: drawn between ``left`` and ``right`` (padding and indent taken off)."""

    left: float
    right: float
    align: str                                # "left", "center" or "right"
    font: str
    lines: tuple[tuple[str, float], ...]      # (text, its width in points)


class RowPlan(NamedTuple):
    style: str                   # normal, heading, subtotal, total, header, carry
    lines: int                   # the tallest cell's number of lines
    cells: tuple[Cell, ...]
    hidden: frozenset[int]       # inner column edges not ruled (a heading spanning the row)
    index: int                   # position in the table's rows; -1 for the header and carried rows


class Part(NamedTuple):
    """A stretch of the table for one page: from row ``start`` (at its line ``start_line``) up
    to row ``end`` (and, if ``end_line``, the first ``end_line`` lines of row ``end``).
    ``continued``: not the table's first part (the header repeats, a balance may be carried)."""

    start: int
    start_line: int
    end: int
    end_line: int
    continued: bool


@dataclass(frozen=True)
class TableLayout:
    width: float
    edges: tuple[float, ...]        # x of every column edge, 0 .. width
    size: float
    leading: float
    header: RowPlan | None
    repeat_header: bool
    rows: tuple[RowPlan, ...]
    tops: tuple[float, ...]         # tops[i]: the height of rows[:i] drawn whole
    carried: tuple[str, ...]        # per row: the value a page break after it carries ("" none)
    sections: tuple[str, ...]       # per row: the text of the heading it stands under
    carry: Carry | None
    carry_columns: tuple[int, int]  # (value column, label column)
    kinds: tuple[str, ...]
    shaper: _RowShaper
    readable: bool = True           # see the module's note
    under: tuple[int, ...] = ()     # per row: the index of the heading row it stands under (-1 none)
    headings: dict[int, tuple[tuple[str, ...], int]] = field(default_factory=dict, compare=False)
    continued_heading: str = ""     # "{heading} (lanjutan)": a heading repeated on the next page
    leads: dict[tuple[int, bool], tuple[RowPlan, ...]] = field(default_factory=dict, compare=False)

    def row_height(self, lines: int) -> float:
        return TOP_PADDING + lines * self.leading + BOTTOM_PADDING

    def whole(self) -> Part:
        return Part(0, 0, len(self.rows), 0, False)


@dataclass(frozen=True)
class TableRow:
    """One row as the layout takes it: formatted cell texts in column order."""

    texts: Sequence[str]
    style: str = "normal"
    indent: int = 0


# --- laying the table out -------------------------------------------------------------------

def layout_table(kinds: Sequence[str], titles: Sequence[str], rows: Sequence[TableRow], width: float,
                 *, size: float, header: bool = True, repeat_header: bool = True,
                 carry: Carry | None = None, keys: Sequence[str] = (),
                 continued_heading: str = "") -> TableLayout:
    """Lay out ``rows`` (each cell already formatted) under ``titles`` to fill ``width``.

    ``kinds`` are the columns' kinds (text, money, int, qty, date, percent); ``keys`` their keys,
    needed only to find the columns a ``carry`` names. Numbers keep one line and their natural
    width; text columns share what is left and wrap. If even the numbers do not fit, the whole
    table is set in a smaller type. ``continued_heading`` ("{heading} (lanjutan)"): the heading
    of a group whose rows go on over a page break, repeated at the top of the next page.
    """
    kinds = tuple(kinds)
    first_text = next((i for i, k in enumerate(kinds) if k == "text"), None)
    texts = [[_clean(t) for t in row.texts] for row in rows]
    natural = [_measure(cells, row.style, size) for cells, row in zip(texts, rows)]
    paren = stringWidth(")", FONT, size)
    needs = [_needs(cells, one_line, row.indent, kinds, first_text, paren)
             for cells, one_line, row in zip(texts, natural, rows)]
    widths, new_size, readable = column_widths(
        kinds, [_title_words(t, size) for t in titles], needs, width, size,
        title_lines=[stringWidth(t, FONT_BOLD, size) for t in titles],
        longest_words=_longest_words(texts, rows, kinds, size))
    edges = [0.0]
    for w in widths:
        edges.append(edges[-1] + w)
    edges[-1] = width
    if new_size != size:  # widths grow with the type size
        natural = [[w * new_size / size for w in cells] for cells in natural]
        size = new_size
    shaper = _RowShaper(kinds, tuple(edges), size, first_text)
    plans = tuple(shaper.row(cells, row.style, row.indent, i, one_line)
                  for i, (cells, row, one_line) in enumerate(zip(texts, rows, natural)))
    readable = readable and not any(widths[i] < READABLE_TEXT for i in shaper.broken)
    if not plans:
        plans = (RowPlan("normal", 1, (), frozenset(), 0),)
    leading = size * LEADING
    tops = [0.0]
    for plan in plans:
        tops.append(tops[-1] + TOP_PADDING + plan.lines * leading + BOTTOM_PADDING)
    columns = (0, 0)
    carried: tuple[str, ...] = ()
    under, headings = _headings(texts, rows)
    sections = tuple(headings[h][0][_name_cell(headings[h][0], edges)] if h >= 0 and any(headings[h][0])
                     else "" for h in under)
    if carry is not None:
        keys = tuple(keys)
        columns = (keys.index(carry.value), keys.index(carry.label))
        carried = _carried(texts, [row.style for row in rows], columns[0])
    return TableLayout(
        width=width, edges=tuple(edges), size=size, leading=leading,
        header=shaper.header(titles) if header else None, repeat_header=repeat_header,
        rows=plans, tops=tuple(tops), carried=carried, sections=sections, carry=carry,
        carry_columns=columns, kinds=kinds, shaper=shaper, readable=readable, under=under,
        headings=headings, continued_heading=continued_heading,
    )


def _title_words(title: str, size: float) -> float:
    return max((stringWidth(word, FONT_BOLD, size) for word in title.split()), default=0.0)


def _clean(text: str) -> str:
    """Runs of spaces (and tabs) as one space, newlines kept."""
    if "\n" in text:
        return "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return " ".join(text.split())


def _longest_words(texts, rows, kinds, size) -> list[float]:
    """Per column, the widest word of its text cells (0 for number columns): each different
    word measured once."""
    measure = font_widths(FONT)
    out = []
    for i, kind in enumerate(kinds):
        if kind != "text":
            out.append(0.0)
            continue
        words = {word for cells, row in zip(texts, rows)
                 if row.style == "normal" and cells[i] and not is_writing_line(cells[i])
                 for word in cells[i].split()}
        out.append(max((measure(word, size) for word in words), default=0.0))
    return out


def _measure(texts: Sequence[str], style: str, size: float) -> list[float]:
    """Each cell's width on one line (its widest line when it holds newlines)."""
    measure = font_widths(FONT if style == "normal" else FONT_BOLD)
    return [0.0 if not text or is_writing_line(text) else measure(text, size) if "\n" not in text
            else max(measure(line, size) for line in text.split("\n")) for text in texts]


def is_writing_line(text: str) -> bool:
    """A cell of dots only ("......"): a line to write on by hand. It asks for no width and is
    drawn as many dots as fill its cell, on one line, whatever the paper."""
    return len(text) >= 3 and not text.strip(".")


def _needs(texts, widths, indent, kinds, first_text, paren) -> list[float]:
    """The width each cell asks for: its text, its indent and the room for a ")"."""
    out = list(widths)
    if first_text is not None and indent:
        out[first_text] += indent * INDENT_STEP
    for i, kind in enumerate(kinds):
        if kind == "money" and texts[i] and not texts[i].endswith(")"):
            out[i] += paren  # room to line digits up with "(1.250.000)"
    return out


def column_widths(kinds: Sequence[str], title_words: Sequence[float], measured: Sequence[Sequence[float]],
                  width: float, size: float, *,
                  title_lines: Sequence[float] = (),
                  longest_words: Sequence[float] = ()) -> tuple[list[float], float, bool]:
    """Column widths filling ``width``, the font size to use (smaller only if needed) and
    whether the table is readable so (see the module's note).

    ``title_words``: the widest word of each title (bold); ``measured``: per row, each cell's
    one-line width; ``title_lines``: each whole title on one line (bold): when every cell and
    these titles of the number columns fit on one line, the number columns take them, so a
    short table does not stack "> 90 hari" word by word beside a wide empty name column.
    ``longest_words``: each text column's widest word: a column is not made narrower than it
    (nor than ``READABLE_TEXT``), so "Dikerjakan" is not cut between its letters."""
    pad = 2 * PADDING
    natural, minimum = [], []
    for i, kind in enumerate(kinds):
        head = title_words[i] + pad + 1.0  # slack: never break a word of the header
        widest = max((cells[i] for cells in measured), default=0.0) + pad
        if kind == "text":
            natural.append(min(max(widest, head), width))
            word = min(longest_words[i] + pad, READABLE_TEXT) if longest_words else 0.0
            minimum.append(min(max(head, 16 * mm, word), natural[-1]))
        else:
            fixed = min(max(widest, head), width * 0.4)
            natural.append(fixed)
            minimum.append(fixed)
    if title_lines:
        whole = [w if kind == "text" else max(w, min(line + pad + 1.0, width * 0.4))
                 for kind, w, line in zip(kinds, natural, title_lines)]
        if sum(whole) <= width:
            natural = whole
            minimum = [m if kind == "text" else w for kind, m, w in zip(kinds, minimum, whole)]
    text_cols = [i for i, k in enumerate(kinds) if k == "text"]
    fixed_total = sum(natural[i] for i in range(len(kinds)) if i not in text_cols)
    min_total = fixed_total + sum(minimum[i] for i in text_cols)
    if min_total > width:  # too many numbers for the paper: a smaller type, the padding kept
        pads = pad * len(kinds)
        scale = max(width - pads, 0.0) / max(min_total - pads, 1.0)
        new_size = max(MIN_FONT_SIZE, size * scale)
        widths = [(m - pad) * scale + pad for m in minimum]
        return widths, new_size, _readable(widths, [w * new_size / size for w in natural], text_cols, new_size)
    widths = list(natural)
    room = width - fixed_total
    if text_cols:
        share = _share(room, [natural[i] for i in text_cols], [minimum[i] for i in text_cols])
        for i, w in zip(text_cols, share):
            widths[i] = w
    else:
        total = sum(widths)
        widths = [w * width / total for w in widths]
    return widths, size, _readable(widths, natural, text_cols, size)


def _readable(widths: Sequence[float], natural: Sequence[float], text_cols: Sequence[int], size: float) -> bool:
    """The type not below READABLE_SIZE, the description (the text column with the longest
    text) its whole text wide or READABLE_TEXT at least."""
    described = max(text_cols, key=lambda i: natural[i], default=None)
    return size >= READABLE_SIZE - _SLACK and (
        described is None or widths[described] + _SLACK >= min(natural[described], READABLE_TEXT))


def _share(room: float, natural: list[float], minimum: list[float]) -> list[float]:
    """Split ``room`` among text columns: short columns get their natural width whole (so a
    code like "BKU/2026/0001" stays on one line), long ones share what is left, each at least
    its minimum. Any room left over is spread in proportion to natural width."""
    result = [0.0] * len(natural)
    pending = set(range(len(natural)))
    left = room
    while pending:
        fair = left / len(pending)
        settled = [i for i in pending if natural[i] <= fair]
        if not settled:
            break
        for i in settled:
            result[i] = natural[i]
            left -= natural[i]
            pending.discard(i)
    if pending:
        want = sum(natural[i] for i in pending)
        for i in pending:
            result[i] = left * natural[i] / want
        # keep every column at its minimum, taking the difference from the widest ones
        short = sum(max(0.0, minimum[i] - result[i]) for i in pending)
        if short:
            for i in pending:
                result[i] = max(result[i], minimum[i])
            donors = sorted(pending, key=lambda i: result[i] - minimum[i], reverse=True)
            for i in donors:
                take = min(short, result[i] - minimum[i])
                result[i] -= take
                short -= take
    else:
        total = sum(natural) or 1.0
        result = [w + left * w / total for w in natural]
    return result


_NO_HIDDEN: frozenset[int] = frozenset()


@cache
def font_widths(font: str):
    """The font's own width function, ``width(text, size)``: the one pdfmetrics.stringWidth
    calls after looking the font up by name (the fonts must be registered)."""
    return getFont(font).stringWidth


class _RowShaper:
    """Turns a row's texts into a :class:`RowPlan` for the table's columns and type size.
    Word widths are kept while the table is laid out: the same words come back row after row."""

    def __init__(self, kinds, edges, size, first_text):
        n = len(kinds)
        self.kinds, self.edges, self.size, self.first_text, self.n = kinds, edges, size, first_text, n
        self.paren = stringWidth(")", FONT, size)
        self.aligns = tuple("left" if k == "text" else "center" if k == "date" else "right" for k in kinds)
        self.lefts = tuple(edges[i] + PADDING for i in range(n))
        self.rights = tuple(edges[i + 1] - PADDING for i in range(n))
        self.money = tuple(k == "money" for k in kinds)
        self.words: dict[str, dict[str, float]] = {FONT: {}, FONT_BOLD: {}}
        self.broken: set[int] = set()  # text columns where a word was broken between letters

    def wrap(self, text: str, font: str, width: float) -> tuple[tuple[str, float], ...]:
        return wrap_text(text, font, self.size, width, self.words.setdefault(font, {}))

    def header(self, titles: Sequence[str]) -> RowPlan:
        cells = [Cell(self.lefts[i], self.rights[i], "center", FONT_BOLD,
                      self.wrap(title, FONT_BOLD, self.rights[i] - self.lefts[i]))
                 for i, title in enumerate(titles)]
        return RowPlan("header", max((len(c.lines) for c in cells), default=1), tuple(cells),
                       _NO_HIDDEN, -1)

    def row(self, texts: Sequence[str], style: str, indent: int, index: int,
            widths: Sequence[float] | None = None) -> RowPlan:
        """``texts`` cleaned (:func:`_clean`); ``widths`` their one-line widths, if known."""
        font = FONT if style in ("normal", "carry") else FONT_BOLD
        if style == "heading":
            filled = [i for i, t in enumerate(texts) if t]
            if len(filled) == 1 and filled[0] < self.n - 1:
                return self._section_title(texts[filled[0]], filled[0], font, indent, index)
        measure = None if widths is not None else font_widths(font)
        lefts, rights, aligns, money, paren = self.lefts, self.rights, self.aligns, self.money, self.paren
        cells, tallest = [], 1
        for i, text in enumerate(texts):
            if not text:
                continue
            left, right = lefts[i], rights[i]
            if indent and i == self.first_text:
                left += indent * INDENT_STEP
            if is_writing_line(text):
                dot = stringWidth(".", font, self.size)
                text = "." * max(3, int((right - left + _SLACK) // dot))
                cells.append(Cell(left, right, aligns[i], font, ((text, len(text) * dot),)))
                continue
            w = widths[i] if measure is None else measure(text, self.size)
            if w <= right - left + _SLACK and "\n" not in text:
                lines = ((text, w),)
                if money[i] and text[-1] != ")":
                    right -= paren  # digits of 1.250.000 under those of (1.250.000)
            else:  # wrapped, numbers too (only when they do not fit the cell)
                lines = self.wrap(text, font, right - left)
                tallest = max(tallest, len(lines))
                if aligns[i] == "left" and i not in self.broken and self._breaks(text, font, right - left):
                    self.broken.add(i)
            cells.append(Cell(left, right, aligns[i], font, lines))
        return RowPlan(style, tallest, tuple(cells), _NO_HIDDEN, index)

    def _breaks(self, text: str, font: str, width: float) -> bool:
        """A word of ``text`` is wider than ``width`` (its widths are known: it was just wrapped)."""
        known = self.words[font]
        return any(known[word] > width + _SLACK for word in text.split())

    def carried(self, text: str, label_col: int, value: str, value_col: int) -> RowPlan:
        """The carried balance: its words run from the first column to ``label_col`` (the
        columns before it are empty in this row), the value sits in ``value_col``."""
        span_to = label_col if label_col < value_col else 0
        left, right = self.lefts[0 if span_to else label_col], self.rights[label_col]
        label = Cell(left, right, "left", FONT, self.wrap(text, FONT, right - left))
        number = self.row(["" if i != value_col else value for i in range(self.n)], "carry", 0, -1)
        return RowPlan("carry", max(len(label.lines), number.lines), (label, *number.cells),
                       frozenset(range(1, span_to + 1)), -1)

    def _section_title(self, text: str, i: int, font: str, indent: int, index: int) -> RowPlan:
        """A heading with one filled cell runs to the table's right edge, unruled inside."""
        left = self.lefts[i] + (indent * INDENT_STEP if i == self.first_text else 0.0)
        right = self.rights[-1]
        lines = self.wrap(text, font, right - left)
        return RowPlan("heading", len(lines), (Cell(left, right, "left", font, lines),),
                       frozenset(range(i + 1, self.n)), index)


def wrap_text(text: str, font: str, size: float, width: float,
              words: dict[str, float] | None = None) -> tuple[tuple[str, float], ...]:
    """``text`` in lines no wider than ``width``: broken at spaces, a word too long for the
    width broken between letters, every newline kept; runs of spaces count as one.
    ``words`` keeps word widths at this font and size between calls."""
    out: list[tuple[str, float]] = []
    measure = font_widths(font)
    known = words if words is not None else {}
    space = measure(" ", size)
    limit = width + _SLACK
    for paragraph in text.split("\n"):
        line: list[str] = []
        run = 0.0
        for word in paragraph.split():
            w = known.get(word)
            if w is None:
                w = known[word] = measure(word, size)
            if line and run + space + w <= limit:
                line.append(word)
                run += space + w
                continue
            if line:
                out.append((" ".join(line), run))
            if w > limit:
                *whole, (word, w) = _break_word(word, font, size, width)
                out.extend(whole)
            line, run = [word], w
        out.append((" ".join(line), run))
    return tuple(out)


def _break_word(word: str, font: str, size: float, width: float) -> list[tuple[str, float]]:
    """A word too long for ``width`` in pieces that fit: cut after a hyphen where the piece has
    one ("BKK-2026-" / "49036"), else between any two letters."""
    measure = font_widths(font)
    out, start, run = [], 0, 0.0
    i = 0
    while i < len(word):
        w = measure(word[i], size)
        if run + w > width + _SLACK and i > start:
            hyphen = word.rfind("-", start, i)
            cut = hyphen + 1 if hyphen > start else i
            out.append((word[start:cut], measure(word[start:cut], size)))
            start, i, run = cut, cut, 0.0
            continue
        run += w
        i += 1
    if start < len(word):
        out.append((word[start:], measure(word[start:], size)))
    return out


def _carried(texts: Sequence[Sequence[str]], styles: Sequence[str], value_column: int) -> tuple[str, ...]:
    """Per row: the value a page break after it carries."""
    return tuple(cells[value_column] if style == "normal" and cells[value_column] else ""
                 for cells, style in zip(texts, styles))


def _name_cell(texts: Sequence[str], edges: Sequence[float]) -> int:
    """The cell of a heading that names its group: the filled one in the widest column (the words
    "Kebijakan akuntansi", not the number "3" in a narrow No. column)."""
    return max((i for i, t in enumerate(texts) if t), key=lambda i: (edges[i + 1] - edges[i], -i))


def _headings(texts: Sequence[Sequence[str]], rows: Sequence[TableRow]):
    """Per row, the index of the heading row it stands under (-1: none); and each heading
    row's texts and indent."""
    under, headings, current = [], {}, -1
    for i, (cells, row) in enumerate(zip(texts, rows)):
        if row.style == "heading":
            current = i
            headings[i] = (tuple(cells), row.indent)
        under.append(current)
    return tuple(under), headings


# --- cutting it into pages ------------------------------------------------------------------

def lead_rows(layout: TableLayout, part: Part) -> tuple[RowPlan, ...]:
    """What a continued ``part`` starts with under the header: the heading of the group that
    goes on (marked "(lanjutan)") and the carried balance, each when there is one."""
    r = part.start
    if not part.continued or r == 0 or r >= len(layout.rows):
        return ()
    key = (r, part.start_line > 0)
    if key not in layout.leads:
        carried = None if part.start_line else _carry_row(layout, r)
        heading = _continued_heading(layout, r, part.start_line)
        if heading is not None and carried is not None and layout.carry.names_section(layout.sections[r - 1]):
            heading = None  # "Saldo Kas pindahan ..." already says the group
        layout.leads[key] = tuple(row for row in (heading, carried) if row is not None)
    return layout.leads[key]


def carry_row(layout: TableLayout, part: Part) -> RowPlan | None:
    """The carried-balance row at the top of ``part``, or None."""
    return next((row for row in lead_rows(layout, part) if row.style == "carry"), None)


def _continued_heading(layout: TableLayout, r: int, start_line: int) -> RowPlan | None:
    """The heading row ``r`` stands under, again with "(lanjutan)", when the page breaks inside
    its group: before one of its rows or subtotal (not before the next heading, nor a total)."""
    if not layout.continued_heading or not layout.under:
        return None
    h = layout.under[r]
    style = layout.rows[r].style
    if h < 0 or (h == r and not start_line) or style == "total":
        return None
    texts, indent = layout.headings[h]
    if not any(texts):
        return None
    filled = _name_cell(texts, layout.edges)
    cells = list(texts)
    cells[filled] = _clean(layout.continued_heading.format(heading=texts[filled]))
    return layout.shaper.row(cells, "heading", indent, -1)


def _carry_row(layout: TableLayout, r: int) -> RowPlan | None:
    carry = layout.carry
    value = layout.carried[r - 1] if r <= len(layout.carried) else ""
    if not value or layout.rows[r].style not in ("normal", "subtotal"):
        return None
    section = layout.sections[r - 1]
    text = carry.section_text.format(section=section) if section and carry.section_text else carry.text
    value_col, label_col = layout.carry_columns
    return layout.shaper.carried(_clean(text), label_col, value, value_col)


def _lead_height(layout: TableLayout, part: Part) -> float:
    """The header, repeated heading and carried row on top of ``part``."""
    height = 0.0
    if layout.header is not None and (not part.continued or layout.repeat_header):
        height += layout.row_height(layout.header.lines)
    for row in lead_rows(layout, part):
        height += layout.row_height(row.lines)
    return height


def _body_height(layout: TableLayout, start: int, start_line: int, end: int, end_line: int) -> float:
    height = layout.tops[end] - layout.tops[start] - start_line * layout.leading
    if end_line:
        height += layout.row_height(end_line)
    return height


def part_height(layout: TableLayout, part: Part) -> float:
    return _lead_height(layout, part) + _body_height(layout, *part[:4])


def split_part(layout: TableLayout, part: Part, height: float) -> tuple[Part, Part] | None:
    """``part`` cut so that its first piece fits ``height``; None if not even its first row
    fits (a row of ``2 * SPLIT_MIN_LINES`` lines or more may be cut between its lines)."""
    room = height - _lead_height(layout, part) + _SLACK
    start, line = part.start, part.start_line
    base = layout.tops[start] + line * layout.leading
    # whole rows that fit: the last k with tops[k] - base <= room
    k = bisect_right(layout.tops, base + room, lo=start + 1, hi=part.end + 1) - 1
    cut_row, cut_line = k, 0
    if k < part.end or part.end_line:
        first = line if k == start else 0
        left = room - (layout.tops[k] - base if k > start else 0.0)
        fit = int((left - TOP_PADDING - BOTTOM_PADDING) // layout.leading) if left > 0 else 0
        total = layout.rows[k].lines if k < part.end else part.end_line
        fit = min(fit, total - first - SPLIT_MIN_LINES)  # leave enough for the next page
        if fit >= SPLIT_MIN_LINES:
            cut_line = first + fit  # a tall row: the lines that fit stay here
    while cut_line == 0 and cut_row - 1 >= start and layout.rows[cut_row - 1].style == "heading":
        cut_row -= 1  # a heading goes over with the first row under it
    if cut_row == start and cut_line <= line:
        return None
    if (cut_row, cut_line) >= (part.end, part.end_line):
        return None  # it fits whole: nothing to split
    return (Part(start, line, cut_row, cut_line, part.continued),
            Part(cut_row, cut_line, part.end, part.end_line, True))


def part_rows(layout: TableLayout, part: Part) -> list[tuple[RowPlan, int, int]]:
    """What ``part`` draws, top to bottom: (row, first line, line after the last)."""
    out: list[tuple[RowPlan, int, int]] = []
    if layout.header is not None and (not part.continued or layout.repeat_header):
        out.append((layout.header, 0, layout.header.lines))
    out += [(row, 0, row.lines) for row in lead_rows(layout, part)]
    rows = layout.rows
    for r in range(part.start, part.end):
        out.append((rows[r], part.start_line if r == part.start else 0, rows[r].lines))
    if part.end_line:
        out.append((rows[part.end], part.start_line if part.end == part.start else 0, part.end_line))
    return out


def page_plan(layout: TableLayout, first_height: float, page_height: float) -> list[Part]:
    """The parts of the table on successive pages: ``first_height`` is left for it on the first
    page, ``page_height`` on every later one (as the frame will cut it when it is drawn)."""
    parts, part, room = [], layout.whole(), first_height
    while part_height(layout, part) > room + _SLACK:
        cut = split_part(layout, part, room)
        if cut is None:
            if room == page_height:
                raise ValueError("a table row does not fit on a page")
            room = page_height  # nothing fits in what is left: the table starts on the next page
            continue
        parts.append(cut[0])
        part, room = cut[1], page_height
    parts.append(part)
    return parts
