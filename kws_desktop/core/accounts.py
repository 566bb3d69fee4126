"""The chart of accounts: Indonesian names, shaped for SAK EMKM statements.

Amounts in the journal are signed: debit positive, credit negative. An account's balance in
its normal direction is `balance * sign` (assets and expenses debit, the rest credit).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AccountType(StrEnum):
    ASSET = "aset"
    LIABILITY = "liabilitas"
    EQUITY = "ekuitas"
    REVENUE = "pendapatan"
    EXPENSE = "beban"

    @property
    def normal_sign(self) -> int:
        return 1 if self in (AccountType.ASSET, AccountType.EXPENSE) else -1


@dataclass(frozen=True)
class AccountSpec:
    code: str
    name_id: str
    name_en: str
    type: AccountType
    is_cash: bool = False  # appears in the cash book and the cash-flow statement


# Codes are referred to by name in the services (A.CASH, ...), never as literals elsewhere.
class A:
    CASH = "1-1100"
    BANK = "1-1200"
    RECEIVABLES = "1-1300"
    INVENTORY = "1-1400"
    MEMBER_ADVANCES = "1-1500"
    PREPAID = "1-1600"
    EQUIPMENT = "1-2100"
    ACCUM_DEPRECIATION = "1-2200"
    PAYABLES = "2-1100"
    WAGES_PAYABLE = "2-1200"
    CUSTOMER_DEPOSITS = "2-1300"
    PROFIT_SHARE_PAYABLE = "2-1400"
    MEMBER_CAPITAL = "3-1000"
    GROUP_FUND = "3-2000"
    RETAINED_EARNINGS = "3-3000"
    OPENING_BALANCE = "3-9000"
    REVENUE_CONSTRUCTION = "4-1000"
    REVENUE_SERVICE = "4-2000"
    REVENUE_OTHER = "4-9000"
    COST_MATERIALS = "5-1000"
    COST_LABOUR = "5-2000"
    COST_TRANSPORT = "5-3000"
    COST_EQUIPMENT = "5-4000"
    COST_PERMITS = "5-5000"
    COST_WARRANTY = "5-6000"
    STOCK_DIFFERENCE = "5-7000"
    COST_OTHER_JOB = "5-8000"   # a job's other direct costs (from revision 0007; before: 6-1000)
    OPERATING = "6-1000"
    DEPRECIATION = "6-2000"
    OTHER_EXPENSE = "6-9000"


T = AccountType
CHART: tuple[AccountSpec, ...] = (
    AccountSpec(A.CASH, "Kas", "Cash", T.ASSET, is_cash=True),
    AccountSpec(A.BANK, "Bank", "Bank", T.ASSET, is_cash=True),
    AccountSpec(A.RECEIVABLES, "Piutang Usaha", "Trade receivables", T.ASSET),
    AccountSpec(A.INVENTORY, "Persediaan Bahan", "Material inventory", T.ASSET),
    AccountSpec(A.MEMBER_ADVANCES, "Kasbon Anggota", "Advances to members", T.ASSET),
    AccountSpec(A.PREPAID, "Uang Muka Pembelian", "Prepayments to suppliers", T.ASSET),
    AccountSpec(A.EQUIPMENT, "Peralatan", "Equipment", T.ASSET),
    AccountSpec(A.ACCUM_DEPRECIATION, "Akumulasi Penyusutan Peralatan",
                "Accumulated depreciation of equipment", T.ASSET),
    AccountSpec(A.PAYABLES, "Utang Usaha", "Trade payables", T.LIABILITY),
    AccountSpec(A.WAGES_PAYABLE, "Utang Upah", "Wages payable", T.LIABILITY),
    AccountSpec(A.CUSTOMER_DEPOSITS, "Uang Muka Pelanggan", "Customer advances", T.LIABILITY),
    AccountSpec(A.PROFIT_SHARE_PAYABLE, "Utang Bagi Hasil Anggota", "Profit share payable to members",
                T.LIABILITY),
    AccountSpec(A.MEMBER_CAPITAL, "Simpanan Anggota", "Members' capital", T.EQUITY),
    AccountSpec(A.GROUP_FUND, "Dana Kas Kelompok", "Group fund", T.EQUITY),
    AccountSpec(A.RETAINED_EARNINGS, "Saldo Laba", "Retained earnings", T.EQUITY),
    AccountSpec(A.OPENING_BALANCE, "Ekuitas Saldo Awal", "Opening balance equity", T.EQUITY),
    AccountSpec(A.REVENUE_CONSTRUCTION, "Pendapatan Jasa Konstruksi Sanitasi",
                "Sanitation construction revenue", T.REVENUE),
    AccountSpec(A.REVENUE_SERVICE, "Pendapatan Jasa Layanan (Sedot Tinja, Perbaikan)",
                "Service revenue (desludging, repairs)", T.REVENUE),
    AccountSpec(A.REVENUE_OTHER, "Pendapatan Lain-lain", "Other income", T.REVENUE),
    AccountSpec(A.COST_MATERIALS, "Beban Bahan", "Material cost", T.EXPENSE),
    AccountSpec(A.COST_LABOUR, "Beban Upah Tukang", "Labour cost", T.EXPENSE),
    AccountSpec(A.COST_TRANSPORT, "Beban Transportasi", "Transport", T.EXPENSE),
    AccountSpec(A.COST_EQUIPMENT, "Beban Sewa Peralatan", "Equipment hire", T.EXPENSE),
    AccountSpec(A.COST_PERMITS, "Beban Perizinan", "Permits", T.EXPENSE),
    AccountSpec(A.COST_WARRANTY, "Beban Garansi dan Perbaikan", "Warranty and repairs", T.EXPENSE),
    AccountSpec(A.STOCK_DIFFERENCE, "Selisih Persediaan", "Stock count differences", T.EXPENSE),
    AccountSpec(A.COST_OTHER_JOB, "Beban Lain-lain Pekerjaan", "Other job costs", T.EXPENSE),
    AccountSpec(A.OPERATING, "Beban Operasional Kelompok", "Group operating expenses", T.EXPENSE),
    AccountSpec(A.DEPRECIATION, "Beban Penyusutan", "Depreciation", T.EXPENSE),
    AccountSpec(A.OTHER_EXPENSE, "Beban Lain-lain", "Other expenses", T.EXPENSE),
)

CHART_BY_CODE = {spec.code: spec for spec in CHART}


def is_cost_of_sales(code: str, type_: str) -> bool:
    """Beban pokok pendapatan (the 5-xxxx group) in the profit and loss; other expenses are
    beban usaha."""
    return type_ == AccountType.EXPENSE and code.startswith("5-")


def is_noncurrent_asset(code: str, type_: str) -> bool:
    """Aset tidak lancar (the 1-2xxx group: equipment and its depreciation)."""
    return type_ == AccountType.ASSET and code.startswith("1-2")
CASH_ACCOUNTS = tuple(spec.code for spec in CHART if spec.is_cash)
