"""The search query and the excerpts of what it found, the same on SQLite
and on PostgreSQL (knowledge.dutch says why)."""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from modelsearch.query import And, Or, PlainText

from . import dutch

EXCERPT_WORDS = 30
# Words of the excerpt shown before the first match, for context.
WORDS_BEFORE = 8


def query_for(words):
    """Every typed word (in any of its forms) must occur: "budget cursus"
    finds what has both. None when there is nothing to look for."""
    parts = []
    for word in words:
        forms = [PlainText(form) for form in dutch.variants(word)]
        parts.append(forms[0] if len(forms) == 1 else Or(forms))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def highlighter(words):
    """A pattern for the words of the text that the search matched: any
    word starting with one of the forms of the typed words."""
    forms = sorted({form for word in words for form in dutch.variants(word)}, key=len)
    if not forms:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(form) for form in forms) + r")\w*", re.I)


def plain_text(value):
    """The readable text of a field: rich text, a StreamField (its raw data,
    so that no link or image is looked up) or plain text."""
    raw = getattr(value, "raw_data", None)
    if raw is not None:
        return " ".join(_strings(list(raw)))
    return " ".join(strip_tags(str(value or "")).split())


def _strings(data):
    if isinstance(data, str):
        text = " ".join(strip_tags(data).split())
        return [text] if text else []
    if isinstance(data, dict):
        # A block's "type" and "id" are no text; its "value" is.
        if "value" in data and "type" in data:
            return _strings(data["value"])
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, (list, tuple)):
        return [s for item in data for s in _strings(item)]
    return []


def excerpt(pattern, *texts):
    """About EXCERPT_WORDS words around the first matched word of the first
    text that has one (else the start of the first text that is not
    empty), HTML-escaped, the matched words in <mark>."""
    plains = [text for text in (plain_text(t) for t in texts) if text]
    if not plains:
        return ""
    chosen, start = plains[0], 0
    if pattern is not None:
        for text in plains:
            match = pattern.search(text)
            if match:
                chosen = text
                start = max(len(text[: match.start()].split()) - WORDS_BEFORE, 0)
                break
    all_words = chosen.split()
    shown = " ".join(all_words[start : start + EXCERPT_WORDS])
    html = _mark(pattern, shown)
    if start > 0:
        html = "… " + html
    if start + EXCERPT_WORDS < len(all_words):
        html += " …"
    return mark_safe(html)  # noqa: S308 -- every piece of text is escaped in _mark


def _mark(pattern, text):
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f'<mark class="utrecht-mark">{escape(match.group())}</mark>')
        last = match.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)
