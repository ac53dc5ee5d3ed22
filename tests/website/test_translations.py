import re
from pathlib import Path

import pytest
from django.utils.translation import gettext, override

# Needs no database: runs once, in the SQLite pass (see Makefile).
pytestmark = pytest.mark.database_free

PO = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def entries():
    """(msgid, msgstr) pairs of the Dutch catalogue, plurals by first form."""
    text = PO.read_text()
    pattern = re.compile(
        r'^msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?msgstr(?:\[0\])? ((?:".*"\n)+)', re.M
    )

    def join(block):
        raw = "".join(re.findall(r'"(.*)"', block))
        return raw.replace(r"\n", "\n").replace(r"\"", '"').replace("\\\\", "\\")

    return [(join(m.group(1)), join(m.group(2))) for m in pattern.finditer(text)]


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
