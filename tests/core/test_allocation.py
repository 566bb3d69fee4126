"""Allocation of payments to instalments, instalment plans and ageing: pure rules."""
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kws_desktop.core.allocation import (AllocationError, OpenInstalment, PlannedInstalment,
                                         add_months, ageing, allocate_oldest_first, bucket_for,
                                         check_chosen_allocation, check_plan, instalment_position,
                                         plan_instalments)

D0 = dt.date(2026, 1, 31)

instalments_st = st.lists(
    st.tuples(st.integers(0, 400), st.integers(1, 10_000_000), st.integers(0, 100)),
    min_size=1, max_size=12,
).map(lambda rows: [OpenInstalment(n + 1, n + 1, D0 + dt.timedelta(days=d), amount,
                                   amount * paid_pct // 100)
                    for n, (d, amount, paid_pct) in enumerate(rows)])


@settings(max_examples=300, deadline=None)
@given(instalments_st, st.data())
def test_oldest_first_preserves_sum_and_order(insts, data):
    owed = sum(i.open for i in insts)
    if owed == 0:
        with pytest.raises(AllocationError):
            allocate_oldest_first(1, insts)
        return
    amount = data.draw(st.integers(1, owed))
    parts = allocate_oldest_first(amount, insts)
    assert sum(p for _i, p in parts) == amount
    by_id = {i.id: i for i in insts}
    assert all(0 < p <= by_id[i].open for i, p in parts)
    # oldest first: every instalment due before the last one touched is paid in full
    order = sorted(insts, key=lambda i: (i.due_date, i.seq))
    touched = [by_id[i] for i, _p in parts]
    last = max(order.index(t) for t in touched)
    got = dict(parts)
    for inst in order[:last]:
        assert got.get(inst.id, 0) == inst.open
    assert all(order.index(t) <= last for t in touched)


@given(instalments_st)
def test_above_open_refused(insts):
    owed = sum(i.open for i in insts)
    with pytest.raises(AllocationError) as err:
        allocate_oldest_first(owed + 1, insts)
    assert err.value.code == "above_open" and err.value.detail["open"] == owed


@pytest.mark.parametrize("amount", [0, -1, -500_000])
def test_zero_or_negative_refused(amount):
    with pytest.raises(AllocationError) as err:
        allocate_oldest_first(amount, [OpenInstalment(1, 1, D0, 100)])
    assert err.value.code == "not_positive"


def test_floats_never_pass():
    with pytest.raises(TypeError):
        allocate_oldest_first(100.0, [OpenInstalment(1, 1, D0, 100)])


def test_oldest_first_by_due_date_not_sequence():
    insts = [OpenInstalment(1, 1, dt.date(2026, 3, 1), 500, 0), OpenInstalment(2, 2, dt.date(2026, 2, 1), 500, 0)]
    assert allocate_oldest_first(700, insts) == [(2, 500), (1, 200)]


def test_partly_paid_instalment_takes_only_its_rest():
    insts = [OpenInstalment(1, 1, D0, 500_000, 300_000), OpenInstalment(2, 2, add_months(D0, 1), 500_000)]
    assert allocate_oldest_first(400_000, insts) == [(1, 200_000), (2, 200_000)]


def test_chosen_allocation_checked():
    insts = [OpenInstalment(1, 1, D0, 500, 0), OpenInstalment(2, 2, add_months(D0, 1), 500, 100)]
    assert check_chosen_allocation([(2, 400), (1, 100)], insts) == [(1, 100), (2, 400)]
    for chosen, code in [([(2, 401)], "above_instalment"), ([(9, 1)], "unknown"),
                         ([(1, 0)], "not_positive"), ([(1, 10), (1, 10)], "twice")]:
        with pytest.raises(AllocationError) as err:
            check_chosen_allocation(chosen, insts)
        assert err.value.code == code


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10**12), st.integers(1, 60), st.integers(0, 100))
def test_plan_always_adds_up(total, count, dp_pct):
    dp = total * dp_pct // 100
    if dp >= total:
        dp = 0
    if total - dp < count:  # instalments of Rp0 would follow
        with pytest.raises(AllocationError):
            plan_instalments(total, count=count, first_due=D0, down_payment=dp)
        return
    plan = plan_instalments(total, count=count, first_due=D0, down_payment=dp)
    assert sum(p.amount for p in plan) == total
    assert len(plan) == count + (1 if dp else 0)
    assert [p.seq for p in plan] == list(range(1, len(plan) + 1))
    amounts = [p.amount for p in plan if not p.is_down_payment]
    assert len(set(amounts[:-1])) <= 1 and amounts[-1] == max(amounts)  # the last absorbs the rest
    if total - dp >= 1_000 * count:
        assert min(amounts) >= 1_000 and all(a % 1_000 == 0 for a in amounts[:-1])
    assert all(a.due_date <= b.due_date for a, b in zip(plan, plan[1:]))


def test_plan_months_keep_end_of_month():
    plan = plan_instalments(3_000_000, count=3, first_due=D0)
    assert [p.due_date for p in plan] == [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31)]


def test_plan_that_does_not_add_up_is_refused():
    plan = [PlannedInstalment(1, D0, 1_000_000, True), PlannedInstalment(2, add_months(D0, 1), 1_000_000)]
    with pytest.raises(AllocationError) as err:
        check_plan(2_500_000, plan)
    assert err.value.code == "sum" and err.value.detail == {"sum": 2_000_000, "total": 2_500_000}


@pytest.mark.parametrize("plan,code", [
    ([], "empty"),
    ([PlannedInstalment(1, D0, 0), PlannedInstalment(2, D0, 100)], "not_positive"),
    ([PlannedInstalment(1, D0, 50), PlannedInstalment(2, D0, 50, True)], "down_payment"),
    ([PlannedInstalment(1, add_months(D0, 1), 50), PlannedInstalment(2, D0, 50)], "order"),
])
def test_bad_plans(plan, code):
    with pytest.raises(AllocationError) as err:
        check_plan(100, plan)
    assert err.value.code == code


def test_down_payment_not_the_whole_total_with_instalments():
    with pytest.raises(AllocationError) as err:
        plan_instalments(100, count=2, first_due=D0, down_payment=100)
    assert err.value.code == "down_payment"


@pytest.mark.parametrize("days,bucket", [(-1, "not_due"), (0, "d0_30"), (30, "d0_30"), (31, "d31_60"),
                                         (60, "d31_60"), (61, "d61_90"), (90, "d61_90"),
                                         (91, "over_90"), (1000, "over_90")])
def test_bucket_edges(days, bucket):
    assert bucket_for(D0, D0 + dt.timedelta(days=days)) == bucket


def test_ageing_sums_and_skips_paid():
    as_of = dt.date(2026, 6, 30)
    a = ageing([(dt.date(2026, 7, 5), 100), (dt.date(2026, 6, 30), 200), (dt.date(2026, 6, 1), 300),
                (dt.date(2026, 4, 15), 400), (dt.date(2026, 1, 1), 500), (dt.date(2026, 1, 1), 0)], as_of)
    assert (a.not_due, a.d0_30, a.d31_60, a.d61_90, a.over_90) == (100, 500, 0, 400, 500)
    assert a.total == 1500
    assert a.overdue == 300 + 400 + 500  # due today is not late yet


def test_instalment_position_counts_after_the_down_payment():
    assert instalment_position(1, 5, True) == ("down_payment", 0, 0)
    assert instalment_position(3, 5, True) == ("instalment", 2, 4)
    assert instalment_position(1, 1, False) == ("single", 0, 0)
    assert instalment_position(2, 3, False) == ("instalment", 2, 3)
