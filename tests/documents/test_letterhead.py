"""The letterhead's address: on one line when it fits, else two balanced lines."""
from __future__ import annotations

import pytest

from kws_desktop.core.profile import KwsProfile
from kws_desktop.documents.fonts import register_fonts
from kws_desktop.documents.letterhead import letterhead
from kws_desktop.documents.pdf import content_width

register_fonts()
PROFILE = KwsProfile(name="KWS Tirta Sehat Mandiri", address="Jl. Raya Serang Km. 24 No. 7, RT 003/RW 002",
                     desa="Sentul Jaya", kecamatan="Balaraja", kabupaten="Kabupaten Tangerang",
                     provinsi="Banten", phone="0812-8765-4321", email="kws.tirtasehat@example.id")


def _address_lines(paper: str) -> list[str]:
    width = content_width(paper)
    head = letterhead(PROFILE, width, compact=paper == "A5")[0]
    texts = head._cellvalues[0][0]
    address = texts[1]
    address.wrap(width, 500)
    return [" ".join(w.text if hasattr(w, "text") else w for w in line.words) if hasattr(line, "words")
            else " ".join(line[1]) for line in address.blPara.lines]


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_the_address_does_not_leave_one_word_alone_on_a_second_line(paper):
    """On A5 the address wrapped with "Banten" alone under it."""
    lines = _address_lines(paper)
    if len(lines) == 1:
        return
    assert len(lines) == 2
    short, long_ = sorted(lines, key=len)
    assert len(short) >= len(long_) / 3, lines
