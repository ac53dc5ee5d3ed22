"""How the steady contact reaches the person in the way they chose: a
tap-to-call link, a WhatsApp link, an e-mail link."""

import re

from ..plans.models import Way

NON_DIGITS = re.compile(r"\D")
DUTCH_PREFIX = "31"


def phone_digits(phone):
    """The international digits of a phone number for wa.me: Dutch
    "06 1234 5678" → "31612345678", "+31 6…" and "0031 6…" → "316…"."""
    raw = (phone or "").strip()
    digits = NON_DIGITS.sub("", raw)
    if not digits:
        return ""
    if raw.startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    if digits.startswith("0"):
        return DUTCH_PREFIX + digits[1:]
    return digits


def tel_href(phone):
    """A tel: link; only the characters a dialler understands."""
    cleaned = re.sub(r"[^\d+]", "", phone or "")
    return f"tel:{cleaned}" if NON_DIGITS.sub("", cleaned) else ""


def whatsapp_href(phone):
    digits = phone_digits(phone)
    return f"https://wa.me/{digits}" if digits else ""


def reach_links(plan):
    """{"tel": …, "whatsapp": …, "email": …} for the person's chosen way:
    a phone call also when they chose no way yet (or without consent)."""
    person = plan.person
    if person is None:
        return {}
    way = plan.preferred_way
    links = {}
    if way in (Way.PHONE, ""):
        links["tel"] = tel_href(person.phone)
    elif way == Way.WHATSAPP:
        links["whatsapp"] = whatsapp_href(person.phone)
    elif way == Way.EMAIL and not person.email.endswith(".invalid"):
        links["email"] = f"mailto:{person.email}"
    return {kind: href for kind, href in links.items() if href}
