"""An operation's changes come from what it wrote, by area, not from lists kept by hand."""
import datetime as dt

import pytest

from kws_desktop.errors import UserError
from kws_desktop.services.book.changes import take_changed_areas
from kws_desktop.services.cash import entries as cash
from kws_desktop.services.sales.customers import CustomerInput, create_customer


def test_changes_name_the_areas_written(book):
    take_changed_areas(book)  # forget the book's creation
    create_customer(book, CustomerInput(name="Ibu Sari", desa="Sukamaju"))
    assert take_changed_areas(book) == {"sales", "book"}  # the customer and its audit line
    assert take_changed_areas(book) == frozenset()
    cash.record_income(book, date=dt.date(2026, 3, 2), money_account="cash",
                       category=cash.INCOME_CATEGORIES[0][0], amount=50_000, description="Sewa alat")
    assert {"cash", "book"} <= take_changed_areas(book)


def test_a_refused_operation_changes_nothing(book):
    take_changed_areas(book)
    with pytest.raises(UserError):
        create_customer(book, CustomerInput(name=""))
    assert take_changed_areas(book) == frozenset()
