"""Jobs: the Pesanan area (orders and quotes in tabs), the order list and story, a new order."""
