"""From the home page to the offer and to an organisation's phone number, and
a search that finds a group, on a phone; axe-core checks every page."""

import os

import pytest
from playwright.sync_api import expect

from groups.models import GroupKind
from tests.factories import OrganisationFactory
from tests.groups.factories import GroupPageFactory

from .helpers import path_of

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")


def shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}-390.png", full_page=True)


def test_home_leads_to_the_offer_and_to_a_phone_number_near_you(page, url, check_on_phone):
    organisation = OrganisationFactory(
        name="Op Koers Utrecht", region="Utrecht", phone="030 1234567"
    )
    OrganisationFactory(name="Geldmaatjes Amersfoort", region="Amersfoort", phone="033 7654321")
    group = GroupPageFactory(
        title="Spaarkring Overvecht", kind=GroupKind.SAVINGS_CIRCLE, organisation=organisation
    )
    page.goto(url("/"))
    check_on_phone()
    shot(page, "home")
    expect(page.locator("main a[href='tel:0301234567']")).to_be_visible()

    page.select_option("#id_region", "Amersfoort")
    page.locator("#organisaties button[type=submit]").click()
    page.wait_for_url("**region=Amersfoort**")
    check_on_phone()
    expect(page.locator("main a[href='tel:0337654321']")).to_be_visible()
    expect(page.locator("main a[href='tel:0301234567']")).to_have_count(0)

    page.locator("#home-offer-link").click()
    page.wait_for_url(f"**{group.get_parent().get_parent().url}")
    check_on_phone()
    assert path_of(page) == group.get_parent().get_parent().url


def test_search_finds_a_savings_circle_and_points_to_the_offer_when_empty(
    page, url, check_on_phone
):
    GroupPageFactory(
        title="Spaarkring Overvecht",
        kind=GroupKind.SAVINGS_CIRCLE,
        intro="Samen sparen voor een buffer, elke week een klein bedrag.",
    )
    page.goto(url("/zoeken/?q=spaarkringen+sparen"))
    check_on_phone()
    shot(page, "search")
    expect(page.locator("main h3 a", has_text="Spaarkring Overvecht")).to_be_visible()
    expect(page.locator("main mark").first).to_be_visible()

    page.goto(url("/zoeken/?q=xqzwvk"))
    check_on_phone()
    page.locator("#search-offer-link").click()
    page.wait_for_url("**/aanbod/")
    check_on_phone()
