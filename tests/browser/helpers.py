"""Small helpers shared by the browser tests."""

import re
from urllib.parse import urlsplit

from django.core import mail

DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}


def path_of(page):
    return urlsplit(page.url).path


def submit_button(page, field_name):
    """The submit button of the form that holds the field `field_name`; not
    by its text, which is being translated."""
    return page.locator(f"form:has([name='{field_name}']) button[type=submit]:not([form])").first


def link_from_mail(recipient, path_prefix):
    """The path (from `path_prefix` on) of the link in the last mail sent to
    `recipient`; opened on the live server, whichever host the mail names."""
    sent = [m for m in mail.outbox if recipient in m.to]
    assert sent, f"No mail was sent to {recipient}; outbox: {[m.to for m in mail.outbox]}"
    body = sent[-1].body
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"[^\s<>\"']*)", body)
    assert match, f"No link to {path_prefix} in the mail to {recipient}:\n{body}"
    return match.group(1)
