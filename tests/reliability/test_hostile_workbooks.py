"""Hostile workbooks (issue 22) through `kws-desktop import BOOK FILE.xlsx` and the import
service: each is refused with its own Indonesian sentence, exit 1, the book unchanged, no
"unexpected error", and memory stays bounded (nothing huge is ever parsed)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import hostile_workbooks  # noqa: E402

from kws_desktop.cli import main  # noqa: E402
from kws_desktop.errors import UserError  # noqa: E402
from kws_desktop.services.exchange import spreadsheet_import  # noqa: E402

UNEXPECTED = "tidak terduga"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-xlsx")
    base = hostile_workbooks.template(folder)
    made = {}

    def get(case: str) -> Path:
        if case not in made:
            made[case] = hostile_workbooks.CASES[case][0](base, folder / f"{case}.xlsx")
        return made[case]
    return get


@pytest.fixture(scope="module")
def book_path(tmp_path_factory):
    from kws_desktop.services.people import members
    from kws_desktop.services.book.books import create_book
    path = tmp_path_factory.mktemp("hostile-book") / "buku.kws"
    book = create_book(path, durable=False)
    import datetime as dt
    members.register_member(book, members.MemberInput(name="Bu Ani", gender="P", joined_on=dt.date(2025, 1, 2)))
    book.close(backup=False)
    return path


def _members(path: Path, capsys) -> list:
    assert main(["list", "members", str(path), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("case", sorted(hostile_workbooks.CASES))
def test_cli_import_refuses_each_hostile_workbook(files, book_path, capsys, case):
    words = hostile_workbooks.CASES[case][1]
    before = _members(book_path, capsys)
    assert main(["import", str(book_path), str(files(case))]) == 1
    err = capsys.readouterr().err
    assert words in err, err
    assert UNEXPECTED not in err and "Traceback" not in err
    assert _members(book_path, capsys) == before


@pytest.mark.parametrize("case", sorted(hostile_workbooks.CASES))
def test_import_service_refuses_into_a_new_book_and_leaves_nothing(files, tmp_path, case):
    target = tmp_path / "baru.kws"
    with pytest.raises(UserError) as info:
        spreadsheet_import.import_into(target, files(case))
    assert hostile_workbooks.CASES[case][1] in info.value.message
    assert not any(tmp_path.iterdir()), "a refused import into a new book left files behind"


def test_openpyxl_parses_with_defusedxml():
    import openpyxl
    from openpyxl.xml import functions
    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")


def test_openpyxl_itself_refuses_entities_once_the_guard_is_passed(files, tmp_path):
    """Defence in depth: even past the guard, openpyxl (with defusedxml) refuses the entity."""
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook
    with pytest.raises(ValueError) as info:  # openpyxl wraps it in its own ValueError
        load_workbook(files("billion_laughs"), read_only=True, data_only=True)
    assert isinstance(info.value.__cause__, DefusedXmlException)


def test_formula_cells_with_a_saved_result_are_read(tmp_path):
    """A formula that Excel saved with its result is imported as that result (not refused)."""
    base = hostile_workbooks.template(tmp_path)
    row = hostile_workbooks.member_row(capital='<c r="H2"><f>SUM(50000,50000)</f><v>100000</v></c>')
    path = hostile_workbooks.rewrite(base, tmp_path / "ok.xlsx", {hostile_workbooks.SHEET: hostile_workbooks.sheet_xml(row)})
    problems: list = []
    rows = spreadsheet_import.read_workbook(path, problems)
    assert problems == [] and rows["members"][0].values["capital"] == 100000


def test_control_characters_do_not_fill_a_required_cell(tmp_path):
    """A name of only control characters (written as _x0000_ escapes) is an empty name."""
    base = hostile_workbooks.template(tmp_path)
    row = hostile_workbooks.member_row(name='<c r="A2" t="inlineStr"><is><t>_x0000__x0007_</t></is></c>')
    path = hostile_workbooks.rewrite(base, tmp_path / "nul-name.xlsx", {hostile_workbooks.SHEET: hostile_workbooks.sheet_xml(row)})
    target = tmp_path / "b.kws"
    with pytest.raises(UserError, match="Anggota, baris 2, kolom Nama: wajib diisi"):
        spreadsheet_import.import_into(target, path)


# The child's own peak: VmHWM (reset by exec); getrusage's ru_maxrss on Linux keeps the
# high-water mark of the forked parent (pytest, often near 300 MB itself).
PEAK = """
import re, resource, sys
from kws_desktop.cli import main
code = main(["import", sys.argv[1], sys.argv[2]])
try:
    peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)) // 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(code, peak)
"""


@pytest.mark.parametrize("case", ["two_gb_string", "zip_bomb", "billion_laughs", "long_cell", "lying_zip_bomb"])
def test_memory_stays_bounded(files, tmp_path, case):
    """The finding: a 2 MB file holding a 2 GB string took 2.1 GB. Now the peak RSS of the
    whole command stays under 300 MB."""
    done = subprocess.run([sys.executable, "-c", PEAK, str(tmp_path / "b.kws"), str(files(case))],
                          capture_output=True, text=True, timeout=300)
    code, peak_mb = map(int, done.stdout.split())
    assert code == 1, done.stderr
    assert hostile_workbooks.CASES[case][1] in done.stderr
    assert peak_mb < 300, f"{case}: peak {peak_mb} MB"
