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


def pdf_fonts(path: Path) -> set[tuple[str, bool]]:
    """Every font the PDF's pages (and the forms they draw) name, as (base font name without
    the subset tag, embedded): read from the PDF objects with pypdf, no poppler needed."""
    reader = PdfReader(str(path))
    found: set[tuple[str, bool]] = set()
    seen: set[int] = set()

    def embedded(font) -> bool:
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            return all(embedded(d.get_object()) for d in font["/DescendantFonts"])
        descriptor = descriptor.get_object() if descriptor is not None else {}
        return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))

    def walk(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        if id(resources) in seen:
            return
        seen.add(id(resources))
        fonts = resources.get("/Font")
        for ref in (fonts.get_object().values() if fonts is not None else ()):
            font = ref.get_object()
            name = str(font.get("/BaseFont", "?")).lstrip("/")
            found.add((name.split("+", 1)[-1], embedded(font)))
        xobjects = resources.get("/XObject")
        for ref in (xobjects.get_object().values() if xobjects is not None else ()):
            walk(ref.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found
