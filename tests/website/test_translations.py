from pathlib import Path

import pytest
from django.utils.translation import gettext, override, pgettext

# Needs no database: runs once, in the SQLite pass (see Makefile).
pytestmark = pytest.mark.database_free

PO = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def _unquote(line):
    raw = line[line.index('"') + 1 : line.rindex('"')]
    return raw.replace(r"\n", "\n").replace(r"\"", '"').replace("\\\\", "\\")


def catalogue():
    """Every live entry of the Dutch catalogue as a dict: "msgctxt", "msgid",
    "msgid_plural" and "msgstr" or "msgstr[0]", "msgstr[1]"; continuation
    lines joined, obsolete ("#~") entries left out."""
    found, entry, key = [], None, None
    for line in PO.read_text().splitlines() + [""]:
        if not line.strip() or line.startswith("#"):
            if entry is not None and not line.startswith("#~"):
                found.append(entry)
                entry = None
            continue
        if line.startswith('"'):
            entry[key] += _unquote(line)
            continue
        key, _, rest = line.partition(" ")
        if entry is None or (key in ("msgctxt", "msgid") and "msgid" in entry):
            if entry is not None:
                found.append(entry)
            entry = {}
        entry[key] = _unquote(rest)
    return [e for e in found if e.get("msgid")]


def entries():
    """(msgid, msgstr) pairs of the Dutch catalogue without a context,
    plurals by first form."""
    return [
        (e["msgid"], e.get("msgstr", e.get("msgstr[0]"))) for e in catalogue() if "msgctxt" not in e
    ]


def test_every_string_has_a_dutch_translation_and_none_is_fuzzy():
    untranslated = [msgid for msgid, msgstr in entries() if msgid and not msgstr]
    assert untranslated == []
    assert "#, fuzzy" not in PO.read_text()


def test_the_compiled_catalogue_matches_the_po_file():
    stale = []
    with override("nl"):
        for msgid, msgstr in entries():
            if msgid and "%" not in msgid and gettext(msgid) != msgstr:
                stale.append(msgid)
    assert stale == [], "run: manage.py compilemessages -l nl --ignore=.venv"


def test_every_plural_has_both_dutch_forms_and_they_differ_where_english_does():
    """ "4 bijeenkomst toegevoegd" came from a plural whose two forms were
    the same; this includes Wagtail's strings that our catalogue overrides."""
    wrong = []
    for e in catalogue():
        if "msgid_plural" not in e:
            continue
        one, many = e.get("msgstr[0]", ""), e.get("msgstr[1]", "")
        if not one or not many or (e["msgid"] != e["msgid_plural"] and one == many):
            wrong.append(e["msgid"])
    assert wrong == []


def test_words_with_a_context_are_translated_by_their_context():
    with override("nl"):
        for e in catalogue():
            if "msgctxt" in e and "msgid_plural" not in e and "%" not in e["msgid"]:
                assert pgettext(e["msgctxt"], e["msgid"]) == e["msgstr"], e


def test_the_site_says_heeft_u_never_hebt_u():
    hebt = [e["msgid"] for e in catalogue() if "ebt u" in str(e) or "U hebt" in str(e)]
    assert hebt == []
