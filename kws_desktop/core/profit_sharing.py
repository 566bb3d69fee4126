"""Bagi hasil (SHU): splitting a period's profit by the group's rule.

The rule (kept in the book settings under "profit_rule"):

    {"group_fund_pct": 30, "members_pct": 70, "basis": "days"}

- `group_fund_pct` goes to the group fund (kas kelompok); `members_pct` (default: the rest) is
  shared among members. The two must add up to exactly 100.
- `basis`: how the members' part is shared: "days" (by person-days worked in the period),
  "equal" (the same for every member of the period), "capital" (by simpanan paid in), or
  "percent" (a fixed percentage per member in `member_pcts`, {member_id: pct}, which must add up
  to `members_pct`).

Amounts always add up exactly (largest remainder, `core.money.allocate_by_weight`). Errors are
`ProfitRuleError` with a `code` and values; the services turn them into Indonesian sentences.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from kws_desktop.core.money import allocate_by_weight

BASES = ("days", "equal", "capital", "percent")
HUNDRED = Decimal(100)


class ProfitRuleError(ValueError):
    """A rule or a split that cannot be used. `code` names the problem; `values` fill the message.

    codes: bad_pct, not_100, bad_basis, member_pcts_not_100, bad_member_pct, no_profit,
    no_members, no_basis.
    """

    def __init__(self, code: str, **values: Any):
        super().__init__(code)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class ProfitRule:
    group_fund_pct: Decimal
    members_pct: Decimal
    basis: str
    member_pcts: tuple[tuple[int, Decimal], ...] = ()

    def as_setting(self) -> dict:
        out: dict[str, Any] = {"group_fund_pct": _num(self.group_fund_pct),
                               "members_pct": _num(self.members_pct), "basis": self.basis}
        if self.basis == "percent":
            out["member_pcts"] = {str(k): _num(v) for k, v in self.member_pcts}
        return out


def _num(value: Decimal) -> int | str:
    return int(value) if value == value.to_integral_value() else str(value.normalize())


def _pct(value: Any, name: str) -> Decimal:
    if isinstance(value, float):
        value = repr(value)
    try:
        pct = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ProfitRuleError("bad_pct", name=name, value=value) from None
    if not pct.is_finite() or pct < 0 or pct > HUNDRED or pct != pct.quantize(Decimal("0.001")):
        raise ProfitRuleError("bad_pct", name=name, value=value)
    return pct


def parse_rule(data: Mapping[str, Any]) -> ProfitRule:
    """Read and check a rule from its settings shape. Raises ProfitRuleError."""
    group = _pct(data.get("group_fund_pct", 0), "group_fund_pct")
    members = _pct(data["members_pct"], "members_pct") if data.get("members_pct") is not None \
        else HUNDRED - group
    if group + members != HUNDRED:
        raise ProfitRuleError("not_100", total=group + members)
    basis = data.get("basis", "days")
    if basis not in BASES:
        raise ProfitRuleError("bad_basis", basis=basis)
    pcts: tuple[tuple[int, Decimal], ...] = ()
    if basis == "percent":
        raw = data.get("member_pcts") or {}
        try:
            pcts = tuple(sorted((int(k), _pct(v, "member_pcts")) for k, v in raw.items()))
        except (TypeError, ValueError) as exc:
            if isinstance(exc, ProfitRuleError):
                raise
            raise ProfitRuleError("bad_member_pct") from None
        total = sum((p for _k, p in pcts), Decimal(0))
        if total != members:
            raise ProfitRuleError("member_pcts_not_100", total=total, expected=members)
    return ProfitRule(group, members, basis, pcts)


@dataclass(frozen=True)
class MemberBasis:
    """What a member brings to the split: person-days worked in the period, simpanan paid in."""

    member_id: int
    days: Decimal = Decimal(0)
    capital: int = 0


@dataclass(frozen=True)
class MemberShare:
    member_id: int
    weight: Decimal     # days, rupiah of capital, 1 (equal) or the percentage
    amount: int


@dataclass(frozen=True)
class ProfitSplit:
    profit: int
    rule: ProfitRule
    group_amount: int
    members_amount: int
    weight_total: Decimal
    shares: tuple[MemberShare, ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        return self.group_amount + sum(s.amount for s in self.shares)


def _weight(rule: ProfitRule, member: MemberBasis, pcts: dict[int, Decimal]) -> Decimal:
    if rule.basis == "days":
        return Decimal(member.days)
    if rule.basis == "capital":
        return Decimal(member.capital)
    if rule.basis == "percent":
        return pcts.get(member.member_id, Decimal(0))
    return Decimal(1)


def split_profit(profit: int, rule: ProfitRule, members: list[MemberBasis]) -> ProfitSplit:
    """Split `profit` (whole rupiah, > 0): first the group fund, then members by the basis.

    Every rupiah lands somewhere: group + members' shares == profit exactly. A member with no
    weight (no days worked, no capital) gets 0 and still appears in the result.
    """
    if type(profit) is not int:
        raise TypeError("profit is int rupiah")
    if profit <= 0:
        raise ProfitRuleError("no_profit", profit=profit)
    if not members:
        raise ProfitRuleError("no_members")
    pcts = dict(rule.member_pcts)
    if rule.basis == "percent":
        unknown = set(pcts) - {m.member_id for m in members}
        if unknown:
            raise ProfitRuleError("bad_member_pct", member_ids=sorted(unknown))
    group_amount, members_amount = (allocate_by_weight(profit, [rule.group_fund_pct, rule.members_pct])
                                    if rule.members_pct else (profit, 0))
    weights = [_weight(rule, m, pcts) for m in members]
    weight_total = sum(weights, Decimal(0))
    if members_amount == 0:
        amounts = [0] * len(members)
    else:
        if weight_total <= 0:
            raise ProfitRuleError("no_basis", basis=rule.basis)
        # percent basis: member percentages add up to members_pct, so sharing the members'
        # part by them gives each exactly their percentage of the profit (rounding rest too)
        amounts = allocate_by_weight(members_amount, weights)
    shares = tuple(MemberShare(m.member_id, w, a) for m, w, a in zip(members, weights, amounts))
    return ProfitSplit(profit, rule, group_amount, members_amount, weight_total, shares)
