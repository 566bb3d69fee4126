"""A document on its way to paper, as the services hand it to the print preview.

The preview writes the PDF with `write(path)`, which counts nothing; each real print or saved PDF
then calls `printed()` once. That is where a document that counts its prints (the kuitansi: the
first print is the original, every later one says SALINAN) keeps its rule, so no window has to.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def _nothing() -> None:
    """Most documents do not count their prints."""


@dataclass(frozen=True)
class PrintJob:
    kind: str                                # what the paper is: "kuitansi", "tagihan", ...
    title: str                               # the preview's title, in the user's language
    file_name: str                           # suggested name when saved as PDF
    write: Callable[[str | Path], object]    # writes the PDF to the path; counts nothing
    printed: Callable[[], None] = _nothing   # one real print or saved PDF happened
    counts_prints: bool = False              # later prints come out different (SALINAN)
