"""Site surveys on a quote or an order, with the advised septic tank (core.sanitation, after
SNI 2398:2017) and a warning when a well is closer than the standard's minimum distance.

Book-level functions take `book` and run as one transaction. The leader may choose another
volume than advised; choosing a smaller tank needs a reason (a larger one does not).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kws_desktop.core.text import one_line
from kws_desktop.core import sanitation as san
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, _, format_quantity
from kws_desktop.services.book import audit
from kws_desktop.store.book import Book
from kws_desktop.store.base import utcnow
from kws_desktop.store.models.sales import Customer
from kws_desktop.store.models.evaluation import SiteSurvey
from kws_desktop.store.models.jobs import Order
from kws_desktop.store.models.sales import Quote

WATER_SOURCES: dict[str, str] = {
    "sumur_gali": N_("Sumur gali"),
    "sumur_bor": N_("Sumur bor / sumur pompa"),
    "pdam": N_("PDAM / air ledeng"),
    "isi_ulang": N_("Air isi ulang / kemasan"),
    "mata_air": N_("Mata air / sungai"),
    "lainnya": N_("Lainnya"),
}
TRUCK_ACCESS: dict[str, str] = {
    "mudah": N_("Truk sedot tinja bisa masuk"),
    "sulit": N_("Sulit (jalan sempit, perlu selang panjang)"),
    "tidak": N_("Truk tidak bisa masuk"),
}
MAX_CHOSEN_M3 = Decimal(100)
MAX_GROUNDWATER_DEPTH_M = Decimal(100)


@dataclass(frozen=True)
class SurveyInput:
    date: dt.date
    household_size: int
    water_source: str
    well_distance_m: Decimal | str | None = None  # None or "" = no well near
    quote_id: int | None = None
    order_id: int | None = None
    groundwater_depth_m: Decimal | str | None = None
    soil_notes: str = ""
    groundwater_notes: str = ""
    truck_access: str = "mudah"
    chosen_volume_m3: Decimal | str | None = None  # None = take the advice
    override_reason: str = ""
    surveyor_name: str = ""
    notes: str = ""


@dataclass(frozen=True)
class SurveyAdvice:
    tank: san.TankAdvice
    warnings: tuple[str, ...]

    @property
    def dimensions_text(self) -> str:
        t = self.tank
        return _("{l} x {w} x {h} m ({v} m³)").format(
            l=format_quantity(t.length_m), w=format_quantity(t.width_m),
            h=format_quantity(t.height_m), v=format_quantity(t.volume_m3))


@dataclass(frozen=True)
class SurveyRow:
    id: int
    date: dt.date
    quote_id: int | None
    quote_number: str
    order_id: int | None
    order_number: str
    customer_name: str
    surveyor_name: str
    household_size: int
    water_source: str
    well_distance_m: Decimal | None
    groundwater_depth_m: Decimal | None
    soil_notes: str
    groundwater_notes: str
    truck_access: str
    advised_volume_m3: Decimal
    advised_length_m: Decimal
    advised_width_m: Decimal
    advised_height_m: Decimal
    chosen_volume_m3: Decimal
    override_reason: str
    distance_warning: bool
    notes: str
    warnings: tuple[str, ...]

    @property
    def water_source_label(self) -> str:
        return _(WATER_SOURCES.get(self.water_source, self.water_source))

    @property
    def truck_access_label(self) -> str:
        return _(TRUCK_ACCESS.get(self.truck_access, self.truck_access))

    @property
    def document_number(self) -> str:
        return self.order_number or self.quote_number


# --- validation -------------------------------------------------------------------------------

def _decimal(value, field: str, problems: list, label: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, float):
            value = repr(value)
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        problems.append((field, _("{label} harus berupa angka (meter).").format(label=label)))
        return None
    if not number.is_finite():
        problems.append((field, _("{label} harus berupa angka (meter).").format(label=label)))
        return None
    return number.quantize(Decimal("0.001"))


def _sizing_message(exc: san.SizingError) -> str:
    if exc.field == "household_size":
        if exc.code == "too_many":
            return _("Jumlah penghuni paling banyak {n} orang (batas SNI 2398:2017 untuk tangki "
                     "septik seperti ini). Periksa lagi angkanya.").format(n=san.MAX_USERS)
        return _("Jumlah penghuni rumah harus 1 orang atau lebih.")
    if exc.code == "negative":
        return _("Jarak sumur ke tangki tidak boleh negatif.")
    return _("Jarak sumur ke tangki {max} m atau lebih tidak masuk akal. Periksa lagi angkanya, "
             "atau kosongkan bila tidak ada sumur.").format(max=format_quantity(san.MAX_DISTANCE_M))


def advise(household_size: int, water_source: str = "", well_distance_m=None,
           groundwater_depth_m=None) -> SurveyAdvice:
    """The advised tank and the warnings for these survey figures (no book needed).
    Raises UserError for figures that make no sense."""
    problems: list = []
    persons = _persons(household_size, problems)
    distance = _decimal(well_distance_m, "well_distance_m", problems, _("Jarak sumur"))
    depth = _decimal(groundwater_depth_m, "groundwater_depth_m", problems, _("Kedalaman air tanah"))
    if distance is not None:
        try:
            san.check_distance(distance)
        except san.SizingError as exc:
            problems.append(("well_distance_m", _sizing_message(exc)))
    if depth is not None and (depth < 0 or depth > MAX_GROUNDWATER_DEPTH_M):
        problems.append(("groundwater_depth_m",
                         _("Kedalaman air tanah harus antara 0 dan {max} m.").format(
                             max=format_quantity(MAX_GROUNDWATER_DEPTH_M))))
    collect(problems)
    return SurveyAdvice(san.advise_tank(persons), _warnings(water_source, distance, depth))


def _persons(value, problems: list) -> int:
    try:
        persons = int(value)
        if isinstance(value, float) and value != persons:
            raise ValueError
    except (TypeError, ValueError):
        problems.append(("household_size", _("Isi jumlah penghuni rumah (angka bulat).")))
        return 1
    try:
        san.check_household_size(persons)
    except san.SizingError as exc:
        problems.append(("household_size", _sizing_message(exc)))
    return persons


def _warnings(water_source: str, distance: Decimal | None, depth: Decimal | None) -> tuple[str, ...]:
    out = []
    if san.well_too_close(water_source, distance):
        out.append(_("Jarak sumur ke tangki hanya {d} m, kurang dari {min} m (SNI 2398:2017). "
                     "Pindahkan letak tangki, atau pakai tangki kedap dengan pengolahan lanjutan "
                     "yang tidak meresap (up flow filter).").format(
                         d=format_quantity(distance), min=format_quantity(san.MIN_WELL_DISTANCE_M)))
    elif water_source in san.WELL_SOURCES and distance is None:
        out.append(_("Rumah memakai sumur, tetapi jaraknya ke tangki belum diukur."))
    if san.is_high_groundwater(depth):
        out.append(_("Air tanah tinggi (paling dalam {max} m dari muka tanah di musim hujan): "
                     "tangki harus benar-benar kedap, dan resapan biasa tidak dianjurkan.").format(
                         max=format_quantity(san.HIGH_GROUNDWATER_DEPTH_M)))
    return tuple(out)


def _validate(s: Session, data: SurveyInput) -> tuple[SurveyAdvice, dict]:
    problems: list = []
    if not isinstance(data.date, dt.date):
        problems.append(("date", _("Isi tanggal survei.")))
    if data.water_source not in WATER_SOURCES:
        problems.append(("water_source", _("Pilih sumber air rumah.")))
    if data.truck_access not in TRUCK_ACCESS:
        problems.append(("truck_access", _("Pilih akses truk sedot tinja.")))
    quote = order = None
    if data.quote_id is None and data.order_id is None:
        problems.append(("quote_id", _("Survei harus untuk satu penawaran atau satu pesanan.")))
    if data.quote_id is not None:
        quote = s.get(Quote, data.quote_id)
        if quote is None:
            problems.append(("quote_id", _("Penawaran tidak ditemukan.")))
    if data.order_id is not None:
        order = s.get(Order, data.order_id)
        if order is None:
            problems.append(("order_id", _("Pesanan tidak ditemukan.")))
    try:
        advice = advise(data.household_size, data.water_source, data.well_distance_m,
                        data.groundwater_depth_m)
    except UserError as exc:
        problems.extend(exc.problems)
        advice = None
    chosen = _decimal(data.chosen_volume_m3, "chosen_volume_m3", problems, _("Volume tangki dipilih"))
    reason = one_line(data.override_reason)
    if chosen is not None and (chosen <= 0 or chosen > MAX_CHOSEN_M3):
        problems.append(("chosen_volume_m3", _("Volume tangki yang dipilih harus lebih dari 0 dan "
                                               "paling besar {max} m³.").format(
                                                   max=format_quantity(MAX_CHOSEN_M3))))
    elif advice is not None and chosen is not None and chosen < advice.tank.volume_m3 and not reason:
        problems.append(("override_reason", _("Tangki yang dipilih ({chosen} m³) lebih kecil dari "
                                              "saran ({advised} m³). Tuliskan alasannya.").format(
            chosen=format_quantity(chosen), advised=format_quantity(advice.tank.volume_m3))))
    collect(problems)
    customer_id = (order.customer_id if order is not None else quote.customer_id)
    distance = _decimal(data.well_distance_m, "well_distance_m", [], "")
    depth = _decimal(data.groundwater_depth_m, "groundwater_depth_m", [], "")
    values = dict(
        date=data.date, quote_id=data.quote_id, order_id=data.order_id, customer_id=customer_id,
        surveyor_name=one_line(data.surveyor_name), household_size=int(data.household_size),
        water_source=data.water_source, well_distance_m=distance, groundwater_depth_m=depth,
        soil_notes=data.soil_notes.strip(), groundwater_notes=data.groundwater_notes.strip(),
        truck_access=data.truck_access, advised_volume_m3=advice.tank.volume_m3,
        advised_length_m=advice.tank.length_m, advised_width_m=advice.tank.width_m,
        advised_height_m=advice.tank.height_m,
        chosen_volume_m3=chosen if chosen is not None else advice.tank.volume_m3,
        override_reason=reason, distance_warning=san.well_too_close(data.water_source, distance),
        notes=data.notes.strip())
    return advice, values


# --- reading --------------------------------------------------------------------------------

def _query():
    return (select(SiteSurvey, Quote.number, Order.number, Customer.name)
            .join(Quote, Quote.id == SiteSurvey.quote_id, isouter=True)
            .join(Order, Order.id == SiteSurvey.order_id, isouter=True)
            .join(Customer, Customer.id == SiteSurvey.customer_id, isouter=True))


def _row(sv: SiteSurvey, quote_number, order_number, customer_name) -> SurveyRow:
    return SurveyRow(
        sv.id, sv.date, sv.quote_id, quote_number or "", sv.order_id, order_number or "",
        customer_name or "", sv.surveyor_name, sv.household_size, sv.water_source, sv.well_distance_m,
        sv.groundwater_depth_m, sv.soil_notes, sv.groundwater_notes, sv.truck_access,
        sv.advised_volume_m3, sv.advised_length_m, sv.advised_width_m, sv.advised_height_m,
        sv.chosen_volume_m3, sv.override_reason, sv.distance_warning, sv.notes,
        _warnings(sv.water_source, sv.well_distance_m, sv.groundwater_depth_m))


def read_survey(session: Session, survey_id: int) -> SurveyRow:
    """Session-level: one survey."""
    found = session.execute(_query().where(SiteSurvey.id == survey_id)).first()
    if found is None:
        raise UserError(_("Survei tidak ditemukan."))
    return _row(*found)


def get_survey(book: Book, survey_id: int) -> SurveyRow:
    with book.reading() as s:
        return read_survey(s, survey_id)


def survey_for(book: Book, *, quote_id: int | None = None, order_id: int | None = None) -> SurveyRow | None:
    """The latest survey on this order (or, failing that, on its quote), or on this quote."""
    with book.reading() as s:
        conds = []
        if order_id is not None:
            conds.append(SiteSurvey.order_id == order_id)
            order = s.get(Order, order_id)
            if order is not None and order.quote_id is not None:
                conds.append(SiteSurvey.quote_id == order.quote_id)
        if quote_id is not None:
            conds.append(SiteSurvey.quote_id == quote_id)
        if not conds:
            return None
        found = s.execute(_query().where(or_(*conds))
                          .order_by(SiteSurvey.order_id.is_(None), SiteSurvey.date.desc(),
                                    SiteSurvey.id.desc()).limit(1)).first()
        return _row(*found) if found else None


def list_surveys(book: Book, *, offset: int = 0, limit: int = 100, warnings_only: bool = False) -> list[SurveyRow]:
    with book.reading() as s:
        q = _query()
        if warnings_only:
            q = q.where(SiteSurvey.distance_warning.is_(True))
        q = q.order_by(SiteSurvey.date.desc(), SiteSurvey.id.desc()).offset(offset).limit(limit)
        return [_row(*r) for r in s.execute(q).all()]


def count_surveys(book: Book, *, warnings_only: bool = False) -> int:
    with book.reading() as s:
        q = select(func.count(SiteSurvey.id))
        if warnings_only:
            q = q.where(SiteSurvey.distance_warning.is_(True))
        return int(s.execute(q).scalar() or 0)


# --- writing --------------------------------------------------------------------------------

def add_survey(session: Session, data: SurveyInput, *, actor: str) -> int:
    """Session-level: record a survey; returns its id."""
    _advice, values = _validate(session, data)
    sv = SiteSurvey(**values, created_by=actor)
    session.add(sv)
    session.flush()
    audit.record(session, actor, "create", "site_survey", sv.id, household_size=sv.household_size,
                 advised=sv.advised_volume_m3, chosen=sv.chosen_volume_m3,
                 distance_warning=sv.distance_warning)
    return sv.id


def save_survey(book: Book, data: SurveyInput, survey_id: int | None = None) -> SurveyRow:
    """Record a new survey, or correct survey `survey_id` (audited)."""
    with book.transaction() as s:
        if survey_id is None:
            new_id = add_survey(s, data, actor=book.actor)
            return read_survey(s, new_id)
        sv = s.get(SiteSurvey, survey_id)
        if sv is None:
            raise UserError(_("Survei tidak ditemukan."))
        _advice, values = _validate(s, data)
        before = {k: getattr(sv, k) for k in values}
        for key, value in values.items():
            setattr(sv, key, value)
        sv.updated_at = utcnow()
        s.flush()
        changed = {k: [before[k], v] for k, v in values.items() if before[k] != v}
        audit.record(s, book.actor, "update", "site_survey", sv.id, **changed)
        return read_survey(s, sv.id)
