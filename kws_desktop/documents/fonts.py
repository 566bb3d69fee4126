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

_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


class FontMissingError(FileNotFoundError):
    """A shipped font file is missing: the installation is broken."""


def register_fonts() -> str:
    """Register the document font family with reportlab (once) and return its name.

    After this, ``FONT``/``FONT_BOLD``/``FONT_ITALIC``/``FONT_BOLD_ITALIC`` can be used as
    font names, and ``<b>``/``<i>`` in Paragraph markup pick the right face.
    Raises :class:`FontMissingError` if a font file is not found in resources/fonts.
    """
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if _registered:
            return FAMILY
        for name, filename in _FILES.items():
            path = resource("fonts", filename)
            if not path.is_file():
                raise FontMissingError(_("Berkas huruf tidak ditemukan: {path}").format(path=path))
            pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(
            FAMILY, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )
        addMapping(FAMILY, 0, 0, FONT)
        addMapping(FAMILY, 1, 0, FONT_BOLD)
        addMapping(FAMILY, 0, 1, FONT_ITALIC)
        addMapping(FAMILY, 1, 1, FONT_BOLD_ITALIC)
        _registered = True
    return FAMILY
