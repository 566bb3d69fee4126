"""Getting paid: invoices (tagihan), payments and their kuitansi, what is still owed.

Modules and their public calls:

- `invoices`: Invoices (tagihan): one payer's share of one order, or a program's share of many
  orders.
  instalment_label, InstalmentInfo, InvoiceLineInfo, InvoiceReceipt, InvoiceInfo, PlanSpec,
  plan_error_message, paid_by_instalment, paid_by_invoice, invoice_infos, get_invoice,
  find_invoice, open_invoices_for_customer, LineSpec, revenue_account_for, create_invoice_in,
  create_invoice, invoiced_amounts, payer_customer_id, order_work, create_invoices_for_order,
  invoice_order, create_batch_invoice_in, create_batch_invoice, payer_customer_id_matches,
  reschedule, void_invoice, refresh_status, describe_due, customer_address, invoice_doc,
  write_invoice_pdf
- `kuitansi`: Taking a payment and its kuitansi, from the money to the paper, in one place.
  TakenPayment, kuitansi_print, take_payment, share_kuitansi
- `payments`: Payments against invoices, their kuitansi, and voiding a wrong one.
  PaymentInfo, record_payment_in, record_payment, advance_left_in, advance_left, apply_advance,
  void_payment, void_receipt, get_payment, payments_for_invoice, kuitansi_data, write_receipt,
  mark_receipts_printed, write_receipts, receipt_share
- `receivables`: What is owed to the group: per payer, per order, aged; overdue instalments; paged
  lists of invoices, payments and receipts for the screens and the command line.
  payer_label, PayerBilling, ReceiptRef, OrderBillingSummary, order_billing_summary,
  read_order_billing, read_open_total, PayerReceivable, receivables_by_payer, ReceivablesSummary,
  receivables_summary, OverdueInstalment, overdue_instalments, read_overdue,
  build_receivables_report, InvoiceRow, list_invoices, count_invoices, ReceiptRow, list_receipts,
  count_receipts, PayerMatch, find_payers, invoice_list_rows, payment_list_rows, receipt_list_rows
- `reminders`: Reminder letters (surat pengingat pembayaran) to a payer with late instalments.
  issue_reminder, write_reminder_pdf
- `reports`: Registers the billing reports (loaded by services.reports.load_all).
"""
