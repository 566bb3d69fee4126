"""The command line on the demo book: demo, check, backup, list accounts, bad input."""
import json
import sqlite3
import subprocess
import sys


from kws_desktop.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "kws_desktop", *args], capture_output=True, text=True)


def test_check_demo_ok(demo_path, capsys):
    assert main(["check", str(demo_path)]) == 0
    assert "utuh" in capsys.readouterr().out


def test_check_reports_problem_exit_1(demo_path, capsys):
    con = sqlite3.connect(demo_path)
    con.execute("drop trigger journal_lines_no_update")
    con.execute("update journal_lines set amount = amount + 1 where id = (select min(id) from journal_lines)")
    con.commit()
    con.close()
    assert main(["check", str(demo_path)]) == 1
    assert "tidak seimbang" in capsys.readouterr().out


def test_list_accounts_json(demo_path, capsys):
    assert main(["list", "accounts", str(demo_path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    cash = next(r for r in rows if r["code"] == "1-1100")
    assert isinstance(cash["balance"], int)


def test_backup_verified(demo_path, tmp_path, capsys):
    out = tmp_path / "copy.kws"
    assert main(["backup", str(demo_path), str(out)]) == 0
    assert main(["check", str(out)]) == 0


def test_not_a_book_is_one_sentence_exit_1(tmp_path):
    bad = tmp_path / "bad.kws"
    bad.write_bytes(b"garbage" * 100)
    r = run("check", str(bad))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and "bukan buku" in r.stderr
    assert bad.read_bytes() == b"garbage" * 100


def test_english_messages(tmp_path):
    r = run("--lang", "en", "check", str(tmp_path / "missing.kws"))
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_usage_exit_2():
    r = run("list")
    assert r.returncode == 2


def test_version():
    r = run("--version")
    assert r.returncode == 0 and "kws-desktop" in r.stdout


def test_demo_deterministic(tmp_path):
    from kws_desktop.services.training.demo import build_demo
    import datetime as dt
    a, b = tmp_path / "a.kws", tmp_path / "b.kws"
    build_demo(a, seed=3, orders=10, years=1, today=dt.date(2026, 11, 28))
    build_demo(b, seed=3, orders=10, years=1, today=dt.date(2026, 11, 28))
    dump = lambda p: [r for r in sqlite3.connect(p).iterdump()
                      if "book_uuid" not in r and "created_at" not in r and "audit_log" not in r]
    assert main(["list", "accounts", str(a), "--format", "json"]) == 0
    assert len(dump(a)) == len(dump(b))
