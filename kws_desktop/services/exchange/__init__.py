"""Moving records in and out: the spreadsheet import, the ledger export, consolidating several books.

Modules and their public calls:

- `consolidation`: Consolidation for a district office or facilitator: several KWS books (files)
  in one PostgreSQL database, and the program report across all of them, by KWS.
  ConsolidatedBook, ConsolidationResult, schema_engine, consolidated_books, consolidate,
  open_consolidated, build_program_by_kws
- `ledger_export`: The whole journal as a plain-text ledger file that `ledger` and `hledger` both
  read.
  ledger_account_name, account_declarations, format_amount, ExportSummary, write_ledger,
  export_ledger
- `spreadsheet_import`: Spreadsheet import: a year of notebook records from the template workbook,
  all or nothing.
  ImportProblem, ImportRefused, ImportSummary, template_lists, write_template, Row, read_workbook,
  Cells, check_workbook, import_workbook, import_into
- `spreadsheet_sample`: A filled import workbook: a realistic year of notebook records, for tests,
  benchmarks and trainers preparing a workshop scenario. Deterministic from `seed`.
  make_sample_workbook
- `workbook_guard`: A workbook checked before openpyxl parses it: hostile files are refused with
  one sentence.
  CellProblem, damaged_file, unsafe_file, not_xlsx, guard_workbook
"""
