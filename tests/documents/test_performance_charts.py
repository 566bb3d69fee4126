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
