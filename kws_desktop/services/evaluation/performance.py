"""Laporan Kinerja KWS: the group's performance for a period, in the evaluation's terms
(quality of products and service, capacity of members, partnerships, gender).

`performance(book, start, end)` returns the figures (a frozen dataclass, also used by the
Kinerja page); `build_performance_report(book, start, end)` turns them into the registered
`performance` report: a first page of key figures and bar charts (PDF), then the detail table
(PDF, XLSX, CSV).

Definitions (stated on the report too):
- units built: orders that reached "selesai" (finished_date) in the period; handed over:
  handed_over_date in the period and still handed over.
- on time: handed over in the period and finished at most ON_TIME_DAYS days after the planned
  start (or the order date when no start was planned). The 14 days are an assumption (a
  household septic tank takes about a week of work); the issue names no target.
- quality pass rate: checks recorded in the period that passed the first time.
- revenue and margin: from the journal (revenue accounts; direct costs are the 5-xxxx accounts).
- women's share of income: crew wages (posted, work date in the period) plus profit shares of
  sharings dated in the period, by the member's gender.
"""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, case, extract, func, or_, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.documents.tabular import Column, Row, TabularReport
from kws_desktop.i18n import N_, _, format_number, format_quantity, format_ratio, format_rupiah, month_name
from kws_desktop.services.people.members import LEADERSHIP_ROLES, role_label
from kws_desktop.services.evaluation.partners import partner_flow
from kws_desktop.services.evaluation.partners import kind_label as partner_kind_label
from kws_desktop.services.jobs.quality import SCORES
from kws_desktop.services.jobs.unit_counts import units_built as units_built_in
from kws_desktop.services.jobs.unit_counts import units_ordered
from kws_desktop.services.reports import Period, period_text, register_report, resolve_period
from kws_desktop.services.reports.queries import accounts, sums_by_account
from kws_desktop.services.evaluation.trainings import TOPICS, topic_label
from kws_desktop.store.book import Book
from kws_desktop.store.models.evaluation import (Complaint, Partner, PartnerAgreement, QualityCheck,
                                                 Satisfaction, ServiceVisit, SiteSurvey, Training)
from kws_desktop.store.models.people import Member, MemberRole, ProfitSharing, ProfitSharingLine
from kws_desktop.store.models.jobs import Order, OrderCrew

ON_TIME_DAYS = 14
TOPIC_SHORT = {"manajemen": N_("Manajemen"), "produk": N_("Produk")}  # chart labels
HANDED = "diserahterimakan"


@dataclass(frozen=True)
class UnitsInMonth:
    label: str
    built: int
    handed_over: int


@dataclass(frozen=True)
class TopicCount:
    topic: str
    label: str
    sessions: int
    women: int
    men: int


@dataclass(frozen=True)
class PartnerFigures:
    name: str
    kind: str
    kind_label: str
    agreements_active: int
    agreements_value: int
    units: int
    units_amount: int
    received: int
    purchased: int


@dataclass(frozen=True)
class Leader:
    name: str
    role: str
    gender: str


@dataclass(frozen=True)
class Performance:
    start: dt.date
    end: dt.date
    # work
    orders_new: int
    units_built: int
    units_handed_over: int
    on_time: int
    on_time_base: int
    months: tuple[UnitsInMonth, ...]
    # money
    revenue: int
    direct_costs: int
    other_costs: int
    # surveys and quality
    surveys: int
    surveys_well_close: int
    surveys_smaller_tank: int
    checks: int
    checks_first_pass: int
    orders_checked: int
    orders_all_passed: int
    failures_accepted: int
    failures_open: int
    # after handover
    complaints: int
    complaints_in_warranty: int
    complaints_resolved: int
    complaints_open_at_end: int
    median_days_to_resolve: Decimal | None
    warranty_cost: int
    # satisfaction
    scores: tuple[int, int, int, int, int]  # how many 1, 2, 3, 4, 5
    handed_over_scored: int
    # partners
    partners_active: int
    agreements_active: int
    agreements_value: int
    partner_lines: tuple[PartnerFigures, ...]
    # capacity and gender
    topics: tuple[TopicCount, ...]
    trained_women: int
    trained_men: int
    members_women: int
    members_men: int
    leaders: tuple[Leader, ...]
    income_women: int
    income_men: int

    @property
    def gross_margin(self) -> int:
        return self.revenue - self.direct_costs

    @property
    def net_profit(self) -> int:
        return self.revenue - self.direct_costs - self.other_costs

    @property
    def margin_ratio(self) -> Decimal | None:
        return ratio(self.gross_margin, self.revenue)

    @property
    def on_time_ratio(self) -> Decimal | None:
        return ratio(self.on_time, self.on_time_base)

    @property
    def pass_ratio(self) -> Decimal | None:
        return ratio(self.checks_first_pass, self.checks)

    @property
    def scored(self) -> int:
        return sum(self.scores)

    @property
    def average_score(self) -> Decimal | None:
        if not self.scored:
            return None
        total = sum((i + 1) * n for i, n in enumerate(self.scores))
        return (Decimal(total) / self.scored).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def leaders_women(self) -> int:
        return len({(x.name, x.gender) for x in self.leaders if x.gender == "P"})

    @property
    def leaders_total(self) -> int:
        return len({(x.name, x.gender) for x in self.leaders})

    @property
    def leaders_women_ratio(self) -> Decimal | None:
        return ratio(self.leaders_women, self.leaders_total)

    @property
    def income_women_ratio(self) -> Decimal | None:
        return ratio(self.income_women, self.income_women + self.income_men)

    @property
    def partners_money(self) -> int:
        return sum(p.received for p in self.partner_lines)


def ratio(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return Decimal(part) / Decimal(whole)  # not rounded: core/percent.py rounds once, where shown


# --- figures ------------------------------------------------------------------------------

def _between(column, start: dt.date, end: dt.date):
    return and_(column >= start, column <= end)


def _count(s: Session, q) -> int:
    return int(s.execute(q).scalar() or 0)


def _months(s: Session, start: dt.date, end: dt.date) -> tuple[UnitsInMonth, ...]:
    def grouped(column, *extra):
        q = (select(extract("year", column), extract("month", column), func.count(Order.id))
             .where(_between(column, start, end), *extra)
             .group_by(extract("year", column), extract("month", column)))
        return {(int(y), int(m)): int(n) for y, m, n in s.execute(q).all()}

    built = grouped(Order.finished_date, Order.status.in_(("selesai", HANDED)))
    handed = grouped(Order.handed_over_date, Order.status == HANDED)
    keys = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        keys.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if len(keys) > 24:  # a long period: by year
        years = sorted({k[0] for k in keys})
        return tuple(UnitsInMonth(str(yr), sum(v for k, v in built.items() if k[0] == yr),
                                  sum(v for k, v in handed.items() if k[0] == yr)) for yr in years)
    many_years = start.year != end.year
    return tuple(UnitsInMonth(month_name(mo)[:3] + (f" {str(yr)[2:]}" if many_years else ""),
                              built.get((yr, mo), 0), handed.get((yr, mo), 0)) for yr, mo in keys)


def read_performance(s: Session, start: dt.date, end: dt.date) -> Performance:
    """Session-level: every figure of the performance report for [start, end]."""
    orders_new = units_ordered(s, start, end)
    units_built = units_built_in(s, start, end)
    handed_q = select(Order.date, Order.planned_start, Order.finished_date).where(
        _between(Order.handed_over_date, start, end), Order.status == HANDED)
    on_time = base = 0
    for date, planned, finished in s.execute(handed_q).all():
        base += 1
        target = (planned or date) + dt.timedelta(days=ON_TIME_DAYS)
        if finished is not None and finished <= target:
            on_time += 1

    sums = sums_by_account(s, since=start, until=end)
    revenue = direct = other = 0
    for acc in accounts(s):
        amount = sums.get(acc.code, 0)
        if acc.type == "pendapatan":
            revenue -= amount
        elif acc.type == "beban":
            if acc.code.startswith("5-"):
                direct += amount
            else:
                other += amount

    surveys = _count(s, select(func.count(SiteSurvey.id)).where(_between(SiteSurvey.date, start, end)))
    surveys_close = _count(s, select(func.count(SiteSurvey.id)).where(
        _between(SiteSurvey.date, start, end), SiteSurvey.distance_warning.is_(True)))
    surveys_small = _count(s, select(func.count(SiteSurvey.id)).where(
        _between(SiteSurvey.date, start, end), SiteSurvey.chosen_volume_m3 < SiteSurvey.advised_volume_m3))

    in_period = _between(QualityCheck.date, start, end)
    checks, first_pass, orders_checked = s.execute(select(
        func.count(QualityCheck.id), func.count(QualityCheck.id).filter(QualityCheck.first_passed.is_(True)),
        func.count(func.distinct(QualityCheck.order_id))).where(in_period)).one()
    failed_orders = _count(s, select(func.count(func.distinct(QualityCheck.order_id))).where(
        in_period, QualityCheck.passed.is_(False)))
    accepted = _count(s, select(func.count(QualityCheck.id)).where(
        in_period, QualityCheck.passed.is_(False), QualityCheck.accepted_reason != ""))
    open_failures = _count(s, select(func.count(QualityCheck.id)).where(
        in_period, QualityCheck.passed.is_(False), QualityCheck.accepted_reason == ""))

    reported = _between(Complaint.date_reported, start, end)
    complaints = _count(s, select(func.count(Complaint.id)).where(reported))
    in_warranty = _count(s, select(func.count(Complaint.id)).where(reported, Complaint.under_warranty.is_(True)))
    resolved = s.execute(select(Complaint.date_reported, Complaint.date_resolved).where(
        Complaint.status == "resolved", _between(Complaint.date_resolved, start, end))).all()
    days = [(b - a).days for a, b in resolved]
    median = Decimal(str(statistics.median(days))) if days else None
    open_end = _count(s, select(func.count(Complaint.id)).where(
        Complaint.date_reported <= end,
        or_(Complaint.date_resolved.is_(None), Complaint.date_resolved > end)))
    warranty_cost = _count(s, select(func.coalesce(func.sum(ServiceVisit.cost), 0)).where(
        _between(ServiceVisit.date, start, end), ServiceVisit.status == DocStatus.POSTED))

    dist = dict(s.execute(select(Satisfaction.score, func.count(Satisfaction.id))
                          .where(_between(Satisfaction.date, start, end)).group_by(Satisfaction.score)).all())
    scores = tuple(int(dist.get(i, 0)) for i in range(1, 6))
    handed_scored = _count(s, select(func.count(Satisfaction.id)).join(Order, Order.id == Satisfaction.order_id)
                           .where(_between(Order.handed_over_date, start, end), Order.status == HANDED))

    active_agreement = and_(PartnerAgreement.start_date <= end,
                            or_(PartnerAgreement.end_date.is_(None), PartnerAgreement.end_date >= start))
    agreements = dict(((pid, (int(n), int(v))) for pid, n, v in s.execute(
        select(PartnerAgreement.partner_id, func.count(PartnerAgreement.id),
               func.coalesce(func.sum(PartnerAgreement.value), 0))
        .where(active_agreement).group_by(PartnerAgreement.partner_id)).all()))
    lines = []
    partners_active = 0
    for p in s.execute(select(Partner).order_by(Partner.name)).scalars():
        n, value = agreements.get(p.id, (0, 0))
        flow = partner_flow(s, p, start, end)
        if p.active:
            partners_active += 1
        if not (p.active or n or flow.units or flow.received or flow.purchased):
            continue
        lines.append(PartnerFigures(p.name, p.kind, partner_kind_label(p.kind), n, value, flow.units,
                                    flow.units_amount, flow.received, flow.purchased))
    lines.sort(key=lambda x: (-(x.received + x.purchased + x.agreements_value), x.name))

    t_period = _between(Training.start_date, start, end)
    per_topic = {(topic, gender): (int(n), int(people)) for topic, gender, n, people in s.execute(
        select(Training.topic, Member.gender, func.count(Training.id), func.count(func.distinct(Training.member_id)))
        .join(Member, Member.id == Training.member_id).where(t_period)
        .group_by(Training.topic, Member.gender)).all()}
    topics = tuple(TopicCount(code, topic_label(code),
                              per_topic.get((code, "P"), (0, 0))[0] + per_topic.get((code, "L"), (0, 0))[0],
                              per_topic.get((code, "P"), (0, 0))[1], per_topic.get((code, "L"), (0, 0))[1])
                   for code in TOPICS)
    trained = dict(s.execute(select(Member.gender, func.count(func.distinct(Training.member_id)))
                             .join(Member, Member.id == Training.member_id).where(t_period)
                             .group_by(Member.gender)).all())

    member_active = and_(Member.joined_on <= end, or_(Member.left_on.is_(None), Member.left_on >= start))
    members = dict(s.execute(select(Member.gender, func.count(Member.id)).where(member_active)
                             .group_by(Member.gender)).all())
    leaders = tuple(Leader(name, role, gender) for name, role, gender in s.execute(
        select(Member.name, MemberRole.role, Member.gender).join(Member, Member.id == MemberRole.member_id)
        .where(MemberRole.role.in_(LEADERSHIP_ROLES), MemberRole.start_on <= end,
               or_(MemberRole.end_on.is_(None), MemberRole.end_on >= start))
        .order_by(case({r: i for i, r in enumerate(LEADERSHIP_ROLES)}, value=MemberRole.role),
                  MemberRole.start_on)).all())

    income = dict(s.execute(select(Member.gender, func.coalesce(func.sum(OrderCrew.amount), 0))
                            .join(Member, Member.id == OrderCrew.member_id)
                            .where(OrderCrew.status == DocStatus.POSTED, _between(OrderCrew.work_date, start, end))
                            .group_by(Member.gender)).all())
    shares = dict(s.execute(select(Member.gender, func.coalesce(func.sum(ProfitSharingLine.amount), 0))
                            .join(Member, Member.id == ProfitSharingLine.member_id)
                            .join(ProfitSharing, ProfitSharing.id == ProfitSharingLine.sharing_id)
                            .where(ProfitSharing.status == DocStatus.POSTED, _between(ProfitSharing.date, start, end))
                            .group_by(Member.gender)).all())

    return Performance(
        start, end, orders_new, units_built, base, on_time, base, _months(s, start, end),
        revenue, direct, other, surveys, surveys_close, surveys_small,
        int(checks or 0), int(first_pass or 0), int(orders_checked or 0),
        int(orders_checked or 0) - failed_orders, accepted, open_failures,
        complaints, in_warranty, len(days), open_end, median, warranty_cost,
        scores, handed_scored,
        partners_active, sum(n for n, _v in agreements.values()), sum(v for _n, v in agreements.values()),
        tuple(lines), topics, int(trained.get("P", 0)), int(trained.get("L", 0)),
        int(members.get("P", 0)), int(members.get("L", 0)), leaders,
        int(income.get("P", 0)) + int(shares.get("P", 0)), int(income.get("L", 0)) + int(shares.get("L", 0)))


def performance(book: Book, start: dt.date | None = None, end: dt.date | None = None) -> Performance:
    """The performance figures for the period (default: this year up to today)."""
    period = resolve_period(start, end)
    with book.reading() as s:
        return read_performance(s, period.start, period.end)


# --- the report ---------------------------------------------------------------------------

def _pct(value: Decimal | None) -> str:
    return "-" if value is None else format_ratio(value)


def tiles(p: Performance) -> list[tuple[str, str, str]]:
    """The key figures of the first page: (label, big figure, small line)."""
    avg = p.average_score
    return [
        (_("Unit diserahterimakan"), format_number(p.units_handed_over),
         _("selesai dibangun: {n}").format(n=format_number(p.units_built))),
        (_("Pendapatan"), format_rupiah(p.revenue),
         _("margin kotor {pct}").format(pct=_pct(p.margin_ratio))),
        (_("Selesai tepat waktu"), _pct(p.on_time_ratio),
         _("{n} dari {base} unit").format(n=p.on_time, base=p.on_time_base)),
        (_("Lulus pemeriksaan mutu"), _pct(p.pass_ratio),
         _("pada pemeriksaan pertama ({n} cek)").format(n=format_number(p.checks))),
        (_("Keluhan pelanggan"), format_number(p.complaints),
         _("median {d} hari sampai selesai").format(d=format_quantity(p.median_days_to_resolve))
         if p.median_days_to_resolve is not None else _("belum ada yang selesai")),
        (_("Kepuasan pelanggan"), (format_quantity(avg) + " / 5") if avg is not None else "-",
         _("{n} penilaian").format(n=p.scored)),
        (_("Mitra aktif"), format_number(p.partners_active),
         _("nilai perjanjian {v}").format(v=format_rupiah(p.agreements_value))),
        (_("Anggota dilatih"), format_number(p.trained_women + p.trained_men),
         _("perempuan {p}, laki-laki {l}").format(p=p.trained_women, l=p.trained_men)),
        (_("Perempuan di kepengurusan"), _pct(p.leaders_women_ratio),
         _("bagian penghasilan perempuan {pct}").format(pct=_pct(p.income_women_ratio))),
    ]


def charts(p: Performance):
    """Plain chart data for the first page (documents.performance draws them)."""
    from kws_desktop.documents.performance import BarChartData
    return [
        BarChartData(_("Unit per bulan"), [m.label for m in p.months],
                     [(_("Selesai dibangun"), [m.built for m in p.months]),
                      (_("Diserahterimakan"), [m.handed_over for m in p.months])], wide=True),
        BarChartData(_("Anggota dilatih per topik"), [_(TOPIC_SHORT.get(t.topic, t.label)) for t in p.topics],
                     [(_("Perempuan"), [t.women for t in p.topics]),
                      (_("Laki-laki"), [t.men for t in p.topics])]),
        BarChartData(_("Nilai kepuasan pelanggan"), [str(i) for i in range(1, 6)],
                     [(_("Jumlah penilaian"), list(p.scores))]),
    ]


def _columns() -> list[Column]:
    return [Column("uraian", _("Uraian")), Column("jumlah", _("Jumlah"), "int"),
            Column("nilai", _("Nilai (Rp)"), "money"), Column("persen", _("Persen"), "percent"),
            Column("keterangan", _("Keterangan"))]


def report_rows(p: Performance) -> list[Row]:
    rows: list[Row] = []

    def head(text: str) -> None:
        rows.append(Row({"uraian": text}, style="heading"))

    def line(text: str, jumlah=None, nilai=None, persen=None, ket: str = "", style="normal", indent=0) -> None:
        rows.append(Row({"uraian": text, "jumlah": jumlah, "nilai": nilai, "persen": persen,
                         "keterangan": ket}, style=style, indent=indent))

    head(_("1. Hasil pekerjaan"))
    line(_("Pesanan baru"), p.orders_new)
    line(_("Unit selesai dibangun"), p.units_built)
    line(_("Unit diserahterimakan"), p.units_handed_over)
    line(_("Selesai tepat waktu"), p.on_time, persen=p.on_time_ratio,
         ket=_("selesai paling lambat {d} hari sesudah rencana mulai").format(d=ON_TIME_DAYS))

    head(_("2. Keuangan"))
    line(_("Pendapatan"), nilai=p.revenue)
    line(_("Beban langsung (bahan, upah, angkut, garansi)"), nilai=p.direct_costs)
    line(_("Margin kotor"), nilai=p.gross_margin, persen=p.margin_ratio, ket=_("dari pendapatan"),
         style="subtotal")
    line(_("Beban operasional dan lain-lain"), nilai=p.other_costs)
    line(_("Laba bersih"), nilai=p.net_profit, style="subtotal")

    head(_("3. Mutu pekerjaan"))
    line(_("Survei lokasi"), p.surveys)
    line(_("Survei dengan sumur kurang dari 10 m"), p.surveys_well_close, indent=1)
    line(_("Tangki lebih kecil dari saran SNI (dengan alasan)"), p.surveys_smaller_tank, indent=1)
    line(_("Pemeriksaan mutu saat serah terima"), p.checks,
         ket=_("{n} pesanan diperiksa").format(n=p.orders_checked))
    line(_("Lulus pada pemeriksaan pertama"), p.checks_first_pass, persen=p.pass_ratio, indent=1)
    line(_("Pesanan yang semua pemeriksaannya lulus"), p.orders_all_passed,
         persen=ratio(p.orders_all_passed, p.orders_checked), indent=1)
    line(_("Kekurangan diterima dengan alasan"), p.failures_accepted, indent=1)
    line(_("Kekurangan belum ditangani"), p.failures_open, indent=1)

    head(_("4. Layanan sesudah serah terima"))
    line(_("Keluhan masuk"), p.complaints)
    line(_("Dalam masa garansi"), p.complaints_in_warranty, indent=1)
    line(_("Keluhan selesai ditangani"), p.complaints_resolved,
         ket=(_("median {d} hari").format(d=format_quantity(p.median_days_to_resolve))
              if p.median_days_to_resolve is not None else ""))
    line(_("Keluhan masih terbuka di akhir periode"), p.complaints_open_at_end)
    line(_("Biaya perbaikan ditanggung KWS"), nilai=p.warranty_cost)

    head(_("5. Kepuasan pelanggan"))
    avg = p.average_score
    line(_("Nilai rata-rata (1-5)"), p.scored,
         ket=(_("rata-rata {avg} dari 5").format(avg=format_quantity(avg)) if avg is not None else "-"))
    for score in range(5, 0, -1):
        line(f"{score} - {_(SCORES[score])}", p.scores[score - 1], persen=ratio(p.scores[score - 1], p.scored),
             indent=1)
    line(_("Serah terima yang dinilai pelanggan"), p.handed_over_scored,
         persen=ratio(p.handed_over_scored, p.units_handed_over))

    head(_("6. Kemitraan"))
    line(_("Mitra aktif"), p.partners_active)
    line(_("Perjanjian (MoU/SPK) berlaku"), p.agreements_active, nilai=p.agreements_value)
    line(_("Uang diterima lewat mitra"), nilai=p.partners_money)
    for x in p.partner_lines:
        parts = [x.kind_label]
        if x.agreements_active and x.agreements_value:
            parts.append(_("{n} perjanjian {v}").format(n=x.agreements_active, v=format_rupiah(x.agreements_value)))
        elif x.agreements_active:
            parts.append(_("{n} perjanjian").format(n=x.agreements_active))
        if x.purchased:
            parts.append(_("pembelian {v}").format(v=format_rupiah(x.purchased)))
        line(x.name, x.units, nilai=x.received, ket="; ".join(parts), indent=1)

    head(_("7. Kapasitas anggota (pelatihan)"))
    for t in p.topics:
        line(t.label, t.women + t.men, ket=_("perempuan {p}, laki-laki {l}; {n} kali ikut").format(
            p=t.women, l=t.men, n=t.sessions), indent=1)
    line(_("Anggota yang ikut pelatihan"), p.trained_women + p.trained_men,
         ket=_("perempuan {p}, laki-laki {l}").format(p=p.trained_women, l=p.trained_men), style="subtotal")

    head(_("8. Gender"))
    members = p.members_women + p.members_men
    line(_("Anggota perempuan"), p.members_women, persen=ratio(p.members_women, members))
    line(_("Anggota laki-laki"), p.members_men, persen=ratio(p.members_men, members))
    line(_("Perempuan di kepengurusan"), p.leaders_women, persen=p.leaders_women_ratio,
         ket=_("dari {n} pengurus").format(n=p.leaders_total))
    for x in p.leaders:
        line(f"{role_label(x.role)}: {x.name}", ket=_("perempuan") if x.gender == "P" else _("laki-laki"),
             indent=1)
    line(_("Penghasilan anggota perempuan (upah dan bagi hasil)"), nilai=p.income_women,
         persen=p.income_women_ratio)
    line(_("Penghasilan anggota laki-laki (upah dan bagi hasil)"), nilai=p.income_men,
         persen=ratio(p.income_men, p.income_women + p.income_men))
    return rows


def build_performance_report(book: Book, start: dt.date | None, end: dt.date | None) -> TabularReport:
    """The registered `performance` report (charts on the first PDF page)."""
    period = resolve_period(start, end)
    with book.reading() as s:
        p = read_performance(s, period.start, period.end)
    return performance_report(p, period)


def performance_report(p: Performance, period: Period | None = None) -> TabularReport:
    from kws_desktop.documents.performance import figures_page
    period = period or Period(p.start, p.end)
    notes = (
        _("Tepat waktu: selesai paling lambat {d} hari sesudah rencana mulai (atau tanggal pesanan).")
        .format(d=ON_TIME_DAYS),
        _("Margin kotor: pendapatan dikurangi beban langsung (akun 5-xxxx) dari jurnal periode ini."),
        _("Ukuran tangki disarankan menurut SNI 2398:2017; jarak sumur ke tangki minimal 10 m."),
        _("Penghasilan anggota: upah kerja di pesanan dan bagi hasil (SHU) pada periode ini."),
    )
    tile_data, chart_data = tiles(p), charts(p)
    return TabularReport(
        title=_("Laporan Kinerja KWS"), subtitle=period_text(period), columns=_columns(),
        rows=report_rows(p), notes=notes,
        pdf_lead=lambda: figures_page(tile_data, chart_data))


register_report("performance", N_("Laporan Kinerja KWS"), build_performance_report, order=90)
