"""The jobs at households: orders, their progress photos, handover, job costing and the quality
checklist.

Modules and their public calls:

- `handover`: The handover letter (Berita Acara Serah Terima, BAST) of an order: its data and its
  PDF.
  handover_data, write_handover
- `job_costing`: Job costing in SQL: the real material, labour and other cost of every order.
  stock_cost_expr, purchase_cost_expr, material_cost_expr, labour_cost_expr, other_cost_expr,
  order_cost, order_costs, package_summaries, ReportLine, report_lines, is_finished,
  build_orders_report
- `orders`: Orders: from an accepted quote (or entered directly) to handover, with the job's real
  cost.
  ComponentInput, LineInput, PayerInput, OrderInput, ItemRow, PayerRow, StageEventRow, CrewRow,
  CostRow, MaterialUseRow, PhotoInfo, HandoverRow, OrderView, OrderRow, OrderFilter, OrderTotals,
  ensure_order_open_for_work, order_open_on, order_has_payments, create_order, add_order,
  accept_quote, accept_quote_in, change_stage, move_stage, cancel_order, cancel_in, delete_order,
  update_order_details, add_crew, add_crew_in, void_crew, add_cost, add_cost_in, void_cost,
  issue_material, return_material, read_order, get_order, find_order, read_orders, list_orders,
  count_orders, order_totals, list_rows, filter_choices
- `photos`: Progress photos of a job (0 %, 50 %, 100 %), kept inside the book as attachments.
  ReducedImage, PhotoRow, reduce_image, add_photo_in, add_photo, order_photos, read_photos,
  photo_image, final_photo, remove_photo
- `quality`: The quality checklist at handover and the household's satisfaction score.
  check_label, CheckInput, CheckRow, ChecklistView, read_checklist, get_checklist,
  ensure_handover_allowed, record_checks_in, record_checks, accept_failure,
  record_satisfaction_in, record_satisfaction
- `unit_counts`: How many units (orders, one order is one unit) a period counts: one definition
  for every report, so the program report, the performance report and the dashboard agree where
  they count the same thing. Session-level helpers (they take a session and never commit).
  units_ordered, units_built, units_handed_over
"""
