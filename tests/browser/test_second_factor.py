"""Two-factor login as a coordinator walks it the first time, on a phone
(390 x 844): the admin sends them to log in, the log-in to setting up an
authenticator app, the app's code to the recovery codes, and on to the
admin. axe-core checks every page on the way."""

import os

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from people.models import Role
from tests.factories import PASSWORD, MembershipFactory
from tests.helpers import totp_code

from .helpers import LOGIN, path_of, submit_button

pytestmark = pytest.mark.browser

ADMIN = "/admin/"
ACTIVATE = "/account/2fa/totp/activate/"
RECOVERY_CODES = "/account/2fa/recovery-codes/"


def test_a_coordinator_sets_up_the_app_at_the_first_log_in_and_reaches_the_admin(
    page, url, check_on_phone
):
    coordinator = MembershipFactory(role=Role.COORDINATOR).user

    page.goto(url(ADMIN))
    page.wait_for_url(f"**{LOGIN}?next=**")
    check_on_phone()
    page.fill("#id_login", coordinator.email)
    page.fill("#id_password", PASSWORD)
    submit_button(page, "login").click()

    page.wait_for_url(f"**{ACTIVATE}?next=**")
    check_on_phone()
    expect(page.locator("main img[src^='data:image/svg+xml']")).to_be_visible()
    screenshot = os.environ.get("SECOND_FACTOR_SCREENSHOT")
    if screenshot:  # to look at the page as a phone shows it
        page.screenshot(path=screenshot, full_page=True)
    secret = page.locator("#authenticator-secret").inner_text().strip()
    page.fill("#id_code", totp_code(secret))
    submit_button(page, "code").click()

    page.wait_for_url(f"**{RECOVERY_CODES}?next=**")
    check_on_phone()
    expect(page.locator("main .waakvlam-recovery-codes li")).to_have_count(10)
    expect(page.locator("main a[href='/account/2fa/recovery-codes/download/']")).to_be_visible()
    page.locator(f"main a[href='{ADMIN}']").click()

    page.wait_for_url(f"**{ADMIN}")
    assert path_of(page) == ADMIN
    check_on_phone()
    assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).exists()
