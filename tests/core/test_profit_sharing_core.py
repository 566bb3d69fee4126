from decimal import Decimal

import pytest

from kws_desktop.core.profit_sharing import (MemberBasis, ProfitRuleError, parse_rule,
                                             split_profit)


def test_days_split_adds_up_exactly():
    rule = parse_rule({"group_fund_pct": 30, "basis": "days"})
    split = split_profit(1_000_001, rule, [MemberBasis(1, Decimal("3")), MemberBasis(2, Decimal("3")),
                                           MemberBasis(3, Decimal("3")), MemberBasis(4, Decimal(0))])
    assert split.group_amount == 300_000
    assert split.members_amount == 700_001
    assert [s.amount for s in split.shares][3] == 0
    assert split.total == 1_000_001
    assert sum(s.amount for s in split.shares) == split.members_amount


@pytest.mark.parametrize("profit", [1, 7, 99, 1_234_567, 999_999_999_999])
@pytest.mark.parametrize("basis", ["days", "equal", "capital"])
def test_every_rupiah_lands_somewhere(profit, basis):
    rule = parse_rule({"group_fund_pct": "12.5", "basis": basis})
    members = [MemberBasis(i, Decimal(i) / 2, i * 100_000) for i in range(1, 8)]
    assert split_profit(profit, rule, members).total == profit


def test_equal_and_capital():
    members = [MemberBasis(1, capital=100), MemberBasis(2, capital=300)]
    eq = split_profit(1000, parse_rule({"group_fund_pct": 0, "basis": "equal"}), members)
    assert [s.amount for s in eq.shares] == [500, 500]
    cap = split_profit(1000, parse_rule({"group_fund_pct": 0, "basis": "capital"}), members)
    assert [s.amount for s in cap.shares] == [250, 750]


def test_percent_rule():
    rule = parse_rule({"group_fund_pct": 20, "basis": "percent", "member_pcts": {"1": 50, "2": 30}})
    split = split_profit(1000, rule, [MemberBasis(1), MemberBasis(2)])
    assert (split.group_amount, [s.amount for s in split.shares]) == (200, [500, 300])


@pytest.mark.parametrize("data,code", [
    ({"group_fund_pct": 30, "members_pct": 60}, "not_100"),
    ({"group_fund_pct": 130}, "bad_pct"),
    ({"group_fund_pct": -1}, "bad_pct"),
    ({"group_fund_pct": "abc"}, "bad_pct"),
    ({"group_fund_pct": 30, "basis": "luck"}, "bad_basis"),
    ({"group_fund_pct": 30, "basis": "percent", "member_pcts": {"1": 50}}, "member_pcts_not_100"),
])
def test_bad_rules(data, code):
    with pytest.raises(ProfitRuleError) as err:
        parse_rule(data)
    assert err.value.code == code


def test_no_profit_and_no_basis():
    rule = parse_rule({"group_fund_pct": 30, "basis": "days"})
    with pytest.raises(ProfitRuleError, match="no_profit"):
        split_profit(0, rule, [MemberBasis(1)])
    with pytest.raises(ProfitRuleError, match="no_basis"):
        split_profit(100, rule, [MemberBasis(1), MemberBasis(2)])
    with pytest.raises(ProfitRuleError, match="no_members"):
        split_profit(100, rule, [])


def test_rule_round_trip():
    rule = parse_rule({"group_fund_pct": "30", "basis": "capital"})
    assert parse_rule(rule.as_setting()) == rule
    assert rule.as_setting() == {"group_fund_pct": 30, "members_pct": 70, "basis": "capital"}
