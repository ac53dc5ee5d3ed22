"""Passkeys in real Chromium, with a virtual authenticator from the Chrome
DevTools Protocol standing in for a phone's fingerprint reader: a
coordinator makes a passkey instead of an app at the first log-in and
reaches the admin, then logs in with the passkey alone, and with the
password and the passkey. axe-core checks every page on the way; the page
fixture fails on any Content Security Policy violation of allauth's script.

The live server runs on http://localhost, which browsers and fido2 accept as
a secure origin: no insecure-origin setting is needed."""

from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from people.models import Role
from tests.factories import PASSWORD, MembershipFactory

from .helpers import LOGIN, MY, SECOND_FACTOR, path_of, submit_button

pytestmark = pytest.mark.browser

ADMIN = "/admin/"
ACTIVATE = "/account/2fa/totp/activate/"
ADD_PASSKEY = "/account/2fa/webauthn/add/"
RECOVERY_CODES = "/account/2fa/recovery-codes/"
LOGOUT = "/account/logout/"


def virtual_authenticator(page):
    """A platform authenticator that stores passkeys, checks the user (as
    a fingerprint would) and answers at once."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    reply = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    return cdp, reply["authenticatorId"]


def wait_for_path(page, path):
    # Not a glob: "**/admin/" would match the login page's "?next=/admin/".
    page.wait_for_url(lambda address: urlsplit(address).path == path)


def log_out(page, url, check):
    page.goto(url(LOGOUT))
    check()
    page.locator("main form[action='/account/logout/'] button[type=submit]").click()
    page.wait_for_url(url("/"))


def test_a_coordinator_makes_a_passkey_and_logs_in_with_it(page, url, check_a11y):
    coordinator = MembershipFactory(role=Role.COORDINATOR).user
    cdp, authenticator_id = virtual_authenticator(page)

    # First log-in: the password, then a passkey instead of the app.
    page.goto(url(ADMIN))
    page.wait_for_url(f"**{LOGIN}?next=**")
    check_a11y()
    page.fill("#id_login", coordinator.email)
    page.fill("#id_password", PASSWORD)
    submit_button(page, "login").click()
    page.wait_for_url(f"**{ACTIVATE}?next=**")
    check_a11y()
    page.locator(f"main a[href^='{ADD_PASSKEY}?next=']").click()

    page.wait_for_url(f"**{ADD_PASSKEY}?next=**")
    check_a11y()
    expect(page.locator("#id_passwordless")).to_be_checked()
    page.fill("#id_name", "Mijn laptop")
    page.locator("#mfa_webauthn_add").click()

    page.wait_for_url(f"**{RECOVERY_CODES}?next=**")
    check_a11y()
    expect(page.locator("main .waakvlam-recovery-codes li")).to_have_count(10)
    page.locator(f"main a[href='{ADMIN}']").click()
    wait_for_path(page, ADMIN)
    check_a11y()

    passkey = Authenticator.objects.get(user=coordinator, type=Authenticator.Type.WEBAUTHN)
    assert passkey.wrap().name == "Mijn laptop"
    assert passkey.wrap().is_passwordless is True
    assert not Authenticator.objects.filter(user=coordinator, type="totp").exists()
    (credential,) = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})[
        "credentials"
    ]
    assert credential["isResidentCredential"] is True

    # Mijn Waakvlam and the passkeys page show it.
    page.goto(url(MY))
    check_a11y()
    page.locator("main a[href='/account/2fa/']").click()
    page.wait_for_url("**/account/2fa/")
    check_a11y()
    page.locator("main a[href='/account/2fa/webauthn/']").click()
    page.wait_for_url("**/account/2fa/webauthn/")
    check_a11y()
    expect(page.locator("main")).to_contain_text("Mijn laptop")

    # The passkey alone: no password, and the admin opens.
    log_out(page, url, check_a11y)
    page.goto(url(LOGIN))
    check_a11y()
    page.locator("#passkey_login").click()
    wait_for_path(page, MY)
    check_a11y()
    page.goto(url(ADMIN))
    assert path_of(page) == ADMIN
    check_a11y()

    # The password, then the passkey as the second factor.
    log_out(page, url, check_a11y)
    page.goto(url(LOGIN))
    page.fill("#id_login", coordinator.email)
    page.fill("#id_password", PASSWORD)
    submit_button(page, "login").click()
    page.wait_for_url(f"**{SECOND_FACTOR}")
    check_a11y()
    page.locator("#mfa_webauthn_authenticate").click()
    wait_for_path(page, MY)
    check_a11y()
    page.goto(url(ADMIN))
    assert path_of(page) == ADMIN
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None
