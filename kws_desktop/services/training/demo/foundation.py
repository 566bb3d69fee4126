"""Demo step: the KWS profile and its opening cash and bank."""
from __future__ import annotations

from kws_desktop.core.profile import KwsProfile
from kws_desktop.services.book.books import update_profile
from kws_desktop.services.training.demo.context import DemoContext
from kws_desktop.services.book.opening import post_opening_balances

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
    # a group some years old: its savings (about two months of work) carry the jobs until
    # households and programs pay
    months = max(1, (ctx.today - ctx.start).days // 30)
    bank = max(60_000_000, ctx.orders * 13_000_000 // months // 1_000_000 * 1_000_000)
    post_opening_balances(ctx.book, ctx.start, cash=4_500_000, bank=bank)
    ctx.count("jurnal saldo awal")
