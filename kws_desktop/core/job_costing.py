"""Job costing: what a job was sold for, what it really cost, and what it earned.

Pure values and rules; the sums themselves are aggregated in SQL by services/jobs/job_costing.py.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


def N_(message: str) -> str:
    """Mark a label for the translation catalog (core/ cannot import kws_desktop.i18n); the
    label is translated with `_()` where it is shown."""
    return message


class Stage(StrEnum):
    """The life of an order. BATAL (cancelled) stands outside the forward line."""

    DIJADWALKAN = "dijadwalkan"        # scheduled
    DIKERJAKAN = "dikerjakan"          # in progress
    SELESAI = "selesai"                # finished and tested
    DISERAHTERIMAKAN = "diserahterimakan"  # handed over
    BATAL = "batal"                    # cancelled (with a reason)


STAGE_LINE: tuple[Stage, ...] = (Stage.DIJADWALKAN, Stage.DIKERJAKAN, Stage.SELESAI,
                                  Stage.DISERAHTERIMAKAN)

# Labels as shown to users (Indonesian source strings; translated where shown).
STAGE_LABELS = {
    Stage.DIJADWALKAN: N_("Dijadwalkan"),
    Stage.DIKERJAKAN: N_("Dikerjakan"),
    Stage.SELESAI: N_("Selesai"),
    Stage.DISERAHTERIMAKAN: N_("Diserahterimakan"),
    Stage.BATAL: N_("Batal"),
}


def stage_rank(stage: Stage | str) -> int:
    """0..3 along the forward line; -1 for a cancelled order."""
    stage = Stage(stage)
    return STAGE_LINE.index(stage) if stage in STAGE_LINE else -1


def stages_between(current: Stage | str, target: Stage | str) -> tuple[Stage, ...]:
    """The stages passed going forward from `current` to `target` (target included);
    empty when `target` is not ahead of `current`."""
    a, b = stage_rank(current), stage_rank(target)
    if a < 0 or b <= a:
        return ()
    return STAGE_LINE[a + 1:b + 1]


def is_backward(current: Stage | str, target: Stage | str) -> bool:
    a, b = stage_rank(current), stage_rank(target)
    return a >= 0 and 0 <= b < a


def needs_crew(stage: Stage | str) -> bool:
    """A job is finished (or handed over) only when someone built it."""
    return stage_rank(stage) >= stage_rank(Stage.SELESAI)


class CostKind(StrEnum):
    """Other direct costs of a job besides materials and labour."""

    TRANSPORT = "transport"
    EQUIPMENT = "equipment"   # equipment hire
    PERMITS = "permits"
    OTHER = "other"


COST_KIND_LABELS = {
    CostKind.TRANSPORT: N_("Transportasi"),
    CostKind.EQUIPMENT: N_("Sewa alat"),
    CostKind.PERMITS: N_("Perizinan"),
    CostKind.OTHER: N_("Lain-lain"),
}

PHOTO_STAGES = (0, 50, 100)


def margin_ratio(price: int, margin: int) -> Decimal | None:
    """Margin as a ratio of the price (0.125 is 12.5 %), not rounded (shown through
    core/percent.py, which rounds once); None without a price."""
    if price <= 0:
        return None
    return Decimal(margin) / Decimal(price)


@dataclass(frozen=True)
class JobCost:
    """The cost sheet of one order."""

    price: int            # the agreed price of the job
    quoted_cost: int      # the cost the quote (RAB) expected; 0 when unknown
    material: int         # issued from stock, less returns, plus purchases for the job
    labour: int           # crew wages accrued
    other: int            # transport, equipment hire, permits, other

    @property
    def actual(self) -> int:
        return self.material + self.labour + self.other

    @property
    def margin(self) -> int:
        return self.price - self.actual

    @property
    def margin_ratio(self) -> Decimal | None:
        return margin_ratio(self.price, self.margin)

    @property
    def over_cost(self) -> bool:
        """The real cost has passed what the quote expected it to cost."""
        return self.quoted_cost > 0 and self.actual > self.quoted_cost

    @property
    def over_by(self) -> int:
        return max(0, self.actual - self.quoted_cost) if self.quoted_cost > 0 else 0

    @property
    def loss(self) -> bool:
        return self.margin < 0


@dataclass(frozen=True)
class PackageSummary:
    """Orders of one package over a period: averages in whole rupiah."""

    package: str
    orders: int
    price: int
    cost: int

    @property
    def margin(self) -> int:
        return self.price - self.cost

    @property
    def average_price(self) -> int:
        return average(self.price, self.orders)

    @property
    def average_cost(self) -> int:
        return average(self.cost, self.orders)

    @property
    def average_margin(self) -> int:
        return average(self.margin, self.orders)

    @property
    def margin_ratio(self) -> Decimal | None:
        return margin_ratio(self.price, self.margin)


def average(total: int, count: int) -> int:
    """`total / count` in whole rupiah, half up (away from zero); 0 for no items."""
    if count <= 0:
        return 0
    return int((Decimal(total) / count).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def check_stage_date(stage_date: dt.date, order_date: dt.date, previous_date: dt.date | None) -> str | None:
    """Which rule a stage date breaks: "before_order", "before_previous" or None."""
    if stage_date < order_date:
        return "before_order"
    if previous_date is not None and stage_date < previous_date:
        return "before_previous"
    return None
