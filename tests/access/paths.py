"""A request path for each URL pattern, filled with ids and tokens that
belong to nobody: a role that may not use the URL is refused before the
object is looked up, and one that may gets a 404, never a 500."""

import re

NOBODYS_ID = "987654"
NOBODYS_TOKEN = "geen-bestaand-token"

# Patterns written as regular expressions: an example path for each.
REGEX_SAMPLES = {
    "^((?:[\\w\\-]+/)*)$": "/bestaat-niet/",
    "^(?P<page_path>(?:[\\w\\-]+/)+)agenda\\.ics$": "/bestaat-niet/agenda.ics",
    "documenten/^(\\d+)/(.*)$": f"/documenten/{NOBODYS_ID}/bewijs.pdf",
    "account/^confirm-email/(?P<key>[-:\\w]+)/$": f"/account/confirm-email/{NOBODYS_TOKEN}/",
    "account/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
        f"/account/password/reset/key/zz-{NOBODYS_TOKEN}/"
    ),
}

_VALUES = {
    "int": NOBODYS_ID,
    "token": NOBODYS_TOKEN,
    "uuid": "0" * 8 + "-0000-0000-0000-" + "0" * 12,
}


def _converter(match):
    return _VALUES.get(match.group(1) or "str", "x")


def sample_path(route):
    if route in REGEX_SAMPLES:
        return REGEX_SAMPLES[route]
    if "^" in route or "(?" in route:
        # A regex route from Wagtail's admin (its own patterns): the plain
        # text before the first group is enough to reach the view's guard.
        route = re.sub(r"\^|\$", "", route)
        route = re.sub(r"\(\?P<\w+>[^)]*\)|\([^)]*\)", NOBODYS_ID, route)
        route = route.replace(".*", "x").replace("\\", "")
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", _converter, route)
