import pytest
from sqlalchemy import func, select

from kws_desktop.errors import UserError
from kws_desktop.services.sales import customers
from kws_desktop.store.models.sales import Customer


def _count(book):
    with book.reading() as s:
        return s.execute(select(func.count(Customer.id))).scalar()


def test_create_search_by_any_part(book):
    a = customers.create_customer(book, customers.CustomerInput(name="Nurhayati Rahayu", gender="P", phone="+62 812-1111-2222",
                                                desa="Sentul Jaya", kecamatan="Balaraja", rt="3", rw="12"))
    customers.create_customer(book, customers.CustomerInput(name="Asep Saputra", gender="L", phone="0857 3333 4444",
                                            desa="Cisereh", kecamatan="Tigaraksa"))
    assert a.rt == "003" and a.rw == "012" and a.salutation == "Ibu"
    assert [r.name for r in customers.search_customers(book, "hayati")] == ["Nurhayati Rahayu"]
    assert [r.name for r in customers.search_customers(book, "sentul")] == ["Nurhayati Rahayu"]
    assert [r.name for r in customers.search_customers(book, "0812111")] == ["Nurhayati Rahayu"]  # +62 read as 0
    assert [r.name for r in customers.search_customers(book, "3333-44")] == ["Asep Saputra"]
    assert [r.name for r in customers.search_customers(book, "asep tigaraksa")] == ["Asep Saputra"]
    assert customers.search_customers(book, "100%_") == []
    assert customers.count_customers(book) == 2
    assert [r.name for r in customers.search_customers(book, "", offset=1, limit=1)] == ["Nurhayati Rahayu"]


def test_likely_duplicates(book):
    c = customers.create_customer(book, customers.CustomerInput(name="Ahmad Fauzi", desa="Saga", phone="0812-5555-6666"))
    assert customers.likely_duplicates(book, " ahmad  fauzi ", "SAGA")[0].id == c.id
    assert customers.likely_duplicates(book, "Orang Lain", "", "62 812 5555 6666")[0].id == c.id
    assert customers.likely_duplicates(book, "Ahmad Fauzi", "Tobat") == []
    assert customers.likely_duplicates(book, "Ahmad Fauzi", "Saga", exclude_id=c.id) == []
    assert "Ahmad Fauzi" in customers.duplicate_warning(customers.likely_duplicates(book, "Ahmad Fauzi", "Saga"))


@pytest.mark.parametrize("data,field,message", [
    (customers.CustomerInput(name="  "), "name", "Nama wajib diisi."),
    (customers.CustomerInput(name="A", nik="12345"), "nik", "NIK harus 16 angka"),
    (customers.CustomerInput(name="A", phone="12"), "phone", "Nomor telepon/WA tidak lengkap"),
    (customers.CustomerInput(name="A", rt="x1"), "rt", "RT dan RW ditulis dengan angka"),
    (customers.CustomerInput(name="A", household_size=0), "household_size", "Jumlah anggota keluarga"),
    (customers.CustomerInput(name="A", gender="X"), "gender", "Jenis kelamin"),
    (customers.CustomerInput(name="A", kind="institution", payer_type="bank"), "payer_type", "Jenis pembayar tidak dikenal"),
])
def test_bad_input_refused_nothing_saved(book, data, field, message):
    with pytest.raises(UserError) as e:
        customers.create_customer(book, data)
    assert e.value.field == field and message in e.value.message
    assert _count(book) == 0


def test_update_and_institution(book):
    c = customers.create_customer(book, customers.CustomerInput(name="BAZNAS Kabupaten Tangerang", kind="institution",
                                                payer_type="baznas", gender="L", is_mbr=True))
    assert (c.gender, c.is_mbr, c.payer_label) == ("", False, "BAZNAS")
    assert [r.id for r in customers.institutions(book, "baznas")] == [c.id]
    u = customers.update_customer(book, c.id, customers.CustomerInput(name="BAZNAS Kab. Tangerang", kind="institution",
                                                      payer_type="baznas"))
    assert u.name == "BAZNAS Kab. Tangerang"
    with pytest.raises(UserError):
        customers.update_customer(book, c.id, customers.CustomerInput(name=""))
    assert customers.get_customer(book, c.id).name == "BAZNAS Kab. Tangerang"


def test_desa_autocomplete_per_kecamatan(book):
    for name, desa, kec in [("A", "Sentul", "Balaraja"), ("B", "Saga", "Balaraja"), ("C", "Sentul", "Balaraja"),
                            ("D", "Cisereh", "Tigaraksa")]:
        customers.create_customer(book, customers.CustomerInput(name=name, desa=desa, kecamatan=kec))
    assert customers.desa_names(book, "Balaraja") == ["Saga", "Sentul"]
    assert customers.desa_names(book) == ["Cisereh", "Saga", "Sentul"]
    assert customers.desa_names(book, "Balaraja", prefix="se") == ["Sentul"]


def test_kecamatan_list_default_user_file_and_book(book, tmp_path):
    from kws_desktop.paths import user_config_dir
    default = customers.kecamatan_list(book)
    assert len(default) == 29 and "Balaraja" in default and "Tigaraksa" in default
    user_file = user_config_dir() / customers.KECAMATAN_FILE
    user_file.write_text("# Kabupaten Bogor\nCibinong\n\nCiawi\nCibinong\n", encoding="utf-8")
    try:
        assert customers.kecamatan_list(book) == ["Cibinong", "Ciawi"]
        customers.set_kecamatan_list(book, ["Sleman ", "Depok", ""])
        assert customers.kecamatan_list(book) == ["Sleman", "Depok"]
        customers.set_kecamatan_list(book, None)
        assert customers.kecamatan_list(book) == ["Cibinong", "Ciawi"]
    finally:
        user_file.unlink()
    assert customers.kecamatan_list(None) == default
