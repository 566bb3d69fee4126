"""The members: the register, wages and kasbon, profit sharing (SHU), member income.

Modules and their public calls:

- `capital_return`: Paying a member's simpanan back (when they leave, or when the group
  decides).
  return_capital
- `member_income`: Member income: per member and period, wages earned, profit share, kasbon and
  money received; the member's take-home slip; the `member-income` report; the gender view.
  IncomeRow, income_rows, member_income, build_member_income_report, StatementLine,
  MemberStatement, member_statement, write_member_income_slip, GenderRow, LeadershipRow,
  GenderView, gender_view
- `members`: The member register: who is in the group, since when, in which role, with what
  simpanan.
  gender_label, role_label, MemberInput, Balances, MemberRow, RoleSpell, member_balances,
  member_row_now, member_in, register_member, member_input_problems, register_member_in,
  add_capital, update_member, change_role, member_leaves, crew_table, ensure_can_work,
  get_member, list_members, count_members, active_members, members_on, members_in_period, role_history, describe_balances
- `profit_sharing`: Bagi hasil (SHU) at the close of a period: preview, post (closes the period),
  reverse (reopens).
  basis_label, rule_message, get_rule, set_rule, ShareLine, SharingPreview, SharingRow,
  period_result, preview_profit_sharing, post_profit_sharing, reverse_profit_sharing,
  get_profit_sharing, list_profit_sharings, shares_in_period
- `reports`: Registers the members area's reports (imported by services.reports.load_all).
- `wages`: Wages: what each member earned on each job, advances (kasbon), and paying members out.
  PayLine, OwedRow, PayoutLineRow, PayoutRow, AdvanceRow, JobWage, wages_owed, get_payout,
  list_payouts, count_payouts, list_advances, count_advances, member_jobs, days_worked,
  record_advance, void_advance, payout_kind, pay_members, void_payout, write_wage_slips
"""
