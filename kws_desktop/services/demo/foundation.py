"""Demo step: the KWS profile and its opening cash and bank."""
from __future__ import annotations

import datetime as dt

from kws_desktop.core.accounts import A
from kws_desktop.core.profile import KwsProfile
from kws_desktop.services.books import update_profile
from kws_desktop.services.cash import record_expense, transfer
from kws_desktop.services.demo import DemoContext
from kws_desktop.services.opening import post_opening_balances

DEMO_PROFILE = KwsProfile(
    name="KWS Tirta Sehat Mandiri",
    address="Jl. Raya Serang Km. 24 No. 7, RT 003/RW 002",
    desa="Sentul Jaya",
    kecamatan="Balaraja",
    kabupaten="Kabupaten Tangerang",
    provinsi="Banten",
    phone="0812-8765-4321",
    email="kws.tirtasehat@example.id",
    leader_name="Siti Aminah",
    treasurer_name="Dewi Lestari",
    bank_name="Bank BJB Cabang Balaraja",
    bank_account="0012-3456-7890",
    bank_holder="KWS Tirta Sehat Mandiri",
)


def profile_and_opening(ctx: DemoContext) -> None:
    update_profile(ctx.book, DEMO_PROFILE)
    post_opening_balances(ctx.book, ctx.start, cash=3_500_000, bank=12_000_000)
    ctx.count("jurnal saldo awal")
    first_week = ctx.start + dt.timedelta(days=6)
    record_expense(ctx.book, date=first_week, money_account="cash", category=A.OPERATING,
                   amount=185_000, description="Buku kas, kuitansi dan stempel kelompok",
                   party="Toko ATK Berkah")
    transfer(ctx.book, date=first_week, from_account="cash", amount=1_000_000)
    ctx.count("catatan kas & bank", 2)
