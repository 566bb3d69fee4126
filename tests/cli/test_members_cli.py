import csv
import datetime as dt
import json

from kws_desktop.cli import main
from kws_desktop.services.people import members
from kws_desktop.services.people import wages
from kws_desktop.services.book.books import create_book
from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.services.book.ledger import post_entry


def _book(tmp_path):
    path = tmp_path / "kws.kws"
    b = create_book(path)
    try:
        a = members.register_member(b, members.MemberInput("Siti Aminah", "P", "ketua", joined_on=dt.date(2026, 1, 2)))
        u = members.register_member(b, members.MemberInput("Budi", "L", "tukang", joined_on=dt.date(2026, 1, 2)))
        with b.transaction() as s:
            post_entry(s, date=dt.date(2026, 2, 1), description="upah", postings=[
                debit(A.COST_LABOUR, 900_000), credit(A.WAGES_PAYABLE, 600_000, party_kind="member", party_id=u.id),
                credit(A.WAGES_PAYABLE, 300_000, party_kind="member", party_id=a.id)],
                source_type="test_wages", source_id=None, actor="t")
        wages.pay_members(b, date=dt.date(2026, 2, 20), lines=[wages.PayLine(u.id, wages=400_000)])
        members.member_leaves(b, u.id, dt.date(2026, 3, 1))
    finally:
        b.close(backup=False)
    return path


def test_list_members_json(tmp_path, capsys):
    path = _book(tmp_path)
    assert main(["list", "members", str(path), "--format", "json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["Siti Aminah"]["gender"] == "P" and rows["Siti Aminah"]["role"] == "ketua"
    assert rows["Siti Aminah"]["wages_owed"] == 300_000 and rows["Siti Aminah"]["active"] is True
    assert rows["Budi"]["wages_owed"] == 200_000 and rows["Budi"]["left_on"] == "2026-03-01"
    assert rows["Budi"]["active"] is False


def test_report_member_income_all_formats(tmp_path, capsys):
    path = _book(tmp_path)
    for fmt in ("pdf", "xlsx", "csv"):
        out = tmp_path / f"mi.{fmt}"
        code = main(["report", "member-income", str(path), "--from", "2026-01-01", "--to", "2026-12-31",
                     "--out", str(out), "--format", fmt])
        assert code == 0, capsys.readouterr().err
        assert out.stat().st_size > 0
    with open(tmp_path / "mi.csv", encoding="utf-8-sig") as fh:
        text = fh.read()
    assert "Jumlah perempuan" in text and "Jumlah laki-laki" in text
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    total = next(r for r in rows if r and r[0] == "Jumlah seluruhnya")
    assert "900000" in total
