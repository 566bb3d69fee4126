"""The Laporan Kinerja's bar charts: category names under the bars never run into each other."""
from __future__ import annotations

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from kws_desktop.documents.fonts import register_fonts
from kws_desktop.documents.pdf import content_width
from kws_desktop.documents.performance import BarChartData, bar_chart

register_fonts()
TOPICS = ["Teknis", "Manajemen", "Pembukuan", "Produk", "Gender"]


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_category_names_of_a_half_width_chart_do_not_overlap(paper):
    """"Manajemen" and "Pembukuan" ran together ("ManajemenPembukuan") on the A4 report."""
    data = BarChartData("Anggota dilatih per topik", TOPICS,
                        (("Perempuan", [4, 2, 4, 3, 6]), ("Laki-laki", [4, 0, 0, 1, 5])))
    drawing = bar_chart(data, (content_width(paper) - 6 * mm) / 2)
    chart = next(c for c in drawing.contents if hasattr(c, "categoryAxis"))
    labels = chart.categoryAxis.labels
    if labels.angle:
        return  # slanted names stand clear of each other
    slot = chart.width / len(TOPICS)
    for name in chart.categoryAxis.categoryNames:
        for line in name.split("\n"):
            assert stringWidth(line, labels.fontName, labels.fontSize) <= slot - 2, (name, labels.fontSize)
    assert labels.fontSize >= 5.5


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_a_tile_value_keeps_one_line(paper):
    """"Rp379.621.435" broke into "Rp379.621.4" and "35" in its tile on A5."""
    from kws_desktop.documents.performance import tiles_table
    tiles = [("Unit diserahterimakan", "59", "selesai dibangun: 59"),
             ("Pendapatan", "Rp379.621.435", "margin kotor 16,3%"),
             ("Selesai tepat waktu", "100%", "59 dari 59 unit")]
    width = content_width(paper)
    table = tiles_table(tiles, width)
    table.wrap(width, 500)
    for label, value, sub in table._cellvalues[0]:
        inner = width / 3 - 4 * mm - 1
        value.wrap(inner, 500)
        assert len(value.blPara.lines) == 1, value.text
        assert value.style.fontSize >= 9


def test_slanted_category_names_stay_above_the_legend():
    """On A5 the slanted "Pembukuan" reached down into the legend "Perempuan"."""
    data = BarChartData("Anggota dilatih per topik", TOPICS,
                        (("Perempuan", [4, 2, 4, 3, 6]), ("Laki-laki", [4, 0, 0, 1, 5])))
    drawing = bar_chart(data, (content_width("A5") - 6 * mm) / 2)
    chart = next(c for c in drawing.contents if hasattr(c, "categoryAxis"))
    legend = next(c for c in drawing.contents if hasattr(c, "colorNamePairs"))
    labels = chart.categoryAxis.labels
    assert labels.angle == 45
    widest = max(stringWidth(name, labels.fontName, labels.fontSize) for name in TOPICS)
    lowest = chart.y + labels.dy - widest * 0.7072  # the end of the longest name, 45 degrees down
    assert lowest > legend.y + legend.dy + 1
