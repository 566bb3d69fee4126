"""The one Unicode font family every PDF uses (DejaVu Sans, shipped in resources/fonts).

Call :func:`register_fonts` before using the names below; the style helpers in
:mod:`kws_desktop.documents.styles` and :func:`kws_desktop.documents.pdf.build_pdf` do it for
you. Registration happens once per process and is thread safe.
"""
from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kws_desktop.i18n import _
from kws_desktop.paths import resource

FAMILY = "KwsSans"
FONT = "KwsSans"
FONT_BOLD = "KwsSans-Bold"
FONT_ITALIC = "KwsSans-Italic"
FONT_BOLD_ITALIC = "KwsSans-BoldItalic"

_UPRIGHT = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
_SLANTED = {FONT_ITALIC: "DejaVuSans-Oblique.ttf", FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf"}

_lock = threading.Lock()
_registered: set[str] = set()


def document_face(name: str) -> str:
    """The shipped face to draw ``name`` with: our own faces as they are, any other (reportlab
    falls back to Helvetica, e.g. in a table cell without a FONTNAME) as the DejaVu face of the
    same weight, so a PDF never lists a font it does not embed."""
    if name in _UPRIGHT or name in _SLANTED:
        return name
    bold = "bold" in name.lower()
    slanted = "oblique" in name.lower() or "italic" in name.lower()
    if slanted and _SLANTED.keys() <= _registered:
        return FONT_BOLD_ITALIC if bold else FONT_ITALIC
    return FONT_BOLD if bold else FONT


class FontMissingError(FileNotFoundError):
    """A shipped font file is missing: the installation is broken."""


def register_fonts(*, italic: bool = False) -> str:
    """Register the document font family with reportlab (once) and return its name.

    After this, ``FONT``/``FONT_BOLD`` can be used as font names, and ``<b>`` in Paragraph
    markup picks the bold face. Reading a face costs about as much as writing a kuitansi, so
    the slanted faces are read only for documents that ask (``italic=True``); until then
    ``<i>`` prints upright rather than failing.
    Raises :class:`FontMissingError` if a font file is not found in resources/fonts.
    """
    wanted = {**_UPRIGHT, **(_SLANTED if italic else {})}
    if wanted.keys() <= _registered:
        return FAMILY
    with _lock:
        for name, filename in wanted.items():
            if name in _registered:
                continue
            path = resource("fonts", filename)
            if not path.is_file():
                raise FontMissingError(_("Berkas huruf tidak ditemukan: {path}").format(path=path))
            pdfmetrics.registerFont(TTFont(name, str(path)))
            _registered.add(name)
        slanted = _SLANTED.keys() <= _registered
        normal_i, bold_i = (FONT_ITALIC, FONT_BOLD_ITALIC) if slanted else (FONT, FONT_BOLD)
        pdfmetrics.registerFontFamily(FAMILY, normal=FONT, bold=FONT_BOLD, italic=normal_i,
                                      boldItalic=bold_i)
        addMapping(FAMILY, 0, 0, FONT)
        addMapping(FAMILY, 1, 0, FONT_BOLD)
        addMapping(FAMILY, 0, 1, normal_i)
        addMapping(FAMILY, 1, 1, bold_i)
    return FAMILY
