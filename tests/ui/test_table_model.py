"""The lazy table model: pages on demand, never the whole table; passes Qt's model tester."""
from kws_desktop.ui.kit.table_model import Column, PagedTableModel

ROWS = [{"n": i, "name": f"baris {i}", "amount": i * 1000 - 5000} for i in range(1050)]


def _fetch(calls):
    def fetch(offset, limit, sort_key, descending):
        calls.append((offset, limit))
        rows = sorted(ROWS, key=lambda r: r[sort_key], reverse=descending) if sort_key else ROWS
        return rows[offset:offset + limit]
    return fetch


def test_model_tester(qtmodeltester):
    model = PagedTableModel([Column("n", "No", "int"), Column("name", "Nama"), Column("amount", "Jumlah", "money")],
                            _fetch([]))
    model.reload()
    qtmodeltester.check(model, force_py=True)


def test_pages_on_demand_and_sort(qtbot):
    calls = []
    model = PagedTableModel([Column("n", "No", "int"), Column("amount", "Jumlah", "money")], _fetch(calls),
                            page_size=200)
    model.reload()
    assert model.rowCount() == 200 and calls == [(0, 200)]
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 1050 and len(calls) == 6
    from PySide6.QtCore import Qt
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 200 and model.row(0)["amount"] == 1049 * 1000 - 5000
    assert model.data(model.index(0, 1)) == "Rp1.044.000"


def test_reload_while_watched(qtmodeltester):
    calls = []
    model = PagedTableModel([Column("n", "No", "int"), Column("name", "Nama")], _fetch(calls))
    qtmodeltester.check(model, force_py=True)
    model.reload()
    model.set_fetch(_fetch(calls))
    assert model.rowCount() == 200
