"""Invariants under random use: hypothesis applies random sequences of real service calls
(purchases, supplier payments, stock issues, quotes, accepts, invoices, payments partial, full or
over with an advance, voids, crew wages, payouts, kasbon, profit sharing and its reversal, stock
counts) to a fresh book and checks after every step that

- the journal balances and document numbers have no duplicates and no gaps (`check_book`),
- stock per material equals purchases minus issues plus count differences, and the inventory
  account equals the stock value,
- receivables equal invoices minus payments, in total and per customer,
- the reports agree with the journal (profit and loss, cash book),
- a refused call (UserError) changed nothing at all.
"""
import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import (RuleBasedStateMachine, initialize, invariant, rule,
                                 run_state_machine_as_test)
from sqlalchemy import event, func, select

sys.path.insert(0, str(Path(__file__).parent))
import flows  # noqa: E402
from service_runs import service_runs  # noqa: E402

from kws_desktop.errors import UserError  # noqa: E402
from kws_desktop.services.billing import invoices, payments
from kws_desktop.services.jobs import orders
from kws_desktop.services.people import profit_sharing, wages
from kws_desktop.services.purchasing import purchases, stock, suppliers
from kws_desktop.services.book.books import create_book  # noqa: E402
from kws_desktop.store.book import open_book  # noqa: E402
from kws_desktop.store.models.book import (Account, AuditEvent, JournalEntry, JournalLine,  # noqa: E402
                                           NumberSequence)

START = dt.date(2026, 1, 5)
YEAR_END = dt.date(2026, 12, 31)
_TEMPLATE: dict[str, object] = {}


def _template(tmp_root: Path) -> tuple[Path, dict]:
    """One set-up book (customer, shop, materials, mason), copied for every example."""
    if "path" not in _TEMPLATE:
        path = tmp_root / "template.kws"
        book = create_book(path, durable=False)
        _TEMPLATE["ids"] = flows.setup(book)
        book.close(backup=False)
        _TEMPLATE["path"] = path
    return _TEMPLATE["path"], _TEMPLATE["ids"]


def _fingerprint(book) -> tuple:
    with book.reading() as s:
        return (s.execute(select(func.count(JournalEntry.id))).scalar(),
                s.execute(select(func.count(AuditEvent.id))).scalar(),
                s.execute(select(func.coalesce(func.sum(NumberSequence.last), 0))).scalar(),
                s.execute(select(func.coalesce(func.sum(func.abs(JournalLine.amount)), 0))).scalar())


class BookMachine(RuleBasedStateMachine):
    tmp_root: Path = Path("/tmp")

    @initialize()
    def open(self):
        template, self.ids = _template(self.tmp_root)
        self.path = self.tmp_root / f"run-{id(self)}.kws"
        shutil.copy(template, self.path)
        self.book = open_book(self.path)
        # a throwaway book: skip the fsync waits (durability has its own crash tests)
        event.listen(self.book.engine, "connect",
                     lambda c, _r: c.execute("PRAGMA synchronous = OFF"))
        self.day = START
        self.quotes: list[int] = []
        self.orders: list[int] = []
        self.invoices: list[int] = []
        self.payments: list[int] = []
        self.purchases: list[int] = []
        self.advances: list[str] = []
        self.sharings: list[str] = []

    def teardown(self):
        book = getattr(self, "book", None)
        if book is not None:
            book.close(backup=False)
            for suffix in ("", "-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)

    def _try(self, call, *args, **kwargs):
        """Run a service call; a refusal must leave the book exactly as it was."""
        before = _fingerprint(self.book)
        try:
            return call(*args, **kwargs)
        except UserError as exc:
            assert exc.message.strip(), "a refusal says why"
            assert _fingerprint(self.book) == before, f"refused but changed: {exc.message}"
            return None

    # --- time ------------------------------------------------------------------------------
    @rule(days=st.integers(0, 4))
    def later(self, days):
        self.day = min(YEAR_END, self.day + dt.timedelta(days=days))

    # --- materials -------------------------------------------------------------------------
    @rule(m=st.integers(0, 1), qty=st.integers(1, 20), price=st.integers(1_000, 150_000),
          method=st.sampled_from(["cash", "transfer", "credit"]))
    def buy(self, m, qty, price, method):
        p = self._try(flows.buy, self.book, self.ids, self.ids["materials"][m], qty, price, method, self.day)
        if p:
            self.purchases.append(p.id)

    @rule(data=st.data())
    def void_purchase(self, data):
        if self.purchases:
            self._try(purchases.void_purchase, self.book, data.draw(st.sampled_from(self.purchases)),
                      reason="salah catat", date=self.day)

    @rule(amount=st.integers(1, 500_000))
    def pay_supplier(self, amount):
        self._try(suppliers.pay_supplier, self.book, supplier_id=self.ids["supplier"], amount=amount,
                  date=self.day)

    @rule(data=st.data(), m=st.integers(0, 1), qty=st.integers(1, 6))
    def issue(self, data, m, qty):
        if self.orders:
            self._try(orders.issue_material, self.book, data.draw(st.sampled_from(self.orders)),
                      self.ids["materials"][m], qty, self.day)

    @rule(m=st.integers(0, 1), delta=st.integers(-3, 3))
    def count_stock(self, m, delta):
        mid = self.ids["materials"][m]
        with self.book.reading() as s:
            have, _v = stock.on_hand(s, mid)
        counted = max(0, have + delta)
        self._try(stock.record_stock_count, self.book, date=self.day, lines=[
            stock.CountLineInput(mid, counted, "hilang" if counted != have else "")])

    # --- customers, quotes, orders, billing -------------------------------------------------
    @rule(price=st.integers(100_000, 9_000_000))
    def quote(self, price):
        q = self._try(flows.quote, self.book, self.ids, price, self.day)
        if q:
            self.quotes.append(q.id)

    @rule(data=st.data())
    def accept(self, data):
        if self.quotes:
            o = self._try(orders.accept_quote, self.book, data.draw(st.sampled_from(self.quotes)), self.day)
            if o:
                self.orders.append(o.id)

    @rule(data=st.data(), count=st.integers(1, 4))
    def invoice(self, data, count):
        if self.orders:
            made = self._try(invoices.invoice_order, self.book, data.draw(st.sampled_from(self.orders)),
                             self.day, household_plan=invoices.PlanSpec(count=count))
            self.invoices += [i.id for i in made or []]

    @rule(data=st.data(), kind=st.sampled_from(["partial", "full", "over", "any"]),
          method=st.sampled_from(["cash", "transfer"]))
    def pay(self, data, kind, method):
        if not self.invoices:
            return
        inv = invoices.get_invoice(self.book, data.draw(st.sampled_from(self.invoices)))
        owed, advance = inv.outstanding, 0
        if kind == "partial":
            amount = data.draw(st.integers(1, max(1, owed - 1)))
        elif kind == "full":
            amount = owed
        elif kind == "over":
            advance = data.draw(st.integers(1, 300_000))
            amount = owed + advance
        else:
            amount = data.draw(st.integers(-5, 20_000_000))
        p = self._try(payments.record_payment, self.book, invoice_id=inv.id, date=self.day,
                      amount=amount, method=method, advance=advance)
        if p:
            self.payments.append(p.id)

    @rule(data=st.data())
    def void_payment(self, data):
        if self.payments:
            self._try(payments.void_payment, self.book, data.draw(st.sampled_from(self.payments)),
                      "salah catat", date=self.day)

    @rule(data=st.data())
    def void_invoice(self, data):
        if self.invoices:
            self._try(invoices.void_invoice, self.book, data.draw(st.sampled_from(self.invoices)),
                      "tagihan ganda", date=self.day)

    # --- members ---------------------------------------------------------------------------
    @rule(data=st.data(), days=st.sampled_from(["0.5", "1", "2"]))
    def crew(self, data, days):
        if self.orders:
            self._try(orders.add_crew, self.book, data.draw(st.sampled_from(self.orders)),
                      self.ids["member"], self.day, days, 120_000)

    @rule(wage=st.integers(0, 400_000), share=st.integers(0, 200_000), deduct=st.integers(0, 100_000),
          excess=st.booleans())
    def payout(self, wage, share, deduct, excess):
        self._try(wages.pay_members, self.book, date=self.day, lines=[wages.PayLine(
            self.ids["member"], wages=wage, profit_share=share, deduct_advance=deduct,
            excess_as_advance=excess)])

    @rule(amount=st.integers(1, 300_000))
    def advance(self, amount):
        a = self._try(wages.record_advance, self.book, self.ids["member"], amount, self.day)
        if a:
            self.advances.append(a.number)

    @rule(data=st.data())
    def void_advance(self, data):
        if self.advances:
            self._try(wages.void_advance, self.book, data.draw(st.sampled_from(self.advances)),
                      "salah catat", date=self.day)

    @rule()
    def share_profit(self):
        if self.day <= START:
            return
        sh = self._try(profit_sharing.post_profit_sharing, self.book, dt.date(2026, 1, 1),
                       self.day - dt.timedelta(days=1))
        if sh:
            self.sharings.append(sh.number)

    @rule()
    def reverse_sharing(self):
        if self.sharings:
            self._try(profit_sharing.reverse_profit_sharing, self.book, self.sharings[-1], "hitung ulang")

    # --- after every step ------------------------------------------------------------------
    @invariant()
    def book_is_whole(self):
        if not hasattr(self, "book"):
            return
        assert flows.invariants(self.book) == []
        from kws_desktop.services.reports.cash_book import cash_book
        from kws_desktop.services.reports.statements import profit_loss
        with self.book.reading() as s:
            sums = dict(s.execute(select(Account.type, func.sum(JournalLine.amount))
                                  .join(Account, Account.id == JournalLine.account_id)
                                  .group_by(Account.type)).all())
            cash = s.execute(select(func.coalesce(func.sum(JournalLine.amount), 0))
                             .join(Account, Account.id == JournalLine.account_id)
                             .where(Account.is_cash.is_(True))).scalar()
        journal_profit = -int(sums.get("pendapatan") or 0) - int(sums.get("beban") or 0)
        assert profit_loss(self.book, dt.date(2026, 1, 1), YEAR_END).net_profit == journal_profit
        assert cash_book(self.book, dt.date(2026, 1, 1), YEAR_END).closing == cash


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
def test_random_use_keeps_every_invariant(tmp_path):
    BookMachine.tmp_root = tmp_path
    _TEMPLATE.clear()
    run_state_machine_as_test(BookMachine, settings=service_runs(stateful_step_count=20))
