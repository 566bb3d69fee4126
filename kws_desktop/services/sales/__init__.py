"""Selling the work: customers, work packages (RAB templates) and quotes.

Modules and their public calls:

- `customers`: Customers: households and institutional payers; search, duplicates, desa and
  kecamatan lists.
  CustomerInput, CustomerRow, add_customer, create_customer, update_customer, set_active,
  get_customer, read_customer, search_customers, read_customers, count_customers, all_customers,
  institutions, likely_duplicates, duplicate_warning, desa_names, read_kecamatan_file,
  kecamatan_list, set_kecamatan_list, list_rows
- `package_warranty`: The warranty months the group set for each work package, checked, written
  with its audit line and read in this one place.
  check_months, warranties_set, write_warranty
- `packages`: Work packages (paket pekerjaan): RAB templates a quote starts from, priced from the
  catalog.
  PackageMaterialInput, PackageInput, PackageMaterialRow, PackageRow, PackageEffect,
  package_components, price_of, create_package, add_package, update_package, set_active,
  get_package, list_packages, price_change_effect, package_cost_with_price, default_package_specs,
  load_default_packages
- `quote_terms`: The default terms of a quote, from its lines: the book's packages feed
  core.quote_terms (labour days of each package, whether it has materials, and the warranty
  months the group set for it).
  LEGACY_TERMS, default_terms_in, follows_lines_in, TermsForLines, terms_for_lines
- `quotes`: Quotes (surat penawaran harga): the RAB a household signs, its funding plan and its
  states.
  ComponentInput, QuoteLineInput, PayerInput, QuoteInput, ComponentSnapshot, PayerSnapshot,
  QuoteSnapshot, QuoteDetail, QuoteListRow, PricedLine, status_label, payer_label,
  price_package_line, price_free_line, totals_of, create_quote, add_quote, update_quote,
  send_quote, mark_sent, reject_quote, mark_rejected, revise_quote, add_revision, expire_overdue,
  mark_expired, quote_for_order, mark_accepted, set_order, get_quote, read_quote, find_quote,
  list_quotes, count_quotes, all_quotes, write_quote_pdf, quote_share, list_rows
"""
