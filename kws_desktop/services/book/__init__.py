"""The book itself: opening and creating it, the ledger, document numbers, closed periods, the audit
log, backups, where the book lives, and `check`.

Modules and their public calls:

- `amounts`: The one rule for money and quantities a service takes in, per kind of money.
  MoneyKind, rupiah_problem, check_rupiah, parse_quantity
- `audit`: The audit log: who did what, when. Written inside the same transaction as the change.
  record
- `backdating`: Numbers that follow dates: one rule for every numbered document kind.
  kind_name, Latest, BackdateError, latest_of, backdated_before, ensure_date_order,
  ensure_redated_in_order, noted, audit_detail
- `backup`: Backups the user asks for, and restoring one with a preview of what it holds.
  backup_book, BackupPreview, preview, automatic_backups, restore
- `book_place`: Where the group's book lives, and its second backup place.
  old_book_to_offer, copy_to_documents, prepare_default_place, missing_book_sentence,
  second_backup, note_second_backup, choose_second_backup, second_backup_reminder
- `book_settings`: The book's own settings, each declared once with its default and what it
  accepts: the rules that travel with the book (paper, quote validity, the profit sharing rule,
  the treasurer's notes). Reading a setting never stored, or stored with a value this version does
  not accept, gives the default; storing one that is not accepted is refused with a sentence.
  BookSetting
- `books`: Creating and opening books, the KWS profile and book-level settings.
  create_book, open_book, get_profile, update_profile, is_demo, get_setting, read_setting,
  set_setting, with_profile
- `changes`: What an operation changed, by area: the tables a committed transaction wrote (the
  book notes them, see Book.take_changes), named by the area whose models own them (store/models/
  <area>.py). Pages say which areas they show and refresh when one of those changed.
  areas_of, take_changed_areas
- `check`: `check`: is the book whole? SQLite integrity, balanced entries, numbering, links.
  check_book
- `dates`: The date-range rule of core/dates.py as a message in the user's language.
  date_problem, ensure_date, FutureDateError, ensure_money_date
- `first_run`: The first run of a new book: profile, signatories, opening cash and bank, example
  prices.
  SetupInput, SetupResult, needs_setup, opening_posted, check_profile, check_signatories,
  check_opening, apply_setup
- `ledger`: Posting to the journal: balanced entries linked to their source, reversal for
  corrections.
  install_chart, post_entry, entry_postings, reverse_entry, AccountRow, account_name,
  account_balances
- `numbering`: Document numbers, allocated inside the caller's transaction (never reused).
  next_number
- `opening`: Opening balances: the cash and bank a group already has when it starts its book.
  post_opening_balances
- `periods`: Closed periods: nothing is posted on or before the end of a period that stands
  closed.
  closed_through, ensure_open
- `postgres_setup`: `kws-desktop setup-postgres`: make (or upgrade) a shared PostgreSQL book as
  its owner and let the app in through a role that owns nothing (store/pg_roles.py).
  setup_postgres
- `print_jobs`: A document on its way to paper, as the services hand it to the print preview.
  PrintJob
- `records`: Helpers for plain working records (partners, agreements, trainings): not issued
  documents, so they may be corrected in place, with an audit line saying what changed.
  one_line, correct
- `sharing`: Sharing a document on WhatsApp: the number as wa.me wants it and the prefilled
  message.
  wa_number, wa_link, ShareInfo
- `totals`: The journal's totals per account and day: `check` compares them with the journal, and
  `kws-desktop rebuild-totals BOOK` makes them again from it in one transaction.
  totals_problems, RebuiltTotals, rebuild_totals
- `voiding`: Voiding an issued document: BATAL with a reason, its journal entry reversed, its
  number kept.
  void_reason, void_day, void_in
"""
