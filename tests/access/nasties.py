"""What the fuzz test types: the fields of a rendered form, and for each a
hypothesis strategy of valid-looking values mixed with nasty ones."""

from html.parser import HTMLParser

from hypothesis import strategies as st

NASTY_TEXT = (
    "",
    " ",
    "x" * 5000,
    "a\x00b",
    "\x00",
    "مرحبا بالعالم",
    "\u202egnp.exe",
    "😀👨‍👩‍👧 geld",
    "<script>alert(1)</script>",
    "<b>vet</b> &amp; &lt;",
    '=HYPERLINK("http://x","klik")',
    "+1+1",
    "@SUM(A1:A9)",
    "' OR 1=1 --",
    '"ongesloten',
    "NEAR(a b",
    "a AND OR NOT *",
    "*",
    "-",
    "None",
    "[]",
)
NASTY_NUMBERS = (
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999999999",
    "9223372036854775808",
    "1e309",
    "NaN",
    "inf",
    "1,5",
    "12.345,67",
    "abc",
)
NASTY_DATES = ("2024-02-30", "0000-00-00", "9999-12-31", "99999-01-01", "31-12-2024", "gisteren")
VALID_TEXT = ("Anna de Vries", "anna@example.org", "Kerkstraat 1", "0612345678", "3511 AB")
TEXT_TYPES = {"text", "email", "search", "url", "tel", "textarea"}
SKIPPED_TYPES = {"submit", "button", "reset", "image", "file"}


class _FormParser(HTMLParser):
    """Collects each <form>: its method and fields [(name, kind, values)]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").upper(), "fields": {}}
            self.forms.append(self._form)
            return
        if self._form is None or not attrs.get("name"):
            if tag == "option" and self._select is not None:
                self._select[2].append(attrs.get("value", ""))
            return
        name, fields = attrs["name"], self._form["fields"]
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind not in SKIPPED_TYPES:
                field = fields.setdefault(name, [name, kind, []])
                field[2].append(attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            fields.setdefault(name, [name, "textarea", [""]])
        elif tag == "select":
            self._select = fields.setdefault(name, [name, "select", []])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def form_fields(html, method, must_have=None):
    """The fields of the page's form with `method` that has the most fields
    (the page's header has a search form and a logout button too)."""
    parser = _FormParser()
    parser.feed(html)
    forms = [form for form in parser.forms if form["method"] == method]
    if must_have:
        forms = [f for f in forms if any(must_have in name for name in f["fields"])]
    assert forms, f"no {method} form on the page"
    best = max(forms, key=lambda form: len(form["fields"]))
    return [tuple(field) for field in best["fields"].values()]


def _value(kind, values):
    nasty = st.sampled_from(NASTY_TEXT + NASTY_NUMBERS)
    if kind in ("number", "range"):
        return st.one_of(
            st.sampled_from(NASTY_NUMBERS),
            st.integers(-(10**30), 10**30).map(str),
            st.floats(allow_nan=True).map(str),
        )
    if kind in ("date", "datetime-local", "time", "month"):
        return st.one_of(st.sampled_from(NASTY_DATES), st.dates().map(str), nasty)
    if kind == "hidden" and values and values[-1].startswith(("{", "[")):
        # The JSON state of Wagtail's rich text and stream editors: the
        # editor writes it, nobody types it; Wagtail covers its own parsing.
        return st.just(values[-1])
    if kind in ("select", "radio", "checkbox", "hidden"):
        known = [value for value in values if value is not None] or [""]
        return st.one_of(st.sampled_from(known), st.sampled_from(NASTY_NUMBERS), nasty)
    return st.one_of(
        st.sampled_from(VALID_TEXT),
        nasty,
        st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
    )


@st.composite
def submissions(draw, fields):
    """A POST or GET body for `fields`: each field sent once, dropped, or
    sent twice (the second value wins in Django's QueryDict)."""
    data = {}
    for name, kind, values in fields:
        shape = draw(st.sampled_from(("once", "once", "once", "drop", "twice")))
        if shape == "drop":
            continue
        first = draw(_value(kind, values))
        data[name] = [first, draw(_value(kind, values))] if shape == "twice" else first
    return data


def echo_value(fields, data):
    """A typed text value that an invalid form shows again, or None."""
    for name, kind, _values in fields:
        sent = data.get(name)
        if kind not in TEXT_TYPES or sent is None:
            continue
        value = sent[-1] if isinstance(sent, list) else sent
        if value.strip() and "\x00" not in value and "\r" not in value:
            return name, value
    return None
