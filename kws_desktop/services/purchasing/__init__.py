"""Buying and keeping materials: the catalog, suppliers, purchases and stock.

Modules and their public calls:

- `materials`: The materials catalog: what the group buys and uses, its units, prices and price
  history.
  MaterialInput, MaterialRow, PriceRow, round_value, create_material, add_material,
  update_material, update_price, set_active, list_materials, read_materials, material_choices,
  count_materials, low_stock, get_material, find_material, categories, price_history,
  last_purchase_price, read_last_price, StarterItem, starter_items, load_starter_catalog,
  list_rows
- `purchases`: Purchases (nota pembelian): posted to stock or straight to a job, paid in cash, by
  transfer or on credit; voided with a reason, never edited or deleted.
  PurchaseLineInput, PurchaseInput, PurchaseLineRow, PurchaseRow, PurchaseFilter, PurchaseTotals,
  FormMemory, record_purchase, record_purchase_in, void_purchase, get_purchase, find_purchase,
  list_purchases, purchase_totals, count_purchases, form_memory, slip_image, method_label,
  list_rows
- `reports`: `report materials`: per material for a period: stock at the start, bought, used,
  counted differences, stock at the end, in quantity and value (moving average cost).
  MaterialFlow, material_flows, build_materials_report
- `stock`: Stock: quantity and value on hand (moving average cost), issues to orders, returns,
  counts.
  StockIssue, on_hand, average_cost, shortage_message, issue_to_order, issued_to_order,
  return_from_order, order_material_cost, OrderMaterialRow, order_materials, CountLineInput,
  CountSheetRow, StockCountLineRow, StockCountRow, count_sheet, record_stock_count,
  list_stock_counts, get_stock_count, MoveRow, material_moves, issue_to_order_now,
  return_from_order_now, stock_value_total, stock_value
- `suppliers`: Suppliers (toko bangunan): who they are, what was bought there, what is still owed,
  payments.
  SupplierInput, SupplierRow, SupplierPaymentRow, create_supplier, add_supplier, update_supplier,
  owed_to, list_suppliers, get_supplier, pay_supplier, void_supplier_payment,
  list_supplier_payments
"""
