"""One rounding rule for every percentage (issue 19.7): one decimal, a half away from zero."""
from decimal import Decimal
from fractions import Fraction

import pytest

from kws_desktop.core.percent import percent_text, ratio_points, round_points, share_points


@pytest.mark.parametrize("points, text", [
    (0, "0%"), (100, "100%"), ("0.05", "0,1%"), ("-0.05", "-0,1%"), ("99.95", "100%"),
    ("99.94", "99,9%"), ("0.04", "0%"), ("-0.04", "0%"), ("12.25", "12,3%"), ("12.35", "12,4%"),
    ("-12.25", "-12,3%"), (Decimal("12.5"), "12,5%"), ("1250", "1.250%"), (0.05, "0,1%"),
    (99.95, "100%"), (-0.05, "-0,1%"), (Fraction(1, 3) * 100, "33,3%"), (Fraction(2, 3) * 100, "66,7%"),
])
def test_points_are_written_with_one_decimal_half_away_from_zero(points, text):
    assert percent_text(points) == text


def test_english_marks():
    assert percent_text("1250.25", decimal_mark=".", group_mark=",") == "1,250.3%"


@pytest.mark.parametrize("points, text", [
    (21, "21,0%"), ("21.3", "21,3%"), (100, "100,0%"), ("12.25", "12,3%"), ("-0.04", "0,0%"),
    ("0.04", "0,0%"), (0, "0,0%"), ("-0.05", "-0,1%"), ("99.95", "100,0%"), (1250, "1.250,0%"),
    (Fraction(1, 3) * 100, "33,3%"), (0.05, "0,1%"),
])
def test_a_table_column_keeps_one_decimal_in_every_row(points, text):
    assert percent_text(points, fixed=True) == text


def test_a_table_column_in_english():
    assert percent_text(21, fixed=True, decimal_mark=".", group_mark=",") == "21.0%"
    assert percent_text(1250, fixed=True, decimal_mark=".", group_mark=",") == "1,250.0%"


def test_a_figure_alone_and_the_same_figure_in_a_column():
    """The same rounding either way: only the written ",0" differs."""
    for points in ("20.96", "21", "21.04", "-0.04", "99.95"):
        alone, column = percent_text(points), percent_text(points, fixed=True)
        assert column == alone if "," in alone else column == alone[:-1] + ",0%"


def test_i18n_passes_the_language_marks_and_the_form():
    from kws_desktop.i18n import format_percent, format_ratio, set_language
    assert format_ratio(Decimal("0.21"), fixed=True) == "21,0%" and format_ratio(Decimal("0.21")) == "21%"
    set_language("en")
    try:
        assert format_percent(21, fixed=True) == "21.0%" and format_percent(21) == "21%"
        assert format_ratio(Decimal("12.5"), fixed=True) == "1,250.0%"
    finally:
        set_language("id")


def test_rounded_points_as_decimals():
    assert round_points("0.05") == Decimal("0.1") and round_points("-0.05") == Decimal("-0.1")
    assert round_points("99.95") == Decimal("100.0") and round_points(0) == 0
    assert ratio_points("0.0005") == Decimal("0.1") and ratio_points(0.9995) == Decimal("100.0")
    assert ratio_points(Decimal(1)) == Decimal("100.0")


def test_a_share_is_rounded_once_from_the_exact_figures():
    # 12.345% exactly: a ratio rounded to four places first (0.1235) would print 12,4%
    assert share_points(12345, 100000) == Decimal("12.3")
    assert share_points(1, 8) == Decimal("12.5") and share_points(1, 3) == Decimal("33.3")
    assert share_points(-1, 2000) == Decimal("-0.1") and share_points(5, 0) is None


def test_every_shown_percentage_goes_through_the_one_rule():
    """No module writes its own "…%": the window, the papers and the files call
    kws_desktop.i18n.format_percent / format_ratio (core/percent.py), or documents/table.py's
    "percent" column kind, which does. The only "{x}%" left are the profit-sharing rule's own
    percentages, printed exactly as the treasurer typed them (33,33% must not read 33,3% in
    "the shares must add up to 100%")."""
    import re
    from pathlib import Path
    typed_rule = {"services/people/profit_sharing.py"}
    own_rounding = re.compile(r"\{[a-z_]*\}%|round\(100|\* ?100\)\.quantize|:\.[0-9]f\}%|format_percent\(Decimal")
    package = Path(__file__).resolve().parents[2] / "kws_desktop"
    found = []
    for path in package.rglob("*.py"):
        name = path.relative_to(package).as_posix()
        if name in typed_rule or name.startswith("services/training/demo/"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if own_rounding.search(line) and "like(" not in line:
                found.append(f"{name}:{n}: {line.strip()}")
    assert found == []


def test_the_paper_the_window_and_the_files_say_the_same_percentage(tmp_path):
    """12,25% was 12,2% in a report table (babel, half to even) and 12,3% in the performance
    summary (half up); now it is 12,3% everywhere, and the CSV holds the ratio printed."""
    from kws_desktop.documents.sheets import write_csv
    from kws_desktop.documents.table import format_cell
    from kws_desktop.documents.tabular import Column, Row, TabularReport
    from kws_desktop.i18n import format_ratio
    ratio = Decimal("0.1225")
    assert format_cell("percent", ratio) == format_ratio(ratio) == "12,3%"
    report = TabularReport(title="t", columns=[Column("p", "Persen", "percent")], rows=[Row({"p": ratio})])
    assert write_csv(report, tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()[1] == "0.123"


def test_a_percent_column_lines_up_in_the_table_and_in_the_csv(tmp_path):
    """21% above 21,3% reads as rounded differently: a column writes every figure with one
    decimal (21,0%), and its CSV every ratio with three places (0.210)."""
    from kws_desktop.documents.sheets import write_csv
    from kws_desktop.documents.table import format_cell
    from kws_desktop.documents.tabular import Column, Row, TabularReport
    ratios = [Decimal("0.21"), Decimal("0.2125"), Decimal(1), Decimal("-0.0004")]
    assert [format_cell("percent", r) for r in ratios] == ["21,0%", "21,3%", "100,0%", "0,0%"]
    report = TabularReport(title="t", columns=[Column("p", "Persen", "percent")],
                           rows=[Row({"p": r}) for r in ratios])
    lines = write_csv(report, tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[1:] == ["0.210", "0.213", "1.000", "0.000"]
