"""Spreadsheet import: a year of notebook records from the template workbook, all or nothing.

- `write_template(path)`: the blank workbook (see documents/import_template.py for its layout).
- `import_workbook(book, path, progress=None)`: read every sheet, check every row (formats,
  references between sheets and to the book, duplicates), and only when nothing is wrong
  import everything in ONE transaction through the areas' session-level services: members
  (register_member_in), customers (add_customer), materials (add_material), suppliers
  (add_supplier), purchases (record_purchase_in, posted), orders (add_order) with their
  invoices (create_invoices_for_order), payments (record_payment_in, with kuitansi).
  Any problem raises `ImportRefused` listing each as "Sheet, baris N, kolom X: reason.";
  nothing is saved.
- `import_into(location, path)`: the same into a book path, creating the book when the path
  does not exist yet (and removing it again when the import is refused).
"""
from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.job_costing import Stage
from kws_desktop.core.money import QuantityError, line_total, round_rupiah, to_quantity
from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.core.text import clean_text
from kws_desktop.documents.import_template import (SHEET_BY_KEY, SHEETS, ColumnSpec, SheetSpec,
                                                   write_import_template)
from kws_desktop.errors import UserError
from kws_desktop.i18n import _, format_date, format_rupiah, p_
from kws_desktop.services.book.dates import FutureDateError, date_problem
from kws_desktop.services.exchange.workbook_guard import damaged_file, not_xlsx, unsafe_file, guard_workbook
from kws_desktop.store.book import Book

MAX_MONEY = 10_000_000_000
MAX_ROWS = 50_000      # data rows per sheet
MAX_COLUMNS = 64       # columns read per sheet (the template has fewer than 20)
MAX_LISTED = 200  # problems listed in the message; all are kept in `problems`
Progress = Callable[[int, int], None]


# --- results and problems -------------------------------------------------------------------

@dataclass(frozen=True)
class ImportProblem:
    """One problem: where (sheet, Excel row, column title) and why, in the user's language."""

    sheet: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        reason = self.reason.strip()
        if reason and reason[-1] not in ".!?":
            reason += "."
        if self.row is None and self.column is None:
            return _("{sheet}: {reason}").format(sheet=self.sheet, reason=reason)
        if self.row is None:
            return _("{sheet}, kolom {column}: {reason}").format(sheet=self.sheet, column=self.column,
                                                                 reason=reason)
        if self.column is None:
            return _("{sheet}, baris {row}: {reason}").format(sheet=self.sheet, row=self.row,
                                                              reason=reason)
        return _("{sheet}, baris {row}, kolom {column}: {reason}").format(
            sheet=self.sheet, row=self.row, column=self.column, reason=reason)


class ImportRefused(UserError):
    """Nothing was imported; `problems` lists every problem found. The import may have stopped
    at a question only the user can answer: `future_day`, a payment or purchase dated after
    today that was not confirmed (future_ok); `needs_reason`, a document dated before the
    latest of its kind, imported only with a reason (backdate_note)."""

    def __init__(self, problems: list[ImportProblem], *, stopped: bool = False,
                 future_day: dt.date | None = None, needs_reason: bool = False):
        self.import_problems = list(problems)
        self.stopped = stopped
        self.future_day, self.needs_reason = future_day, needs_reason
        n = len(problems)
        head = _("Tidak ada yang diimpor: ditemukan {n} masalah. Perbaiki lalu impor lagi.").format(n=n) \
            if n != 1 else _("Tidak ada yang diimpor: ditemukan 1 masalah. Perbaiki lalu impor lagi.")
        lines = [head] + [str(p) for p in problems[:MAX_LISTED]]
        if n > MAX_LISTED:
            lines.append(_("… dan {n} masalah lain.").format(n=n - MAX_LISTED))
        super().__init__("\n".join(lines), problems=[(None, str(p)) for p in problems])


@dataclass(frozen=True)
class ImportSummary:
    members: int = 0
    customers: int = 0
    materials: int = 0
    suppliers: int = 0
    purchases: int = 0
    purchase_lines: int = 0
    orders: int = 0
    invoices: int = 0
    payments: int = 0
    rows: int = 0
    seconds: float = 0.0
    created_book: bool = False

    def lines(self) -> list[str]:
        """What was imported, one line per kind (kinds with nothing are left out)."""
        out = []
        for label, n in ((p_("jamak", "Anggota"), self.members), (p_("jamak", "Pelanggan"), self.customers),
                         (p_("jamak", "Bahan"), self.materials), (_("Toko baru"), self.suppliers),
                         (_("Pembelian (nota)"), self.purchases), (p_("jamak", "Pesanan"), self.orders),
                         (_("Tagihan dibuat"), self.invoices), (_("Pembayaran (kuitansi)"), self.payments)):
            if n:
                out.append(f"{label}: {n}")
        return out


# --- the template ---------------------------------------------------------------------------

def template_lists() -> dict[str, list[str]]:
    """The pick lists offered in the template (documents.import_template.LIST_TITLES)."""
    from kws_desktop.services.sales.customers import kecamatan_list
    from kws_desktop.services.purchasing.materials import CATEGORIES, UNITS
    from kws_desktop.services.people.members import ROLES
    institutional = [PAYER_LABELS[p] for p in PayerType if p != PayerType.SWADAYA]
    return {
        "gender": ["P", "L"],
        "role": list(ROLES),
        "yes_no": [_("ya"), _("tidak")],
        "customer_kind": [_("rumah tangga"), _("lembaga")],
        "kecamatan": kecamatan_list(None),
        "unit": list(UNITS),
        "category": [_(c) for c in CATEGORIES],
        "purchase_method": [_("tunai"), _("transfer"), _("utang")],
        "payment_method": [_("tunai"), _("transfer")],
        "institution_payer": institutional,
        "payer": [PAYER_LABELS[PayerType.SWADAYA]] + institutional,
    }


def write_template(path) -> Path:
    """Write the blank import workbook (kws-desktop template OUT.xlsx)."""
    return write_import_template(path, template_lists())


# --- reading the workbook -------------------------------------------------------------------

@dataclass
class Row:
    number: int                 # the row number as Excel shows it
    values: dict[str, object]   # column key -> raw cell value


def _norm(text: object) -> str:
    text = re.sub(r"\(.*?\)", " ", str(text or "")).replace("*", " ")
    return " ".join(text.split()).lower()


def _sheet_name(spec: SheetSpec) -> str:
    return _(spec.title)


def _col_name(col: ColumnSpec) -> str:
    return _(col.title)


def read_workbook(path, problems: list[ImportProblem]) -> dict[str, list[Row]]:
    """Rows of every sheet by sheet key (empty rows skipped); missing sheets and columns are
    added to `problems`. Raises UserError when the file is not a readable, safe XLSX at all
    (services/exchange/workbook_guard.py checks it before openpyxl parses anything); cells the guard
    refuses (formulas without a saved result, too long, not a number) are added to `problems`
    and nothing is parsed."""
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook
    path = Path(path)
    if not path.is_file():
        raise UserError(_("Berkas tidak ditemukan: {path}").format(path=path))
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(_("Berkas {name} memakai format Excel lama (.xls). Buka di Excel lalu simpan "
                          "sebagai .xlsx, kemudian coba lagi.").format(name=path.name))
    if head and not head.startswith(b"PK"):
        raise not_xlsx(path)
    refused = guard_workbook(path, MAX_ROWS + 1)
    if refused:
        problems.extend(ImportProblem(p.sheet, p.row, p.column, p.reason) for p in refused)
        return {}
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        if isinstance(exc, DefusedXmlException) or isinstance(exc.__cause__, DefusedXmlException):
            raise unsafe_file(path) from exc
        raise not_xlsx(path) from exc
    try:
        by_name = {_norm(name): name for name in wb.sheetnames}
        out: dict[str, list[Row]] = {}
        for spec in SHEETS:
            name = by_name.get(_norm(_(spec.title))) or by_name.get(_norm(spec.title))
            if name is None:
                problems.append(ImportProblem(_sheet_name(spec), None, None, _(
                    "lembar ini tidak ada di berkas. Pakai templat dari KWS Desktop dan jangan hapus "
                    "lembarnya (biarkan kosong bila tidak dipakai)")))
                continue
            try:
                out[spec.key] = _read_sheet(wb[name], spec, problems)
            except DefusedXmlException as exc:
                raise unsafe_file(path) from exc
            except Exception as exc:  # noqa: BLE001 - the guard passed it; openpyxl still failed
                raise damaged_file(path, name, None) from exc
        return out
    finally:
        wb.close()


def _read_sheet(ws, spec: SheetSpec, problems: list[ImportProblem]) -> list[Row]:
    ws.reset_dimensions()  # a wrong <dimension> must not hide rows (nor pad every row)
    rows_iter = ws.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    try:
        header = next(rows_iter)
    except StopIteration:
        header = ()
    names: dict[str, int] = {}
    for i, value in enumerate(header or ()):
        key = _norm(value)
        if key and key not in names:
            names[key] = i
    where: dict[str, int] = {}
    for col in spec.columns:
        i = names.get(_norm(_(col.title)))
        if i is None:
            i = names.get(_norm(col.title))
        if i is not None:
            where[col.key] = i
        elif col.required:
            problems.append(ImportProblem(_sheet_name(spec), 1, _col_name(col), _(
                "kolom ini tidak ada (judul kolom di baris 1). Kembalikan judul kolom seperti di templat")))
    rows: list[Row] = []
    for number, values in enumerate(rows_iter, start=2):
        if values is None:
            continue
        if not any(v is not None and (not isinstance(v, str) or v.strip()) for v in values):
            continue
        if len(rows) >= MAX_ROWS:
            problems.append(ImportProblem(_sheet_name(spec), number, None, _(
                "terlalu banyak baris (paling banyak {n} per lembar)").format(n=MAX_ROWS)))
            break
        rows.append(Row(number, {key: values[i] if i < len(values) else None for key, i in where.items()}))
    return rows


# --- reading cells --------------------------------------------------------------------------

_YES = {"ya", "y", "iya", "yes", "1", "true", "benar", "v", "x", "✓"}
_NO = {"tidak", "t", "tdk", "no", "n", "0", "false", "bukan", "-"}
_MONEY_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+(,0+)?$")
_MONEY_PLAIN = re.compile(r"^\d+(,0+|\.0+)?$")


def _shown(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if (value.hour or value.minute) else value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = str(value).strip()
    return text if len(text) <= 40 else text[:37] + "…"


class Cells:
    """One row's cells, read by kind; each bad cell adds one problem naming its column."""

    def __init__(self, spec: SheetSpec, row: Row, problems: list[ImportProblem]):
        self.spec, self.row, self.problems = spec, row, problems
        self.bad = False

    def problem(self, key: str | None, reason: str) -> None:
        column = _col_name(self.spec.column(key)) if key else None
        self.problems.append(ImportProblem(_sheet_name(self.spec), self.row.number, column, reason))
        self.bad = True

    def raw(self, key: str) -> object:
        value = self.row.values.get(key)
        if isinstance(value, str):  # control characters go before the required-field check
            if "_x" in value:  # Excel writes a control character as _x0007_ (openpyxl keeps it)
                from openpyxl.utils.escape import unescape
                value = unescape(value)
            value = clean_text(value).strip()
            return value or None
        return value

    def _missing(self, key: str, required: bool) -> bool:
        if self.raw(key) is None:
            if required:
                self.problem(key, _("wajib diisi"))
            return True
        return False

    def text(self, key: str, *, required: bool = False, limit: int = 300) -> str:
        value = self.raw(key)
        if value is None:
            if required:
                self.problem(key, _("wajib diisi"))
            return ""
        if isinstance(value, bool):
            text = _("ya") if value else _("tidak")
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        elif isinstance(value, (dt.date, dt.datetime)):
            text = _shown(value)
        else:
            text = " ".join(str(value).split())
        if len(text) > limit:
            self.problem(key, _("terlalu panjang (paling banyak {n} huruf)").format(n=limit))
        return text

    def phone(self, key: str) -> str:
        value = self.raw(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            digits = str(int(value))  # a number cell lost its leading zero: 8123... -> 08123...
            return "0" + digits if digits.startswith("8") else digits
        return self.text(key, limit=60)

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        if self._missing(key, required):
            return None
        value = self.raw(key)
        day = None
        if isinstance(value, dt.datetime):
            day = value.date()
        elif isinstance(value, dt.date):
            day = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
            from openpyxl.utils.datetime import from_excel
            try:
                day = from_excel(value).date()
            except (ValueError, OverflowError):
                day = None
        elif isinstance(value, str):
            for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%y"):
                try:
                    day = dt.datetime.strptime(value, fmt).date()
                    break
                except ValueError:
                    continue
        if day is None:
            self.problem(key, _("bukan tanggal yang benar (\"{text}\"); tulis hari/bulan/tahun, "
                                "misalnya 15/01/2026").format(text=_shown(value)))
            return None
        problem = date_problem(day)
        if problem:
            self.problem(key, problem)
            return None
        return day

    def money(self, key: str, *, required: bool = False, positive: bool = False) -> int | None:
        """Whole rupiah; None when empty (and not required) or bad."""
        if self._missing(key, required):
            return None
        value = self.raw(key)
        amount = None
        if isinstance(value, bool):
            amount = None
        elif isinstance(value, int):
            amount = value
        elif isinstance(value, float):
            if math.isnan(value):
                amount = None
            elif abs(value) > MAX_MONEY:  # 1e308, infinity: checked before any formatting
                self.problem(key, _("jumlah uang terlalu besar (paling banyak {limit})").format(
                    limit=format_rupiah(MAX_MONEY)))
                return None
            elif not value.is_integer():
                self.problem(key, _("uang ditulis rupiah bulat, tanpa sen (\"{text}\")").format(
                    text=_shown(value)))
                return None
            else:
                amount = int(value)
        elif isinstance(value, Decimal):
            amount = int(value) if value.is_finite() and value == value.to_integral_value() else None
        elif isinstance(value, str):
            text = value.replace(" ", "").replace("\u00a0", "")
            text = re.sub(r"^(rp\.?)", "", text, flags=re.IGNORECASE)
            negative = text.startswith("-")
            text = text.lstrip("-")
            if len(text) > 30:
                amount = None
            elif _MONEY_DOTS.match(text):
                amount = int(text.split(",")[0].replace(".", ""))
            elif _MONEY_PLAIN.match(text):
                amount = int(re.split(r"[,.]", text)[0])
            if amount is not None and negative:
                amount = -amount
        if amount is None:
            self.problem(key, _("bukan angka rupiah (\"{text}\"); tulis misalnya 1250000 atau "
                                "1.250.000").format(text=_shown(value)))
            return None
        if amount < 0:
            self.problem(key, _("tidak boleh kurang dari nol"))
            return None
        if positive and amount == 0:
            self.problem(key, _("harus lebih dari nol"))
            return None
        if amount > MAX_MONEY:
            self.problem(key, _("jumlah uang terlalu besar (paling banyak {limit})").format(
                limit=format_rupiah(MAX_MONEY)))
            return None
        return amount

    def qty(self, key: str, *, required: bool = False, positive: bool = True) -> Decimal | None:
        if self._missing(key, required):
            return None
        value = self.raw(key)
        try:
            if isinstance(value, bool):
                raise QuantityError(str(value))
            if isinstance(value, float):
                value_q = to_quantity(repr(value))
            elif isinstance(value, (int, Decimal, str)):
                value_q = to_quantity(value)
            else:
                raise QuantityError(str(value))
        except (QuantityError, TypeError):
            self.problem(key, _("bukan angka (\"{text}\")").format(text=_shown(value)))
            return None
        if value_q < 0 or (positive and value_q == 0):
            self.problem(key, _("harus lebih dari nol") if positive else _("tidak boleh kurang dari nol"))
            return None
        return value_q

    def integer(self, key: str) -> int | None:
        qty = self.qty(key)
        if qty is None:
            return None
        if qty != qty.to_integral_value():
            self.problem(key, _("harus bilangan bulat (\"{text}\")").format(text=_shown(self.raw(key))))
            return None
        return int(qty)

    def yes_no(self, key: str) -> bool:
        value = self.raw(key)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        text = _shown(value).lower()
        if text in _YES or text == _("ya").lower():
            return True
        if text in _NO or text == _("tidak").lower():
            return False
        self.problem(key, _("tulis ya atau tidak (\"{text}\")").format(text=_shown(value)))
        return False

    def choice(self, key: str, options: dict[str, str], *, default: str | None = None,
               required: bool = False, shown: list[str] | None = None) -> str | None:
        """`options` maps accepted spellings (lower case) to codes."""
        value = self.raw(key)
        if value is None:
            if required:
                self.problem(key, _("wajib diisi"))
            return default
        code = options.get(_shown(value).lower())
        if code is None:
            names = ", ".join(shown or sorted(set(options)))
            self.problem(key, _("tidak dikenal (\"{text}\"); pilih salah satu: {names}").format(
                text=_shown(value), names=names))
        return code


# --- option tables --------------------------------------------------------------------------

def _gender_options() -> dict[str, str]:
    return {"p": "P", "l": "L", "perempuan": "P", "wanita": "P", "laki-laki": "L", "laki laki": "L",
            "pria": "L", "lk": "L", "pr": "P", _("perempuan").lower(): "P", _("laki-laki").lower(): "L"}


def _payer_options(*, with_swadaya: bool) -> dict[str, str]:
    out = {}
    for p in PayerType:
        if p == PayerType.SWADAYA and not with_swadaya:
            continue
        out[p.value] = p.value
        out[PAYER_LABELS[p].lower()] = p.value
    if with_swadaya:
        out.update({"sendiri": "swadaya", "rumah tangga": "swadaya", "pelanggan": "swadaya"})
    return out


def _payer_names(*, with_swadaya: bool) -> list[str]:
    return [PAYER_LABELS[p] for p in PayerType if with_swadaya or p != PayerType.SWADAYA]


# --- what the sheets hold (after checking) --------------------------------------------------

@dataclass
class _Member:
    row: int
    data: object  # MemberInput


@dataclass
class _Customer:
    row: int
    data: object  # CustomerInput


@dataclass
class _Material:
    row: int
    data: object  # MaterialInput


@dataclass
class _PurchaseLine:
    row: int
    material: tuple[str, object]  # ("sheet", lower name) | ("book", id)
    qty: Decimal
    price: int


@dataclass
class _Purchase:
    row: int
    date: dt.date | None
    supplier: str
    method: str
    slip: str
    shipping: int = 0
    notes: str = ""
    lines: list[_PurchaseLine] = field(default_factory=list)


@dataclass
class _Order:
    row: int
    ref: str
    date: dt.date | None
    customer: tuple[str, object] | None  # ("sheet", index) | ("book", id)
    package: tuple[int, str, str] | None  # (id, name, unit)
    description: str
    qty: Decimal
    price: int
    shares: dict[str, int]
    other_name: str
    notes: str
    bad: bool = False  # the row has problems of its own (payments do not repeat them)


@dataclass
class _Payment:
    row: int
    date: dt.date | None
    target: tuple[str, object]  # ("sheet_order", index) | ("book_order", id) | ("book_customer", id)
    payer_type: str
    amount: int
    method: str
    notes: str


@dataclass
class _Plan:
    members: list[_Member] = field(default_factory=list)
    customers: list[_Customer] = field(default_factory=list)
    materials: list[_Material] = field(default_factory=list)
    suppliers: list[str] = field(default_factory=list)
    purchases: list[_Purchase] = field(default_factory=list)
    orders: list[_Order] = field(default_factory=list)
    payments: list[_Payment] = field(default_factory=list)
    rows: int = 0


class _BookIndex:
    """What the book already holds, read once, for references and duplicates."""

    def __init__(self, s: Session, payment_numbers: set[str]):
        from kws_desktop.services.book.periods import closed_through
        from kws_desktop.store.models.sales import Customer
        from kws_desktop.store.models.purchasing import Material, Supplier
        from kws_desktop.store.models.people import Member
        from kws_desktop.store.models.jobs import Order
        from kws_desktop.store.models.sales import WorkPackage
        self.members = {n.lower() for n in s.execute(select(Member.name)).scalars()}
        self.customers = [(cid, name, desa or "", digits or "") for cid, name, desa, digits in s.execute(
            select(Customer.id, Customer.name, Customer.desa, Customer.phone_digits)).all()]
        self.materials = {n.lower(): mid for mid, n in s.execute(select(Material.id, Material.name)).all()}
        self.suppliers = {n.lower(): sid for sid, n in s.execute(select(Supplier.id, Supplier.name)).all()}
        self.packages: dict[str, tuple[int, str, str]] = {}
        for pid, code, name, unit in s.execute(select(WorkPackage.id, WorkPackage.code, WorkPackage.name,
                                                      WorkPackage.unit)).all():
            self.packages[" ".join(name.split()).lower()] = (pid, name, unit or "unit")
            self.packages.setdefault(code.strip().lower(), (pid, name, unit or "unit"))
        self.orders: dict[str, tuple[int, str, dt.date, int]] = {}
        numbers = sorted(n.upper() for n in payment_numbers)
        for i in range(0, len(numbers), 500):
            for oid, number, status, date, cid in s.execute(
                    select(Order.id, Order.number, Order.status, Order.date, Order.customer_id)
                    .where(Order.number.in_(numbers[i:i + 500]))).all():
                self.orders[number.upper()] = (oid, status, date, cid)
        self.closed = closed_through(s)


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    return "0" + digits[2:] if digits.startswith("62") else digits


# --- checking every row ---------------------------------------------------------------------

class _Checker:
    def __init__(self, sheets: dict[str, list[Row]], index: _BookIndex, problems: list[ImportProblem]):
        self.sheets, self.index, self.problems = sheets, index, problems
        self.plan = _Plan(rows=sum(len(r) for r in sheets.values()))
        # customers known by the sheet, for references: (name lower, desa lower, digits, index)
        self.sheet_customers: list[tuple[str, str, str, int]] = []
        self.sheet_materials: set[str] = set()
        self.order_refs: dict[str, int] = {}

    def cells(self, key: str, row: Row) -> Cells:
        return Cells(SHEET_BY_KEY[key], row, self.problems)

    def closed(self, c: Cells, key: str, day: dt.date | None) -> None:
        if day is not None and self.index.closed is not None and day <= self.index.closed:
            c.problem(key, _("tanggal {date} ada di periode yang sudah ditutup (sampai {end})").format(
                date=format_date(day), end=format_date(self.index.closed)))

    def service_problems(self, c: Cells, problems: list[tuple[str | None, str]], fields: dict[str, str]) -> None:
        for fld, message in problems:
            key = fields.get(fld or "")
            c.problem(key, message)

    def run(self) -> _Plan:
        for key, method in (("members", self.members), ("customers", self.customers),
                            ("materials", self.materials), ("purchases", self.purchases),
                            ("orders", self.orders), ("payments", self.payments)):
            for row in self.sheets.get(key, []):
                method(row)
        return self.plan

    # members
    def members(self, row: Row) -> None:
        from kws_desktop.services.people.members import ROLES, MemberInput, member_input_problems
        c = self.cells("members", row)
        name = c.text("name", required=True, limit=120)
        gender = c.choice("gender", _gender_options(), required=True, shown=["P", "L"])
        role = c.choice("role", {r: r for r in ROLES} | {_(v).lower(): k for k, v in ROLES.items()},
                        default="anggota", shown=list(ROLES))
        joined = c.date("joined_on", required=True)
        self.closed(c, "joined_on", joined)
        data = MemberInput(name=name, gender=gender or "P", role=role or "anggota", phone=c.phone("phone"),
                           address=c.text("address"), joined_on=joined, disability=c.yes_no("disability"),
                           capital=c.money("capital") or 0, daily_wage=c.money("daily_wage") or 0,
                           notes=c.text("notes"))
        if not c.bad:
            self.service_problems(c, member_input_problems(data), {
                "name": "name", "gender": "gender", "role": "role", "joined_on": "joined_on",
                "capital": "capital", "daily_wage": "daily_wage", "phone": "phone"})
        if name:
            low = _clean(name).lower()
            first = self._seen("members", low, row.number)
            if first is not None:
                c.problem("name", _("anggota \"{name}\" sudah ditulis di baris {row}").format(name=name, row=first))
            elif low in self.index.members:
                c.problem("name", _("sudah ada anggota bernama \"{name}\" di buku").format(name=name))
        self.plan.members.append(_Member(row.number, data))

    def _seen(self, kind: str, key, row: int) -> int | None:
        seen = self.__dict__.setdefault("_seen_" + kind, {})
        if key in seen:
            return seen[key]
        seen[key] = row
        return None

    # customers
    def customers(self, row: Row) -> None:
        from kws_desktop.services.sales.customers import CustomerInput
        from kws_desktop.services.sales.customers import _validate as validate_customer
        c = self.cells("customers", row)
        name = c.text("name", required=True, limit=150)
        kind = c.choice("kind", {"rumah tangga": "household", "rt": "household", "keluarga": "household",
                                 "lembaga": "institution", "instansi": "institution",
                                 _("rumah tangga").lower(): "household", _("lembaga").lower(): "institution"},
                        default="household", shown=[_("rumah tangga"), _("lembaga")])
        gender = c.choice("gender", _gender_options(), default="", shown=["P", "L"])
        payer = c.choice("payer_type", _payer_options(with_swadaya=False),
                         default="swadaya" if kind != "institution" else PayerType.LAINNYA.value,
                         shown=_payer_names(with_swadaya=False))
        data = CustomerInput(
            name=name, kind=kind or "household", gender=gender or "", nik=c.text("nik", limit=40),
            phone=c.phone("phone"), address=c.text("address"), rt=c.text("rt", limit=10),
            rw=c.text("rw", limit=10), desa=c.text("desa", limit=100), kecamatan=c.text("kecamatan", limit=100),
            kabupaten=c.text("kabupaten", limit=100), is_mbr=c.yes_no("is_mbr"),
            household_size=c.integer("household_size"), payer_type=payer or "swadaya",
            contact_person=c.text("contact_person", limit=120), notes=c.text("notes", limit=2000))
        if not c.bad:
            try:
                validate_customer(data)
            except UserError as exc:
                self.service_problems(c, exc.problems, {k: k for k in (
                    "name", "kind", "gender", "nik", "phone", "rt", "rw", "household_size", "payer_type",
                    "address", "desa", "kecamatan", "kabupaten", "contact_person")})
        index = len(self.plan.customers)
        if name:
            low, desa = _clean(name).lower(), _clean(data.desa).lower()
            first = self._seen("customers", (low, desa), row.number)
            if first is not None:
                text = (_("pelanggan \"{name}\" di desa {desa} sudah ditulis di baris {row}") if data.desa
                        else _("pelanggan \"{name}\" sudah ditulis di baris {row}"))
                c.problem("name", text.format(name=name, desa=data.desa, row=first))
            elif any(n.lower() == low and d.lower() == desa for _i, n, d, _p in self.index.customers):
                text = (_("pelanggan \"{name}\" di desa {desa} sudah ada di buku") if data.desa
                        else _("pelanggan \"{name}\" sudah ada di buku"))
                c.problem("name", text.format(name=name, desa=data.desa))
            else:  # a duplicate is refused above; references then find the first one only
                self.sheet_customers.append((low, desa, _digits(data.phone), index))
        self.plan.customers.append(_Customer(row.number, data))

    def _customer_index(self):
        """Customers of the sheet and the book by name and by phone digits (built once, after
        the Pelanggan sheet): entries are (ref, name, desa, digits), lower case."""
        cached = self.__dict__.get("_by_name")
        if cached is not None and self.__dict__.get("_indexed") == len(self.sheet_customers):
            return cached, self.__dict__["_by_phone"]
        by_name: dict[str, list] = {}
        by_phone: dict[str, list] = {}
        entries = [(("sheet", i), n, d, p) for n, d, p, i in self.sheet_customers]
        entries += [(("book", cid), n.lower(), d.lower(), p) for cid, n, d, p in self.index.customers]
        for entry in entries:
            by_name.setdefault(entry[1], []).append(entry)
            if entry[3]:
                by_phone.setdefault(entry[3], []).append(entry)
        self.__dict__.update(_by_name=by_name, _by_phone=by_phone, _indexed=len(self.sheet_customers))
        return by_name, by_phone

    def find_customer(self, c: Cells, name: str, desa: str, phone: str) -> tuple[str, object] | None:
        """("sheet", index) or ("book", id); adds a problem when none or several match."""
        low, desa_low, digits = _clean(name).lower(), _clean(desa).lower(), _digits(phone)
        by_name, by_phone = self._customer_index()
        found = []
        if len(digits) >= 8:
            found = list(by_phone.get(digits, ()))
            if low and len(found) > 1:
                found = [x for x in found if x[1] == low] or found
        if not found and low:
            found = list(by_name.get(low, ()))
            if desa_low:
                found = [x for x in found if x[2] == desa_low]
        if len(found) == 1:
            return found[0][0]
        shown = name or phone
        if not found:
            if not low and not digits:
                return None
            c.problem("customer" if low else "phone", _(
                "pelanggan \"{name}\" tidak ada di lembar Pelanggan maupun di buku").format(name=shown)
                if not desa_low else _("pelanggan \"{name}\" di desa {desa} tidak ada di lembar Pelanggan "
                                       "maupun di buku").format(name=shown, desa=desa))
        else:
            c.problem("customer", _("ada {n} pelanggan bernama \"{name}\"; isi juga Desa/kelurahan atau "
                                    "Telepon agar jelas yang mana").format(n=len(found), name=shown))
        return None

    # materials
    def materials(self, row: Row) -> None:
        from kws_desktop.services.book.amounts import LIST_PRICE, check_rupiah
        from kws_desktop.services.purchasing.materials import UNITS, MaterialInput
        c = self.cells("materials", row)
        name = c.text("name", required=True, limit=120)
        unit = c.choice("unit", {u: u for u in UNITS}, required=True, shown=list(UNITS))
        data = MaterialInput(name=name, unit=unit or "", category=c.text("category", limit=60),
                             price=c.money("price") or 0, min_stock=c.qty("min_stock", positive=False) or 0,
                             notes=c.text("notes"))
        if name:
            low = _clean(name).lower()
            first = self._seen("materials", low, row.number)
            if first is not None:
                c.problem("name", _("bahan \"{name}\" sudah ditulis di baris {row}").format(name=name, row=first))
            elif low in self.index.materials:
                c.problem("name", _("bahan \"{name}\" sudah ada di buku").format(name=name))
            self.sheet_materials.add(low)
        problems: list = []
        check_rupiah(data.price, "price", problems, LIST_PRICE, _("Harga"))
        self.service_problems(c, problems, {"price": "price"})
        self.plan.materials.append(_Material(row.number, data))

    # purchases
    def purchases(self, row: Row) -> None:
        c = self.cells("purchases", row)
        slip = c.text("slip_number", limit=60)
        day = c.date("date", required=True)
        self.closed(c, "date", day)
        supplier = c.text("supplier", limit=150)
        method = c.choice("method", {"tunai": "cash", "cash": "cash", "kas": "cash", "transfer": "transfer",
                                     "bank": "transfer", "tf": "transfer", "utang": "credit", "hutang": "credit",
                                     "kredit": "credit", "bon": "credit", _("tunai").lower(): "cash",
                                     _("utang").lower(): "credit"},
                          default="cash", shown=[_("tunai"), _("transfer"), _("utang")])
        if method == "credit" and not supplier:
            c.problem("supplier", _("pembelian dengan utang harus menyebut tokonya"))
        mat_name = c.text("material", required=True, limit=120)
        material = None
        if mat_name:
            low = _clean(mat_name).lower()
            if low in self.sheet_materials:
                material = ("sheet", low)
            elif low in self.index.materials:
                material = ("book", self.index.materials[low])
            else:
                c.problem("material", _("bahan \"{name}\" tidak ada di lembar Bahan maupun di buku").format(
                    name=mat_name))
        qty = c.qty("qty", required=True)
        price = c.money("unit_price", required=True, positive=True)
        shipping = c.money("shipping") or 0
        notes = c.text("notes")
        key = (slip.lower(), _clean(supplier).lower()) if slip else ("#", row.number)
        groups = self.__dict__.setdefault("_purchase_groups", {})
        group = groups.get(key)
        if group is None:
            group = _Purchase(row.number, day, supplier, method or "cash", slip, notes=notes)
            groups[key] = group
            self.plan.purchases.append(group)
        else:
            if day is not None and group.date is not None and day != group.date:
                c.problem("date", _("nota {slip} di baris {row} bertanggal {date}; satu nota satu tanggal").format(
                    slip=slip, row=group.row, date=group.date.strftime("%d/%m/%Y")))
            if method is not None and method != group.method:
                c.problem("method", _("nota {slip} di baris {row} dibayar dengan cara lain; satu nota satu "
                                      "cara bayar").format(slip=slip, row=group.row))
            if notes and not group.notes:
                group.notes = notes
        group.shipping += shipping
        if material is not None and qty is not None and price is not None:
            group.lines.append(_PurchaseLine(row.number, material, qty, price))
        if supplier and _clean(supplier).lower() not in self.index.suppliers:
            if _clean(supplier).lower() not in {s.lower() for s in self.plan.suppliers}:
                self.plan.suppliers.append(_clean(supplier))

    # orders
    def orders(self, row: Row) -> None:
        c = self.cells("orders", row)
        ref = c.text("ref", limit=60)
        day = c.date("date", required=True)
        self.closed(c, "date", day)
        name = c.text("customer", required=True, limit=150)
        desa, phone = c.text("desa", limit=100), c.phone("phone")
        customer = self.find_customer(c, name, desa, phone) if name else None
        package = None
        pkg = c.text("package", limit=150)
        if pkg:
            package = self.index.packages.get(_clean(pkg).lower())
            if package is None:
                c.problem("package", _("paket \"{name}\" tidak ada di buku (tulis nama atau kodenya, atau "
                                       "kosongkan dan isi Uraian pekerjaan)").format(name=pkg))
        description = c.text("description")
        if not pkg and not description:
            c.problem("description", _("isi Paket atau Uraian pekerjaan"))
        qty = c.qty("qty") or Decimal(1)
        price = c.money("price", required=True, positive=True)
        other = c.choice("other_payer", _payer_options(with_swadaya=False),
                         shown=_payer_names(with_swadaya=False))
        other_amount = c.money("other_amount")
        shares: dict[str, int] = {}
        if other_amount and not other and c.raw("other_payer") is None:
            c.problem("other_payer", _("isi siapa pembayar lainnya (APBD, DAK, BAZNAS, CSR, Kredit atau Lainnya)"))
        elif other and not other_amount:
            c.problem("other_amount", _("isi bagian yang dibayar {payer}").format(payer=PAYER_LABELS[PayerType(other)]))
        elif price is not None and other_amount and other_amount > price:
            c.problem("other_amount", _("bagian pembayar lain ({part}) lebih besar dari harga ({price})").format(
                part=format_rupiah(other_amount), price=format_rupiah(price)))
        if price is not None:
            own = price - (other_amount or 0) if other else price
            if own > 0:
                shares[PayerType.SWADAYA.value] = own
            if other and other_amount:
                shares[other] = other_amount
        if ref:
            first = self._seen("orders", ref.lower(), row.number)
            if first is not None:
                c.problem("ref", _("No. pesanan {ref} sudah dipakai di baris {row}").format(ref=ref, row=first))
            else:
                self.order_refs[ref.lower()] = len(self.plan.orders)
        other_name, notes = c.text("other_name", limit=150), c.text("notes")
        self.plan.orders.append(_Order(row.number, ref, day, customer, package, description, qty,
                                       price or 0, shares, other_name, notes, bad=c.bad))

    # payments
    def payments(self, row: Row) -> None:
        c = self.cells("payments", row)
        day = c.date("date", required=True)
        self.closed(c, "date", day)
        payer = c.choice("payer", _payer_options(with_swadaya=True), default="swadaya",
                         shown=_payer_names(with_swadaya=True)) or "swadaya"
        amount = c.money("amount", required=True, positive=True)
        method = c.choice("method", {"tunai": "cash", "cash": "cash", "kas": "cash", "transfer": "transfer",
                                     "bank": "transfer", "tf": "transfer", _("tunai").lower(): "cash"},
                          default="cash", shown=[_("tunai"), _("transfer")]) or "cash"
        notes = c.text("notes")
        ref = c.text("order", limit=60)
        name, desa, phone = c.text("customer", limit=150), c.text("desa", limit=100), c.phone("phone")
        target = None
        remaining = self.__dict__.setdefault("_remaining", {})
        label = PAYER_LABELS[PayerType(payer)]
        if ref:
            if ref.lower() in self.order_refs:
                target = ("sheet_order", self.order_refs[ref.lower()])
            elif ref.upper() in self.index.orders:
                oid, status, odate, _cid = self.index.orders[ref.upper()]
                if status == Stage.BATAL:
                    c.problem("order", _("pesanan {ref} sudah dibatalkan").format(ref=ref))
                elif day is not None and day < odate:
                    c.problem("date", _("sebelum tanggal pesanan {ref} ({date})").format(ref=ref, date=format_date(odate)))
                target = ("book_order", oid)
            else:
                c.problem("order", _("pesanan \"{ref}\" tidak ada di lembar Pesanan maupun di buku").format(ref=ref))
        elif name or phone:
            customer = self.find_customer(c, name, desa, phone)
            if customer is not None:
                candidates = [i for i, o in enumerate(self.plan.orders) if o.customer == customer
                              and (day is None or o.date is None or o.date <= day)]
                open_ones = [i for i in candidates if remaining.get((i, payer), self.plan.orders[i].shares.get(payer, 0)) > 0]
                if open_ones:
                    target = ("sheet_order", open_ones[0])
                elif customer[0] == "book":
                    target = ("book_customer", customer[1])
                else:
                    c.problem("customer", _("pelanggan \"{name}\" tidak punya pesanan yang belum lunas untuk "
                                            "pembayar {payer}").format(name=name or phone, payer=label))
        else:
            c.problem("order", _("isi No. pesanan, atau nama Pelanggan"))
        if target is not None and target[0] == "sheet_order" and not self.plan.orders[target[1]].bad:
            i = target[1]
            order = self.plan.orders[i]
            shown_ref = order.ref or _("baris {row}").format(row=order.row)
            share = order.shares.get(payer, 0)
            left = remaining.get((i, payer), share)
            if share == 0:
                c.problem("payer", _("pesanan {ref} tidak dibayar oleh {payer}").format(ref=shown_ref, payer=label))
            elif amount is not None and amount > left:
                c.problem("amount", _("lebih besar dari sisa tagihan {payer} untuk pesanan {ref} ({left})").format(
                    payer=label, ref=shown_ref, left=format_rupiah(left)) if left > 0 else
                    _("tagihan {payer} untuk pesanan {ref} sudah lunas").format(payer=label, ref=shown_ref))
            elif amount is not None:
                remaining[(i, payer)] = left - amount
            if day is not None and order.date is not None and day < order.date:
                c.problem("date", _("sebelum tanggal pesanan {ref} ({date})").format(
                    ref=shown_ref, date=format_date(order.date)))
        if target is not None:
            self.plan.payments.append(_Payment(row.number, day, target, payer, amount or 0, method, notes))


# --- importing ------------------------------------------------------------------------------

def check_workbook(book: Book, path) -> tuple[_Plan, list[ImportProblem]]:
    """Read and check every row (nothing is written). Returns the plan and the problems."""
    problems: list[ImportProblem] = []
    sheets = read_workbook(path, problems)
    numbers = {str(r.values.get("order")).strip() for r in sheets.get("payments", [])
               if r.values.get("order") not in (None, "")}
    with book.reading() as s:
        index = _BookIndex(s, numbers)
    plan = _Checker(sheets, index, problems).run()
    return plan, problems


def import_workbook(book: Book, path, *, progress: Progress | None = None,
                    backdate_note: str = "", future_ok: bool = False) -> ImportSummary:
    """Check every row of every sheet, then import everything in one transaction, or nothing.
    `future_ok`: payments and purchases dated after today (at most 31 days) are meant.

    `backdate_note`: why purchases, orders (their invoices) and payments (their kuitansi) are
    dated before the book's latest document of their kind and year (without it such a row
    refuses the import, services/book/backdating.py); kept with each of them.

    Raises ImportRefused (a UserError) listing every problem as sheet, row, column and reason.
    `progress(done, total)` is called as rows are written (it may raise to cancel: nothing
    is then saved)."""
    started = time.monotonic()
    plan, problems = check_workbook(book, path)
    if problems:
        raise ImportRefused(problems)
    if plan.rows == 0:
        raise UserError(_("Berkas ini belum berisi data: semua lembar kosong. Isi lembar-lembarnya "
                          "(data mulai baris 2) lalu impor lagi."))
    with book.transaction() as s:
        counts = _Writer(s, book.actor, plan, progress, backdate_note, future_ok).run()
    return ImportSummary(**counts, rows=plan.rows, seconds=round(time.monotonic() - started, 2))


class _Writer:
    def __init__(self, s: Session, actor: str, plan: _Plan, progress: Progress | None,
                 backdate_note: str = "", future_ok: bool = False):
        self.s, self.actor, self.plan, self.progress = s, actor, plan, progress
        self.backdate_note, self.future_ok = backdate_note, future_ok
        self.done = 0
        self.total = max(1, plan.rows)
        self.customer_ids: dict[int, int] = {}
        self.material_ids: dict[str, int] = {}
        self.supplier_ids: dict[str, int] = {}
        self.order_ids: dict[int, int] = {}
        self.invoices: dict[tuple[int, str], int] = {}
        self.counts = dict(members=0, customers=0, materials=0, suppliers=0, purchases=0, purchase_lines=0,
                           orders=0, invoices=0, payments=0)

    def tick(self, n: int = 1) -> None:
        self.done += n
        if self.progress is not None and (self.done % 50 == 0 or self.done >= self.total):
            self.progress(min(self.done, self.total), self.total)

    def fail(self, sheet: str, row: int, exc: UserError, fields: dict[str, str]) -> ImportRefused:
        spec = SHEET_BY_KEY[sheet]
        key = fields.get(exc.field or "") if exc.field else None
        if key is None and exc.field:
            key = next((v for k, v in fields.items() if k.endswith("*") and exc.field.startswith(k[:-1])), None)
        column = _col_name(spec.column(key)) if key else None
        return ImportRefused([ImportProblem(_sheet_name(spec), row, column, exc.message)], stopped=True,
                             future_day=exc.day if isinstance(exc, FutureDateError) else None,
                             needs_reason=exc.field == "backdate_note")

    def run(self) -> dict[str, int]:
        from kws_desktop.services.sales.customers import add_customer
        from kws_desktop.services.purchasing.materials import add_material
        from kws_desktop.services.people.members import register_member_in
        from kws_desktop.services.purchasing.suppliers import SupplierInput, add_supplier
        s, actor = self.s, self.actor
        for m in self.plan.members:
            try:
                register_member_in(s, m.data, actor=actor)
            except UserError as exc:
                raise self.fail("members", m.row, exc, {k: k for k in (
                    "name", "gender", "role", "joined_on", "capital", "daily_wage", "phone")}) from exc
            self.counts["members"] += 1
            self.tick()
        for i, c in enumerate(self.plan.customers):
            try:
                self.customer_ids[i] = add_customer(s, c.data, actor=actor).id
            except UserError as exc:
                raise self.fail("customers", c.row, exc, {k: k for k in (
                    "name", "kind", "gender", "nik", "phone", "rt", "rw", "household_size", "payer_type")}) from exc
            self.counts["customers"] += 1
            self.tick()
        first_day = min((p.date for p in self.plan.purchases if p.date), default=None)
        for m in self.plan.materials:
            try:
                material = add_material(s, m.data, actor=actor, date=first_day)
            except UserError as exc:
                raise self.fail("materials", m.row, exc, {"name": "name", "unit": "unit", "price": "price",
                                                          "min_stock": "min_stock"}) from exc
            self.material_ids[material.name.lower()] = material.id
            self.counts["materials"] += 1
            self.tick()
        for name in self.plan.suppliers:
            supplier = add_supplier(s, SupplierInput(name=name), actor=actor)
            self.supplier_ids[name.lower()] = supplier.id
            self.counts["suppliers"] += 1
        self.purchases()
        self.orders()
        self.payments()
        return self.counts

    def purchases(self) -> None:
        from kws_desktop.services.purchasing.purchases import PurchaseInput, PurchaseLineInput, record_purchase_in
        from kws_desktop.store.models.purchasing import Supplier
        for p in sorted(self.plan.purchases, key=lambda p: (p.date, p.row)):
            supplier_id = None
            if p.supplier:
                low = _clean(p.supplier).lower()
                supplier_id = self.supplier_ids.get(low)
                if supplier_id is None:
                    supplier_id = self.s.execute(select(Supplier.id).where(
                        func.lower(Supplier.name) == low)).scalar()
                    self.supplier_ids[low] = supplier_id
            lines = tuple(PurchaseLineInput(self.material_ids[l.material[1]] if l.material[0] == "sheet"
                                            else l.material[1], l.qty, l.price) for l in p.lines)
            data = PurchaseInput(date=p.date, supplier_id=supplier_id, method=p.method, lines=lines,
                                 shipping=p.shipping, slip_number=p.slip, notes=p.notes)
            try:
                record_purchase_in(self.s, data, actor=self.actor, future_ok=self.future_ok,
                                   backdate_note=self.backdate_note)
            except UserError as exc:
                raise self.fail("purchases", p.row, exc, {
                    "date": "date", "supplier": "supplier", "method": "method", "shipping": "shipping",
                    "lines.*": "qty", "lines": "material", "backdate_note": "date"}) from exc
            self.counts["purchases"] += 1
            self.counts["purchase_lines"] += len(lines)
            self.tick(len(lines))

    def orders(self) -> None:
        from kws_desktop.services.billing.invoices import create_invoices_for_order
        from kws_desktop.services.jobs.orders import LineInput, OrderInput, PayerInput, add_order
        from kws_desktop.services.sales.packages import price_of
        from kws_desktop.store.models.sales import WorkPackage
        costs: dict[int, int] = {}
        for i, o in sorted(enumerate(self.plan.orders), key=lambda x: (x[1].date, x[1].row)):
            kind, ident = o.customer
            customer_id = self.customer_ids[ident] if kind == "sheet" else ident
            unit_price = round_rupiah(Decimal(o.price) / o.qty)
            if o.package is not None:
                pid, pname, punit = o.package
                if pid not in costs:
                    costs[pid] = price_of(self.s, self.s.get(WorkPackage, pid)).cost
                line = LineInput(description=o.description or pname, qty=o.qty, unit=punit, unit_price=unit_price,
                                 cost=line_total(o.qty, costs[pid]), package_id=pid, amount=o.price)
            else:
                line = LineInput(description=o.description, qty=o.qty, unit="unit", unit_price=unit_price,
                                 amount=o.price)
            payers = tuple(PayerInput(payer_type=t, amount=a, name=o.other_name if t != "swadaya" else "")
                           for t, a in o.shares.items())
            notes = "\n".join(x for x in (o.notes, _("No. catatan: {ref}").format(ref=o.ref) if o.ref else "") if x)
            data = OrderInput(customer_id=customer_id, date=o.date, lines=(line,), payers=payers, notes=notes,
                              description=o.description,  # the work as the sheet names it
                              backdate_note=self.backdate_note)
            try:
                order_id = add_order(self.s, data, actor=self.actor)
                made = create_invoices_for_order(self.s, order_id, o.date, self.actor,
                                                 backdate_note=self.backdate_note)
            except UserError as exc:
                raise self.fail("orders", o.row, exc, {
                    "customer": "customer", "date": "date", "lines.*": "price", "payers": "other_amount",
                    "payers.*": "other_amount", "discount": "price", "backdate_note": "date"}) from exc
            self.order_ids[i] = order_id
            for inv in made:
                self.invoices[(i, inv.payer_type)] = inv.id
            self.counts["orders"] += 1
            self.counts["invoices"] += len(made)
            self.tick()

    def payments(self) -> None:
        from kws_desktop.services.billing.payments import record_payment_in
        fields = {"amount": "amount", "date": "date", "invoice": "order", "method": "method",
                  "advance": "amount", "allocations": "amount", "backdate_note": "date"}
        for p in sorted(self.plan.payments, key=lambda p: (p.date, p.row)):
            try:
                invoice_id = self._invoice_for(p)
                record_payment_in(self.s, actor=self.actor, invoice_id=invoice_id, date=p.date, amount=p.amount,
                                  method=p.method, note=p.notes, backdate_note=self.backdate_note,
                                  future_ok=self.future_ok)
            except UserError as exc:
                raise self.fail("payments", p.row, exc, fields) from exc
            self.counts["payments"] += 1
            self.tick()

    def _invoice_for(self, p: _Payment) -> int:
        from kws_desktop.services.billing.invoices import create_invoices_for_order, paid_by_invoice
        from kws_desktop.store.models.billing import Invoice, InvoiceLine
        from kws_desktop.store.models.jobs import Order
        kind, ident = p.target
        label = PAYER_LABELS[PayerType(p.payer_type)]
        if kind == "sheet_order":
            invoice_id = self.invoices.get((ident, p.payer_type))
            if invoice_id is None:
                raise UserError(_("pesanan ini tidak punya tagihan untuk {payer}").format(payer=label), field="invoice")
            return invoice_id
        q = select(Invoice).where(Invoice.payer_type == p.payer_type, Invoice.status == "open")
        if kind == "book_order":
            order = self.s.get(Order, ident)
            create_invoices_for_order(self.s, ident, order.date, self.actor, payer_types=[p.payer_type],
                                      backdate_note=self.backdate_note)
            q = q.join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id).where(InvoiceLine.order_id == ident)
        else:
            q = q.where(Invoice.customer_id == ident)
        invoices = self.s.execute(q.order_by(Invoice.date, Invoice.id)).scalars().unique().all()
        paid = paid_by_invoice(self.s, [i.id for i in invoices]) if invoices else {}
        for inv in invoices:
            if inv.total - paid.get(inv.id, 0) > 0 and inv.date <= p.date:
                return inv.id
        raise UserError(_("tidak ada tagihan {payer} yang belum lunas").format(payer=label), field="invoice")


def import_into(location, path, *, progress: Progress | None = None,
                backdate_note: str = "", future_ok: bool = False) -> ImportSummary:
    """Import into the book at `location`, creating it when the path does not exist yet (the
    new book is removed again when the import is refused)."""
    from dataclasses import replace

    from kws_desktop.services.book.books import create_book, open_book
    from kws_desktop.store.engine import is_url
    created = _empty_database(location) if is_url(location) else not Path(location).exists()
    if created:
        # Refuse a file that is not an XLSX before creating anything.
        read_workbook(path, [])
        book = create_book(location if is_url(location) else Path(location))
    else:
        book = open_book(location)
    ok = False
    try:
        summary = import_workbook(book, path, progress=progress, backdate_note=backdate_note,
                                  future_ok=future_ok)
        ok = True
    finally:
        book.close(backup=ok and not created)
        if created and not ok:
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(str(location) + suffix).unlink(missing_ok=True)
    return replace(summary, created_book=created)


def _empty_database(url: str) -> bool:
    """A PostgreSQL database without any table yet: the import makes it a new book there."""
    from sqlalchemy import inspect

    from kws_desktop.store.engine import make_engine
    from kws_desktop.store.location import plain_connection_errors
    engine = make_engine(url)
    try:
        with plain_connection_errors(url), engine.connect() as conn:
            return not inspect(conn).get_table_names()
    finally:
        engine.dispose()
