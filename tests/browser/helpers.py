"""Small helpers shared by the browser tests."""

import re
from urllib.parse import urlsplit

from django.core import mail

from people.permissions import must_use_second_factor
from tests.factories import PASSWORD
from tests.helpers import TOTP_SECRET, give_authenticator_app, totp_code

DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
PHONE = {"width": 390, "height": 844}
LOGIN = "/account/login/"
MY = "/mijn/"
SECOND_FACTOR = "/account/2fa/authenticate/"


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


def log_in(page, url, check, user, landing=MY):
    """Log `user` in on the login page, `check` (the a11y check) on each
    page. Staff who must use a second factor get an authenticator app first
    and type its code, as they would with their phone."""
    staff = must_use_second_factor(type(user).objects.get(pk=user.pk))
    if staff:
        give_authenticator_app(user)
    page.goto(url(LOGIN))
    check()
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    submit_button(page, "login").click()
    if staff:
        page.wait_for_url(f"**{SECOND_FACTOR}")
        check()
        page.fill("#id_code", totp_code(TOTP_SECRET))
        submit_button(page, "code").click()
    page.wait_for_url(f"**{landing}")
    check()


def log_in_from_invitation(page, check, user, back_to):
    """On an invitation page: follow its login link, log in as `user` and
    come back to the page (`back_to`, a URL glob), `check` on each page."""
    page.locator("main a[href^='/account/login/']").first.click()
    check()
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    submit_button(page, "login").click()
    page.wait_for_url(back_to)
    check()
