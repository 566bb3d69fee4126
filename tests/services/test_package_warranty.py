"""A package's warranty months are set with the package (one transaction, one place writing
them), shown on its row, shipped with the examples, and read by the complaints side."""
import dataclasses
import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kws_desktop.errors import UserError
from kws_desktop.services.evaluation import service_visits
from kws_desktop.services.sales import packages
from kws_desktop.store.models.book import AuditEvent
from kws_desktop.store.models.evaluation import PackageWarranty
from kws_desktop.store.models.sales import WorkPackage

EXAMPLE_MONTHS = {"TS-BIO": 24, "TS-BATA": 24, "TS-CINCIN": 24, "JMB-LA": 12, "SEDOT": 0, "PERBAIKAN": 6}


def _input(**kw):
    return packages.PackageInput(code=kw.pop("code", "SEDOT-2"), name=kw.pop("name", "Penyedotan jauh"),
                                 labour_days=1, daily_wage=120_000, transport_cost=350_000, **kw)


def _warranty_audits(book, package_id):
    with book.reading() as s:
        return [json.loads(e.detail)["months"] for e in s.execute(
            select(AuditEvent).where(AuditEvent.action == "warranty", AuditEvent.entity == "work_package",
                                     AuditEvent.entity_id == package_id).order_by(AuditEvent.id)).scalars()]


def _count(book, model):
    with book.reading() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_set_on_create_changed_on_update_and_kept_when_not_given(book):
    row = packages.create_package(book, _input(warranty_months=3))
    assert row.warranty_months == 3 and packages.get_package(book, row.id).warranty_months == 3
    assert _warranty_audits(book, row.id) == [3]
    changed = packages.update_package(book, row.id, _input(warranty_months=0))
    assert changed.warranty_months == 0
    kept = packages.update_package(book, row.id, _input(description="jarak lebih dari 10 km"))
    assert kept.warranty_months == 0 and kept.description == "jarak lebih dari 10 km"
    packages.update_package(book, row.id, _input(warranty_months=0))  # the same: no new audit line
    assert _warranty_audits(book, row.id) == [3, 0]
    assert service_visits.package_warranties(book) == {row.id: 0}


def test_a_package_without_months_shows_none_and_complaints_keep_the_default(book):
    row = packages.create_package(book, _input())
    assert row.warranty_months is None and _count(book, PackageWarranty) == 0
    assert [p.warranty_months for p in packages.list_packages(book)] == [None]
    assert service_visits.package_warranties(book) == {row.id: service_visits.DEFAULT_WARRANTY_MONTHS}


@pytest.mark.parametrize("months", [121, -1, 2.5, "dua", True, "²", " 1 2", float("inf"), float("nan"),
                                    Decimal("Infinity"), Decimal("sNaN")])
def test_bad_months_are_refused_and_nothing_is_saved(book, months):
    with pytest.raises(UserError) as info:
        packages.create_package(book, _input(warranty_months=months))
    assert ("warranty_months", "Masa garansi harus antara 0 dan 120 bulan.") in info.value.problems
    assert _count(book, WorkPackage) == 0 and _count(book, PackageWarranty) == 0
    with book.reading() as s:
        assert s.execute(select(AuditEvent).where(AuditEvent.entity == "work_package")).first() is None


def test_a_refused_update_changes_neither_the_package_nor_its_months(book):
    row = packages.create_package(book, _input(warranty_months=12))
    with pytest.raises(UserError) as info:
        packages.update_package(book, row.id, _input(name="Penyedotan baru", warranty_months=121))
    assert info.value.field == "warranty_months"
    after = packages.get_package(book, row.id)
    assert after.name == "Penyedotan jauh" and after.warranty_months == 12
    assert _warranty_audits(book, row.id) == [12]


def test_the_evaluation_call_writes_through_the_same_place(book):
    row = packages.create_package(book, _input())
    service_visits.set_package_warranty(book, row.id, 18)
    assert packages.get_package(book, row.id).warranty_months == 18
    assert _warranty_audits(book, row.id) == [18]
    with pytest.raises(UserError) as info:
        service_visits.set_package_warranty(book, row.id, 121)
    assert info.value.message == "Masa garansi harus antara 0 dan 120 bulan."
    assert packages.get_package(book, row.id).warranty_months == 18


def test_the_examples_are_loaded_with_their_months(book):
    from kws_desktop.services.purchasing.materials import load_starter_catalog
    load_starter_catalog(book)
    assert packages.load_default_packages(book) == len(EXAMPLE_MONTHS)
    assert {p.code: p.warranty_months for p in packages.list_packages(book)} == EXAMPLE_MONTHS
    assert {s["code"]: s["warranty_months"] for s in packages.default_package_specs()} == EXAMPLE_MONTHS
    # edited by the group: the months stay unless changed
    tank = {p.code: p for p in packages.list_packages(book)}["TS-BIO"]
    edited = packages.update_package(book, tank.id, dataclasses.replace(
        _input(code=tank.code, name=tank.name), warranty_months=None))
    assert edited.warranty_months == 24 and not edited.is_example


def test_loading_the_examples_again_gives_untouched_ones_their_months(book):
    """A book whose examples came before they carried months (1.0.0): loading the examples
    again sets the shipped months on the examples as shipped, never on one the group set or
    edited."""
    from kws_desktop.services.purchasing.materials import load_starter_catalog
    load_starter_catalog(book)
    packages.load_default_packages(book)
    by_code = {p.code: p for p in packages.list_packages(book)}
    with book.transaction() as s:  # as a 1.0.0 book has them: no months at all
        s.query(PackageWarranty).delete()
    service_visits.set_package_warranty(book, by_code["JMB-LA"].id, 3)  # the group's choice
    packages.update_package(book, by_code["TS-BATA"].id, dataclasses.replace(  # edited: no example
        _input(code="TS-BATA", name=by_code["TS-BATA"].name), warranty_months=None))
    assert packages.load_default_packages(book) == 0
    months = {p.code: p.warranty_months for p in packages.list_packages(book)}
    assert months == {**EXAMPLE_MONTHS, "JMB-LA": 3, "TS-BATA": None}
    assert packages.load_default_packages(book) == 0
    assert {p.code: p.warranty_months for p in packages.list_packages(book)} == months
