"""Many short strings drawn in one PDF text object, quickly.

reportlab's ``textOut`` measures every string again and maps it to the embedded font's subset
one character at a time in Python; for a table of thousands of rows that was most of the drawing
time. :class:`TextRun` writes the same operators (``Tf``, ``Tm``, ``Tj``) and encodes a string
whose characters the document has already met with one ``str.translate``; any other string goes
through the font's own ``splitString`` (which also records its new characters for the subset),
so the bytes are always those reportlab itself would write.
"""
from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

try:
    from _rl_accel import escapePDF, fp_str
except ImportError:  # reportlab without its C accelerators
    from reportlab.lib.rl_accel import escapePDF, fp_str


class _FontCodes:
    """One TrueType font's characters in this document's first subset: char code -> byte."""

    def __init__(self, font, doc):
        self.font, self.doc = font, doc
        self.table: dict[int, str] = {}
        self.known: set[str] = set()

    def encode(self, text: str) -> list[tuple[int, bytes]]:
        """``text`` as (subset, bytes) pieces, exactly as ``font.splitString`` gives them."""
        if self.known.issuperset(text):
            return [(0, text.translate(self.table).encode("latin-1"))]
        pieces = self.font.splitString(text, self.doc)
        assignments = self.font.state[self.doc].assignments
        for ch in set(text):
            n = assignments.get(ord(ch))
            if n is not None and n < 256 and ch != "\xa0":
                self.table[ord(ch)] = chr(n)
                self.known.add(ch)
        return pieces


class TextRun:
    """Strings placed one by one on ``canvas``, written as one text object by :meth:`finish`.

    Only embedded TrueType fonts (the documents' DejaVu faces) are accepted."""

    def __init__(self, canvas: Canvas):
        self.canvas = canvas
        self.ops: list[str] = []
        self._fonts: dict[str, _FontCodes] = {}
        self._font: _FontCodes | None = None
        self._size_op = ""
        self._subset: tuple[_FontCodes, int] | None = None

    def set_font(self, name: str, size: float, leading: float) -> None:
        codes = self._fonts.get(name)
        if codes is None:
            font = getFont(name)
            if not getattr(font, "_dynamicFont", False):
                raise ValueError(f"{name} is not an embedded TrueType font")
            codes = self._fonts[name] = _FontCodes(font, self.canvas._doc)
        self._font = codes
        self._size_op = f"{fp_str(size)} Tf {fp_str(leading)} TL"
        self._subset = None

    def draw(self, x: float, y: float, text: str) -> None:
        """``text`` with its baseline starting at (x, y)."""
        if not text:
            return
        ops, codes = self.ops, self._font
        ops.append(f"1 0 0 1 {fp_str(x, y)} Tm")
        for subset, data in codes.encode(text):
            if self._subset != (codes, subset):
                ops.append(f"{codes.font.getSubsetInternalName(subset, codes.doc)} {self._size_op}")
                self._subset = (codes, subset)
            ops.append(f"({escapePDF(data)}) Tj")

    def finish(self) -> None:
        """Write what was drawn into the page (nothing if nothing was)."""
        if self.ops:
            self.canvas.addLiteral("BT " + " ".join(self.ops) + " ET")
        self.ops = []
        self._subset = None
