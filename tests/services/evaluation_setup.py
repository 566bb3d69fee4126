"""Shared setup for the evaluation tests: a customer, a member, an order handed over."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

D = dt.date(2026, 3, 2)


def make_setup(book) -> dict:
    from kws_desktop.services.jobs import orders
    from kws_desktop.services.sales.customers import CustomerInput, create_customer
    from kws_desktop.services.people.members import MemberInput, register_member
    from kws_desktop.services.book.opening import post_opening_balances
    post_opening_balances(book, dt.date(2026, 1, 1), cash=5_000_000, bank=10_000_000)
    cust = create_customer(book, CustomerInput(name="Bapak Ahmad Sutisna", gender="L", address="Kp. Sukamaju",
                                               desa="Sentul", kecamatan="Balaraja", household_size=5))
    baznas = create_customer(book, CustomerInput(name="BAZNAS Kab. Tangerang", kind="institution",
                                                 payer_type="baznas"))
    member = register_member(book, MemberInput(name="Siti Aminah", gender="P", role="ketua",
                                               joined_on=dt.date(2025, 6, 1), daily_wage=120_000))
    order = orders.create_order(book, orders.OrderInput(
        customer_id=cust.id, date=D, planned_start=D,
        lines=(orders.LineInput("Tangki septik individual biofilter", 1, "unit", 4_500_000, cost=3_400_000),),
        payers=(orders.PayerInput("baznas", 2_500_000, payer_customer_id=baznas.id),
                orders.PayerInput("swadaya", 2_000_000))))
    return {"customer": cust.id, "baznas": baznas.id, "member": member.id, "order": order.id,
            "order_number": order.number}


def hand_over(book, setup, date=dt.date(2026, 3, 12)) -> None:
    from kws_desktop.services.jobs import orders
    orders.add_crew(book, setup["order"], setup["member"], dt.date(2026, 3, 5), 2, 120_000)
    orders.change_stage(book, setup["order"], "selesai", date - dt.timedelta(days=1))
    orders.change_stage(book, setup["order"], "diserahterimakan", date)


def count(book, *models) -> tuple[int, ...]:
    with book.reading() as s:
        return tuple(s.execute(select(func.count()).select_from(m)).scalar() for m in models)
