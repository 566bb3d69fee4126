import datetime as dt

import pytest
from sqlalchemy import func, select

from kws_desktop.errors import UserError
from kws_desktop.services.purchasing import materials
from kws_desktop.store.models.book import AuditEvent
from kws_desktop.store.models.purchasing import Material, MaterialPrice


def _count(book):
    with book.reading() as s:
        return (s.execute(select(func.count(Material.id))).scalar(),
                s.execute(select(func.count(MaterialPrice.id))).scalar())


def test_create_and_list(book):
    m = materials.create_material(book, materials.MaterialInput("  Semen   50 kg ", "sak", "Semen dan pasir", 68_000, "10"))
    assert m.name == "Semen 50 kg" and m.min_stock == 10 and m.stock_qty == 0
    rows = materials.list_materials(book, search="semen")
    assert [r.name for r in rows] == ["Semen 50 kg"]
    assert materials.count_materials(book) == 1


def test_material_choices_by_name_without_stock_figures(book):
    pipe = materials.create_material(book, materials.MaterialInput("pipa PVC 4 inci", "batang", "", 95_000))
    cement = materials.create_material(book, materials.MaterialInput("Semen 50 kg", "sak", "", 68_000))
    assert materials.material_choices(book) == [(pipe.id, "pipa PVC 4 inci"), (cement.id, "Semen 50 kg")]


@pytest.mark.parametrize("data,field,text", [
    (materials.MaterialInput("Semen", "zak", "", 1000), "unit", "Satuan zak tidak dikenal"),
    (materials.MaterialInput("Semen", "", "", 1000), "unit", "tidak dikenal"),
    (materials.MaterialInput("", "sak", "", 1000), "name", "Nama bahan wajib diisi"),
    (materials.MaterialInput("Semen", "sak", "", -5), "price", "Harga tidak boleh kurang dari Rp0"),
    (materials.MaterialInput("Semen", "sak", "", 1000, "-1"), "min_stock", "tidak boleh negatif"),
])
def test_bad_material_refused_nothing_saved(book, data, field, text):
    with pytest.raises(UserError) as exc:
        materials.create_material(book, data)
    assert exc.value.field == field and text in exc.value.message
    assert _count(book) == (0, 0)


def test_duplicate_name_refused(book):
    materials.create_material(book, materials.MaterialInput("Semen", "sak"))
    with pytest.raises(UserError, match="sudah ada"):
        materials.create_material(book, materials.MaterialInput("SEMEN", "sak"))


def test_update_price_records_history_and_audit(book):
    m = materials.create_material(book, materials.MaterialInput("Semen", "sak", "", 60_000), date=dt.date(2026, 1, 1))
    materials.update_price(book, m.id, 65_000, date=dt.date(2026, 2, 1))
    assert materials.get_material(book, m.id).price == 65_000
    hist = materials.price_history(book, m.id)
    assert [(h.price, h.source) for h in hist] == [(65_000, "catalog"), (60_000, "catalog")]
    with book.reading() as s:
        assert s.execute(select(AuditEvent).where(AuditEvent.action == "price")).scalar()
    for bad in (0, -1):
        with pytest.raises(UserError) as exc:
            materials.update_price(book, m.id, bad)
        assert exc.value.field == "price" and "lebih dari Rp0" in exc.value.message
    assert len(materials.price_history(book, m.id)) == 2


def test_starter_catalog_marked_as_examples(book):
    n = materials.load_starter_catalog(book)
    assert n >= 30
    assert materials.load_starter_catalog(book) == 0
    rows = materials.list_materials(book)
    assert all(r.is_example for r in rows)
    assert {r.unit for r in rows} <= set(materials.UNITS)
    kloset = materials.find_material(book, "Kloset jongkok leher angsa")
    materials.update_price(book, kloset.id, 190_000)
    assert not materials.get_material(book, kloset.id).is_example
