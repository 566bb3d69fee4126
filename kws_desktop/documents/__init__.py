"""Every printed or exported document: PDF (reportlab), XLSX (openpyxl) and CSV.

Plain data in, a file out; no Qt, no database. The shared pieces:

- :mod:`.text`: ``markup`` (the only way user text enters reportlab markup), ``plain``,
  ``neutralise_cell`` (CSV formula safety; XLSX text is a string cell, ``sheets.put_text``).
- :mod:`.fonts`: the DejaVu Sans family, registered once.
- :mod:`.styles`: ``styles()`` and ``paragraph(text, style)``.
- :mod:`.pdf`: ``paper_size``, ``content_width``, ``build_pdf`` (letterhead, "hal. x dari y",
  watermark, atomic write).
- :mod:`.blocks`: ``title_block``, ``key_value_table``, ``money_table``, ``signature_blocks``,
  ``with_signatures`` (a paper's last section kept with its signatures), ``MeteraiBox``,
  ``needs_meterai``.
- :mod:`.flow`: ``FullWidth`` (built for the frame's width), ``TableThenTail`` (a report's
  notes and signatures never alone on a page: the table's last rows go over with them).
- :mod:`.table`: ``Column``, ``Row``, ``Carry``, ``format_cell``, ``data_table``; laid out by
  :mod:`.table_layout` (widths, wrapped lines, the page plan, ``page_plan`` for tests) and drawn
  by :mod:`.ruled_table` (plain strings through :mod:`.canvas_text`, no reportlab ``Table``).
- :mod:`.tabular`: ``TabularReport`` and ``write_pdf`` / ``write_xlsx`` / ``write_csv`` /
  ``write_report``.
- :mod:`.output`: ``DocumentWriteError``, ``atomic_output``.
- :mod:`.gc_pause`: ``collector_paused`` (no cycle collection while a document is built).
"""
