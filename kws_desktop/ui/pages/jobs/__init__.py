"""Jobs: the Pesanan area (orders and quotes in tabs), the order list and story, a new order."""

AREA = "pesanan"  # the area key its windows report their changes to
