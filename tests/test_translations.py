"""The English catalog (i18n/en/LC_MESSAGES/kws_desktop.po) covers every source string.

Source strings are Indonesian; when one is added or changed in kws_desktop/, run
`python -m kws_desktop.i18n_catalog` and translate the new entries in the .po.
"""
from __future__ import annotations

import re
import string

import pytest

from kws_desktop import i18n_catalog
from kws_desktop.i18n import NP_, _, current_language, p_, set_language

# %s, %d, %(name)s ... (no space flag: the "% d" in "{pct}% dari" is plain text)
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0+]*\d*(?:\.\d+)?[sdifrx%]")


def _entries():
    """(msgid, msgstr) pairs of the English catalog, plural forms paired with their source form."""
    pairs = []
    for message in i18n_catalog.load("en"):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            singular, plural = message.id
            for k, text in enumerate(strings):
                pairs.append((singular if k == 0 else plural, text))
        else:
            pairs.append((message.id, message.string))
    return pairs


def _fields(text: str) -> list[str]:
    """`{name}` / `{n:,}` fields (the format spec included) and %-style placeholders, sorted."""
    fields = [f"{{{name}{'!' + conv if conv else ''}{':' + spec if spec else ''}}}"
              for _literal, name, spec, conv in string.Formatter().parse(text) if name is not None]
    return sorted(fields + [m for m in _PERCENT.findall(text) if m != "%%"])


def test_every_source_string_has_an_english_translation():
    missing = i18n_catalog.untranslated("en")
    assert not missing, (f"{len(missing)} Indonesian strings have no English text; run "
                         "`python -m kws_desktop.i18n_catalog` and translate them in "
                         f"{i18n_catalog.po_path('en')}:\n" + "\n".join(missing[:50]))


def test_catalog_has_no_fuzzy_entries():
    fuzzy = [m.id for m in i18n_catalog.load("en") if m.id and m.fuzzy]
    assert not fuzzy, fuzzy[:20]


def test_translations_keep_the_same_placeholders():
    wrong = []
    for msgid, msgstr in _entries():
        if not msgstr:
            continue
        try:
            expected, got = _fields(msgid), _fields(msgstr)
        except ValueError as exc:  # unbalanced braces in the translation
            wrong.append(f"{msgid!r} -> {msgstr!r}: {exc}")
            continue
        if expected != got:
            wrong.append(f"{msgid!r} -> {msgstr!r}: {expected} != {got}")
    assert not wrong, "\n".join(wrong)


def test_translations_keep_edge_whitespace_line_breaks_and_accelerators():
    wrong = []
    for msgid, msgstr in _entries():
        if not msgstr:
            continue
        lead = msgid[:len(msgid) - len(msgid.lstrip())]
        trail = msgid[len(msgid.rstrip()):]
        if not (msgstr.startswith(lead) and msgstr.endswith(trail)) \
                or msgstr[:len(msgstr) - len(msgstr.lstrip())] != lead \
                or msgstr[len(msgstr.rstrip()):] != trail:
            wrong.append(f"whitespace: {msgid!r} -> {msgstr!r}")
        if msgid.count("\n") != msgstr.count("\n"):
            wrong.append(f"line breaks: {msgid!r} -> {msgstr!r}")
        if msgid.count("&") != msgstr.count("&"):
            wrong.append(f"'&' (accelerator): {msgid!r} -> {msgstr!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(("indonesian", "english"), [
    ("Beranda", ("Home", "Dashboard")),
    (NP_("jamak", "Pesanan"), ("Orders",)),
    (NP_("jamak", "Pelanggan"), ("Customers",)),
    ("Tagihan & Kuitansi", ("Invoices & Receipts",)),
    ("Bahan & Pembelian", ("Materials & Purchases",)),
    ("Kas & Bank", ("Cash & Bank",)),
    (NP_("jamak", "Anggota"), ("Members",)),
    ("Laporan", ("Reports",)),
    ("Pengaturan", ("Settings",)),
    ("Laporan Laba Rugi", ("Profit and Loss Statement",)),
    ("Laporan Posisi Keuangan", ("Statement of Financial Position",)),
    ("Laporan Arus Kas", ("Cash Flow Statement",)),
    ("Buku Kas Umum", ("General Cash Book",)),
    ("&Berkas", ("&File",)),
])
def test_key_strings_in_english(indonesian, english):
    set_language("en")
    try:
        assert _(indonesian) in english
    finally:
        set_language("id")
    assert current_language() == "id"
    assert _(indonesian) == indonesian


def test_formatted_string_in_english():
    set_language("en")
    try:
        text = _("Tagihan {number} sudah dibatalkan.").format(number="TGH-2026-0001")
    finally:
        set_language("id")
    assert text == "Invoice TGH-2026-0001 has been cancelled."


def _english(render):
    set_language("en")
    try:
        return render()
    finally:
        set_language("id")


@pytest.mark.parametrize(("render", "english"), [
    (lambda: p_("tombol", "Batal"), "Cancel"),          # the button
    (lambda: _("Batal"), "Cancelled"),                   # the status of a voided document or order
    (lambda: p_("tombol", "Selesai"), "Finish"),        # the last button of the first-run wizard
    (lambda: _("Selesai"), "Finished"),                  # an order stage
    (lambda: p_("menu", "Keluar"), "Exit"),             # File menu
    (lambda: _("Keluar"), "Left"),                       # the date a member left
    (lambda: _(NP_("status penawaran", "Diterima")), "Accepted"),
    (lambda: _("Diterima"), "Received"),
    (lambda: _(NP_("jamak", "Pelanggan")), "Customers"),  # sidebar, page heading
    (lambda: _("Pelanggan"), "Customer"),                # a column or form field
])
def test_one_indonesian_word_two_english_words(render, english):
    assert _english(render) == english
    indonesian = render()
    assert indonesian in ("Batal", "Selesai", "Keluar", "Diterima", "Pelanggan")



def test_cancel_and_finish_buttons_use_the_button_context():
    """`_("Batal")` is the status Cancelled; a Cancel button is `p_("tombol", "Batal")` (and the
    wizard's Finish button `p_("tombol", "Selesai")`), else English shows "Cancelled"."""
    package = i18n_catalog.PACKAGE
    button = re.compile(r'(setText|setButtonText|QPushButton|addButton|QProgressDialog)\(.*_\("(Batal|Selesai)"\)')
    wrong = [f"{path.relative_to(package)}:{n}: {line.strip()}"
             for path in package.rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if button.search(line) and "p_(" not in line]
    assert not wrong, "\n".join(wrong)


def test_strings_inside_f_strings_are_extracted(tmp_path, monkeypatch):
    (tmp_path / "page.py").write_text(
        "text = f\"{_('sisa')}: {owed} ({p_('tombol', 'Batal')}) {_(variable)}\"\n", encoding="utf-8")
    monkeypatch.setattr(i18n_catalog, "PACKAGE", tmp_path)
    found = {(m.context, m.id) for m in i18n_catalog.extract() if m.id}
    assert found == {(None, "sisa"), ("tombol", "Batal")}
