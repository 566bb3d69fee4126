"""Helpers for reading back generated documents."""
from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    """All text pypdf can extract from the PDF, pages joined by form feeds."""
    reader = PdfReader(str(path))
    return "\f".join(page.extract_text() or "" for page in reader.pages)


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def png_logo() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (30, 120, 200)).save(buf, "PNG")
    return buf.getvalue()
