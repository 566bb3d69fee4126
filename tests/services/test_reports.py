"""Reports from the journal: statements, cash book, notes, payables, and their agreement."""
from __future__ import annotations

import datetime as dt

import pytest

from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.errors import UserError
from kws_desktop.services.book.ledger import account_balances, post_entry
from kws_desktop.services.book.opening import post_opening_balances
from kws_desktop.services.reports import build_report, kinds, resolve_period
from kws_desktop.services.reports.cash_book import cash_book
from kws_desktop.services.reports.statements import cash_flow, financial_position, profit_loss

D = dt.date


def post_samples(book) -> None:
    """A small year of business posted straight to the journal (every kind of counter-account)."""
    post_opening_balances(book, D(2025, 1, 1), cash=3_500_000, bank=12_000_000)
    entries = [
        (D(2025, 3, 2), "Simpanan pokok anggota", [debit(A.CASH, 1_000_000),
                                                   credit(A.MEMBER_CAPITAL, 1_000_000, party_kind="member", party_id=1)]),
        (D(2025, 6, 10), "Tagihan PSN-2025-0001", [debit(A.RECEIVABLES, 3_000_000, party_kind="customer", party_id=1),
                                                  credit(A.REVENUE_CONSTRUCTION, 3_000_000)]),
        (D(2025, 6, 20), "Bahan dipakai", [debit(A.COST_MATERIALS, 1_100_000), credit(A.CASH, 1_100_000)]),
        (D(2025, 7, 1), "Pembayaran tagihan", [debit(A.BANK, 3_000_000),
                                               credit(A.RECEIVABLES, 3_000_000, party_kind="customer", party_id=1)]),
        (D(2026, 1, 5), "Beli semen dan pasir (nota 12)", [debit(A.INVENTORY, 2_000_000),
                                                           credit(A.PAYABLES, 2_000_000, party_kind="supplier", party_id=1)]),
        (D(2026, 1, 20), "Bayar toko bangunan", [debit(A.PAYABLES, 1_500_000, party_kind="supplier", party_id=1),
                                                credit(A.BANK, 1_500_000)]),
        (D(2026, 2, 1), "Bahan untuk PSN-2026-0001", [debit(A.COST_MATERIALS, 1_200_000), credit(A.INVENTORY, 1_200_000)]),
        (D(2026, 2, 3), "Upah tukang minggu 1", [debit(A.COST_LABOUR, 800_000),
                                                 credit(A.WAGES_PAYABLE, 800_000, party_kind="member", party_id=2)]),
        (D(2026, 2, 4), "Bayar upah minggu 1", [debit(A.WAGES_PAYABLE, 800_000, party_kind="member", party_id=2),
                                                credit(A.CASH, 800_000)]),
        (D(2026, 2, 10), "Tagihan PSN-2026-0001", [debit(A.RECEIVABLES, 4_500_000, party_kind="customer", party_id=2),
                                                  credit(A.REVENUE_CONSTRUCTION, 4_500_000)]),
        (D(2026, 2, 15), "Cicilan 1 PSN-2026-0001", [debit(A.BANK, 2_000_000),
                                                    credit(A.RECEIVABLES, 2_000_000, party_kind="customer", party_id=2)]),
        (D(2026, 3, 1), "Beli molen bekas", [debit(A.EQUIPMENT, 1_000_000), credit(A.CASH, 1_000_000)]),
        (D(2026, 3, 31), "Penyusutan Maret", [debit(A.DEPRECIATION, 100_000), credit(A.ACCUM_DEPRECIATION, 100_000)]),
        (D(2026, 4, 2), "ATK dan fotokopi", [debit(A.OPERATING, 150_000), credit(A.CASH, 150_000)]),
        (D(2026, 4, 3), "Tarik tunai dari bank", [debit(A.CASH, 500_000), credit(A.BANK, 500_000)]),
        (D(2026, 4, 30), "Bagi hasil 2025", [debit(A.RETAINED_EARNINGS, 300_000),
                                             credit(A.PROFIT_SHARE_PAYABLE, 300_000, party_kind="member", party_id=1)]),
        (D(2026, 5, 2), "Bayar bagi hasil", [debit(A.PROFIT_SHARE_PAYABLE, 300_000, party_kind="member", party_id=1),
                                             credit(A.CASH, 300_000)]),
        (D(2026, 5, 5), "Sedot tinja tunai", [debit(A.CASH, 350_000), credit(A.REVENUE_SERVICE, 350_000)]),
    ]
    with book.transaction() as s:
        for day, text, postings in entries:
            post_entry(s, date=day, description=text, postings=postings, source_type="test",
                       source_id=None, actor="test")


@pytest.fixture
def sample_book(book):
    post_samples(book)
    return book


def _amounts(report, key="jumlah"):
    return {row.cells.get("uraian"): row.cells.get(key) for row in report.rows
            if isinstance(row.cells, dict)}


def test_registry_lists_the_journal_reports():
    assert {"profit-loss", "financial-position", "cash-flow", "cash-book", "notes",
            "payables", "receivables"} <= set(kinds())


def test_each_kind_is_found_in_its_home_module():
    """The command line imports only REPORT_MODULES[kind]; that must be the module that
    registers it (else it would find nothing), and every kind listed is registered."""
    from kws_desktop.services import reports
    reports.load_all()
    assert reports.REGISTERED_BY == reports.REPORT_MODULES


def test_profit_loss_figures(sample_book):
    pl = profit_loss(sample_book, D(2026, 1, 1), D(2026, 12, 31))
    assert pl.total_revenue == 4_850_000
    assert pl.total_cost_of_sales == 2_000_000
    assert pl.gross_profit == 2_850_000
    assert pl.total_operating == 250_000
    assert pl.net_profit == 2_600_000
    rows = _amounts(build_report(sample_book, "profit-loss", D(2026, 1, 1), D(2026, 12, 31)))
    assert rows["LABA (RUGI) BERSIH"] == 2_600_000
    assert rows["Beban Bahan"] == 1_200_000


def test_financial_position_balances_with_comparison(sample_book):
    fp = financial_position(sample_book, D(2026, 1, 1), D(2026, 12, 31))
    for col in (fp.now, fp.before):
        assert col.total_assets == col.total_liabilities + col.total_equity
    assert fp.before.day == D(2025, 12, 31)
    assert fp.now.year_profit == 2_600_000 and fp.now.year_sharing == -300_000
    assert fp.before.year_profit == 1_900_000 and fp.before.year_sharing == 0
    assert fp.now.retained_opening == fp.before.retained_earnings == 1_900_000
    assert fp.now.retained_earnings == 1_900_000 + 2_600_000 - 300_000
    assert fp.now.total_assets == 17_000_000 + 2_500_000 + 800_000 + 900_000
    report = build_report(sample_book, "financial-position", D(2026, 1, 1), D(2026, 12, 31))
    total = next(r for r in report.rows if r.cells.get("uraian") == "JUMLAH ASET")
    assert total.cells["now"] == fp.now.total_assets and total.cells["before"] == fp.before.total_assets


def test_no_comparison_column_before_the_book_began(sample_book, tmp_path):
    """The sample book begins on 1 January 2025 (its opening balances): the 2025 position has
    no 31/12/2024 column of zeros, as if the group had nothing; 2026 and a period starting
    inside 2025 compare with a day the book holds."""
    first = build_report(sample_book, "financial-position", D(2025, 1, 1), D(2025, 12, 31))
    assert [c.key for c in first.columns] == ["uraian", "now"]
    assert not any("before" in r.cells for r in first.rows)
    assert first.notes[0].startswith("Buku dimulai 1 Januari 2025: belum ada posisi sebelum periode ini")
    assert financial_position(sample_book, D(2025, 1, 1), D(2025, 12, 31)).book_start == D(2025, 1, 1)
    for start, before in ((D(2026, 1, 1), "31/12/2025"), (D(2025, 1, 2), "01/01/2025")):
        report = build_report(sample_book, "financial-position", start, D(2026, 12, 31))
        assert [c.title for c in report.columns][2:] == [before]
        assert report.notes[0].startswith("Kolom kedua")
    from kws_desktop.services.book.books import create_book
    book = create_book(tmp_path / "kosong.kws")
    try:
        empty = build_report(book, "financial-position", D(2025, 1, 1), D(2025, 12, 31))
    finally:
        book.close(backup=False)
    assert [c.key for c in empty.columns] == ["uraian", "now"]
    assert empty.notes[0].startswith("Buku ini belum berisi transaksi")


def test_cash_flow_classifies_by_counter_account(sample_book):
    cf = cash_flow(sample_book, D(2026, 1, 1), D(2026, 12, 31))
    lines = {label: amount for _a, label, amount in cf.lines}
    assert lines["Penerimaan dari pelanggan"] == 2_350_000
    assert lines["Pembayaran kepada pemasok bahan"] == -1_500_000
    assert lines["Pembayaran upah dan kasbon anggota"] == -800_000
    assert lines["Pembayaran beban usaha lainnya"] == -150_000
    assert lines["Pembelian dan penjualan peralatan"] == -1_000_000
    assert lines["Pembayaran bagi hasil anggota"] == -300_000
    assert cf.opening_total == 18_400_000
    assert cf.closing_total == cf.opening_total + cf.net_change == 17_000_000


def test_cash_book_running_balance(sample_book):
    cb = cash_book(sample_book, D(2026, 1, 1), D(2026, 12, 31))
    kas, bank = cb.sections
    assert (kas.code, bank.code) == (A.CASH, A.BANK)
    assert kas.opening == 3_400_000 and bank.opening == 15_000_000
    assert kas.movements[-1].balance == kas.closing
    transfer = [m for m in kas.movements if m.description == "Tarik tunai dari bank"]
    assert transfer[0].amount == 500_000
    assert cb.closing == 17_000_000


def test_payables_aged(sample_book):
    from kws_desktop.services.reports.parties import build_payables
    report = build_payables(sample_book, None, D(2026, 3, 31))
    first = report.rows[0].cells
    assert first["saldo"] == 500_000 and first["b2"] == 500_000  # 85 days old


def test_english_labels(sample_book):
    from kws_desktop.i18n import set_language
    set_language("en")
    report = build_report(sample_book, "profit-loss", D(2026, 1, 1), D(2026, 12, 31))
    assert any(r.cells.get("uraian") == "Material cost" for r in report.rows)


def test_period_end_before_start_refused(sample_book):
    with pytest.raises(UserError) as err:
        build_report(sample_book, "profit-loss", D(2026, 5, 1), D(2026, 4, 1))
    assert "lebih awal dari tanggal awal" in err.value.message


def test_default_period_is_year_to_date():
    p = resolve_period(None, D(2026, 11, 28))
    assert (p.start, p.end) == (D(2026, 1, 1), D(2026, 11, 28))


def test_empty_period_is_a_clear_empty_report(sample_book):
    for kind in kinds():
        report = build_report(sample_book, kind, D(2001, 1, 1), D(2001, 1, 31))
        assert report.title
    pl = build_report(sample_book, "profit-loss", D(2001, 1, 1), D(2001, 1, 31))
    assert "Tidak ada transaksi pada periode ini." in pl.notes


def test_reports_agree_on_sample_book(sample_book):
    _assert_reports_agree(sample_book, D(2026, 1, 1), D(2026, 12, 31))
    _assert_reports_agree(sample_book, D(2025, 6, 15), D(2026, 2, 12))


def _assert_reports_agree(book, start, end):
    cb = cash_book(book, start, end)
    fp = financial_position(book, start, end)
    cf = cash_flow(book, start, end)
    assert cb.closing == fp.now.cash_and_bank == cf.closing_total
    assert cb.opening == fp.before.cash_and_bank == cf.opening_total
    assert cf.opening_total + cf.net_change == cf.closing_total
    year_to_date = profit_loss(book, D(end.year, 1, 1), end)
    assert year_to_date.net_profit == fp.now.year_profit
    for col in (fp.now, fp.before):
        assert col.total_assets == col.total_liabilities + col.total_equity
    # the journal's own balances
    with book.reading() as s:
        rows = {r.code: r.balance for r in account_balances(s, until=end)}
    assert fp.now.cash_and_bank == rows[A.CASH] + rows[A.BANK]


def test_reports_agree_on_demo_book(demo_book):
    from conftest import DEMO_TODAY
    _assert_reports_agree(demo_book, D(DEMO_TODAY.year, 1, 1), DEMO_TODAY)
    _assert_reports_agree(demo_book, D(DEMO_TODAY.year - 1, 1, 1), D(DEMO_TODAY.year - 1, 12, 31))
    _assert_reports_agree(demo_book, D(DEMO_TODAY.year, DEMO_TODAY.month, 1), DEMO_TODAY)


def test_every_report_builds_on_demo_book(demo_book):
    from conftest import DEMO_TODAY
    for kind in kinds():
        report = build_report(demo_book, kind, D(DEMO_TODAY.year, 1, 1), DEMO_TODAY)
        assert report.columns and (report.signers or kind == "notes")


def test_program_report_counts(book):
    from kws_desktop.store.models.sales import Customer
    from kws_desktop.store.models.jobs import Order, OrderPayer
    people = [("Ahmad", "L", True, "Balaraja", "Sentul Jaya", "dikerjakan", "Tangki septik"),
              ("Siti", "P", True, "Balaraja", "Sentul Jaya", "diserahterimakan", "Tangki septik"),
              ("Budi", "L", False, "Balaraja", "Cangkudu", "dijadwalkan", "Jamban + tangki"),
              ("Ani", "P", False, "Tigaraksa", "Pasir Bolang", "diserahterimakan", "Tangki septik"),
              ("Batal", "L", True, "Tigaraksa", "Pasir Bolang", "batal", "Tangki septik")]
    with book.transaction() as s:
        for i, (name, gender, mbr, kec, desa, stage, package) in enumerate(people, start=1):
            c = Customer(name=name, gender=gender, is_mbr=mbr, desa=desa, kecamatan=kec)
            s.add(c)
            s.flush()
            o = Order(number=f"PSN-2026-{i:04d}", date=D(2026, 3, i), status=stage, customer_id=c.id,
                      customer_name=name, desa=desa, kecamatan=kec, package=package, price=4_000_000)
            s.add(o)
            s.flush()
            s.add(OrderPayer(order_id=o.id, line_no=1, payer_type="apbd", amount=3_000_000))
            s.add(OrderPayer(order_id=o.id, line_no=2, payer_type="swadaya", amount=1_000_000))
    report = build_report(book, "program", D(2026, 1, 1), D(2026, 12, 31))
    rows = {r.cells.get("uraian"): r.cells for r in report.rows}
    assert rows["JUMLAH UNIT"]["unit"] == 4 and rows["JUMLAH UNIT"]["mbr"] == 2
    assert rows["JUMLAH UNIT"]["l"] == 2 and rows["JUMLAH UNIT"]["p"] == 2
    assert rows["Jumlah Kecamatan Balaraja"]["unit"] == 3
    assert rows["Sentul Jaya"]["unit"] == 2 and rows["Sentul Jaya"]["nilai"] == 8_000_000
    assert rows["APBD"]["unit"] == 4 and rows["APBD"]["nilai"] == 12_000_000
    assert rows["Diserahterimakan"]["unit"] == 2
    assert rows["Tangki septik"]["unit"] == 3
    empty = build_report(book, "program", D(2001, 1, 1), D(2001, 1, 31))
    assert "Tidak ada pesanan pada periode ini." in empty.notes
