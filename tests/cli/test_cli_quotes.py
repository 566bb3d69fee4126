import json

from pypdf import PdfReader

from kws_desktop.cli import main


def test_list_customers_json(demo_path, capsys):
    assert main(["list", "customers", str(demo_path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    households = [r for r in rows if r["kind"] == "household"]
    assert len(households) >= 78  # max(40, 60 x 1.3)
    assert {"name", "desa", "kecamatan", "gender", "is_mbr", "household_size"} <= set(rows[0])
    assert len({r["kecamatan"] for r in households}) >= 4 and len({r["desa"] for r in households}) >= 10
    assert {r["gender"] for r in households} == {"L", "P"} and {r["is_mbr"] for r in households} == {True, False}
    assert any(r["name"].startswith("BAZNAS") and r["kind"] == "institution" for r in rows)


def test_list_quotes_json_and_print_one(demo_path, tmp_path, capsys):
    assert main(["list", "quotes", str(demo_path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"draft", "sent", "rejected", "expired", "superseded"} <= {r["status"] for r in rows}
    row = rows[0]
    assert isinstance(row["total"], int) and row["number"].startswith("SPH-") and len(row["date"]) == 10
    out = tmp_path / "sph.pdf"
    assert main(["quote", str(demo_path), row["number"].lower(), "--out", str(out), "--paper", "F4"]) == 0
    assert row["number"] in PdfReader(str(out)).pages[0].extract_text()
    assert main(["quote", str(demo_path), row["number"], "--out", str(tmp_path / "s.pdf"), "--summary"]) == 0


def test_quote_unknown_number_and_bad_folder(demo_path, tmp_path, capsys):
    assert main(["quote", str(demo_path), "SPH-1999-0001", "--out", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "SPH-1999-0001 tidak ada di buku ini" in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()
    assert main(["quote", str(demo_path), "SPH-2026-0001", "--out", str(tmp_path / "no" / "x.pdf")]) == 1
    assert "tidak ada" in capsys.readouterr().err
