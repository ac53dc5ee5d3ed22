"""The steady contact's week on a phone (390 x 844), without relying on
JavaScript: Mijn Waakvlam shows who is overdue and who is due this week,
with a tap-to-call link; one tap on an outcome plus a note writes the
moment down and names the next one; then a referral, taken along. axe-core
on every page visited (check_on_phone)."""

import pytest
from playwright.sync_api import expect

from aftercare.models import Outcome, Purpose
from tests.aftercare.contacts.helpers import contact_with_plans, service

from .helpers import log_in, path_of

pytestmark = pytest.mark.browser


@pytest.fixture
def check(check_on_phone):
    return check_on_phone


def test_the_volunteers_week_on_a_phone(page, url, check):
    contact, (plan,) = contact_with_plans(watch_out_for="Post laten liggen")
    huurteam = service("Huurteam Utrecht", helps_with="Advies bij huurachterstand.")
    overdue = plan.moments.open().order_by("due_on").first()
    log_in(page, url, check, contact)

    section = page.locator("section[aria-labelledby='aftercare-contacts-heading']")
    expect(section.locator("#overdue-heading")).to_have_text("Te laat")
    expect(section.locator("#this-week-heading")).to_have_text("Deze week")
    expect(section.locator("a[href='tel:0612345670']").first).to_be_visible()
    page.screenshot(path="/tmp/shot-contacts-my-390.png", full_page=True)

    section.locator(f"a[href='/nazorg/moment/{overdue.pk}/']").click()
    page.wait_for_url(f"**/nazorg/moment/{overdue.pk}/")
    check()
    expect(page.locator("main")).to_contain_text("Post laten liggen")
    page.fill("#id_note", "Gaat goed, werk gevonden.")
    page.screenshot(path="/tmp/shot-contacts-record-390.png", full_page=True)
    with page.expect_navigation():
        page.locator(f"button[name='outcome'][value='{Outcome.WELL}']").click()
    check()
    assert path_of(page) == "/mijn/"
    expect(page.locator(".waakvlam-messages")).to_contain_text(
        "Opgeschreven: gaat goed. Het volgende moment met Anna"
    )
    overdue.refresh_from_db()
    assert (overdue.outcome, overdue.note) == (Outcome.WELL, "Gaat goed, werk gevonden.")

    page.goto(url(f"/nazorg/traject/{plan.pk}/"))
    check()
    expect(page.locator("main")).to_contain_text("Gaat goed, werk gevonden.")
    page.screenshot(path="/tmp/shot-contacts-plan-390.png", full_page=True)
    page.locator(f"main a[href='/nazorg/traject/{plan.pk}/doorverwijzen/']").click()
    page.wait_for_url("**/doorverwijzen/")
    check()
    page.fill("#id_zoek", "huur")
    with page.expect_navigation():
        page.locator("form[role='search'] button[type=submit]").click()
    check()
    page.select_option("#id_service", str(huurteam.pk))
    page.locator("input[name='accompanied'][value='ja']").check()
    with page.expect_navigation():
        page.locator("form[method='post'] button[type=submit]").last.click()
    check()
    assert path_of(page) == f"/nazorg/traject/{plan.pk}/"
    expect(page.locator("main")).to_contain_text("Huurteam Utrecht")
    referral = plan.referrals.get()
    assert referral.accompanied and referral.follow_up.purpose == Purpose.FOLLOW_UP
