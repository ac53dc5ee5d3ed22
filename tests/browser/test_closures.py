"""A coordinator on a phone adds the public holidays of a year, then a
series of meetings that skips them: the form shows the skipped holiday by
name before anything is saved. axe-core checks every page on the way.

Elements are found by id, name and href; the texts that are the point of a
step (the skipped day and why) are checked in Dutch."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import Closure, Meeting
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory
from tests.groups.factories import GroupPageFactory

from .conftest import _axe, _reflow_report
from .helpers import PHONE, log_in, submit_button

pytestmark = pytest.mark.browser

CLOSURES = "/admin/closures/"
HOLIDAYS = "/admin/closures/holidays/"
SERIES = "/admin/meetings/series/"


def settle(page):
    """Wagtail fades its messages in; axe-core must see them fully shown."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('.messages > ul')].every(
            (list) => !list.children.length || getComputedStyle(list).opacity === '1')"""
    )


@pytest.fixture
def check(page, check_on_phone):
    def run():
        page.wait_for_load_state("load")
        settle(page)
        check_on_phone()

    return run


# Wagtail's filtered listings announce their number of results with
# <h2 role="alert">, which axe-core faults (aria-allowed-role, a best
# practice): excluded on the meetings listing only.
WAGTAIL_RESULTS_COUNT = "h2[role=alert]"


def check_listing(page):
    page.wait_for_load_state("load")
    settle(page)
    results = _axe.run(page, context={"exclude": [[WAGTAIL_RESULTS_COUNT]]})
    report = "\n".join(
        filter(
            None,
            [results.generate_report() if results.violations_count else "", _reflow_report(page)],
        )
    )
    page.set_viewport_size(PHONE)
    if report:
        pytest.fail(f"On {page.url}:\n{report}", pytrace=False)


def test_coordinator_adds_holidays_and_a_series_that_skips_them_on_a_phone(page, url, check):
    organisation = OrganisationFactory(name="Schuldhulpmaatje Zuilen")
    coordinator = MembershipFactory(role=Role.COORDINATOR, organisation=organisation).user
    group = GroupPageFactory(organisation=organisation, title="Budgetcursus Zuilen")
    log_in(page, url, check, coordinator, landing="/**")

    page.goto(url(CLOSURES))
    check()
    page.locator(f"a[href='{HOLIDAYS}']").first.click()
    page.wait_for_url(f"**{HOLIDAYS}")
    check()
    page.fill("#id_year", "2027")
    submit_button(page, "year").click()
    page.wait_for_url(f"**{CLOSURES}")
    check()
    expect(page.locator("main")).to_contain_text("Koningsdag")
    assert Closure.objects.filter(organisation=organisation).count() == 11

    page.goto(url(f"{SERIES}?group={group.pk}"))
    check()
    page.fill("#id_first_date", "2027-04-20")
    page.fill("#id_start_time", "19:00")
    page.fill("#id_end_time", "21:00")
    page.fill("#id_count", "3")
    submit_button(page, "first_date").click()
    page.wait_for_load_state("load")
    check()
    expect(page.locator("#plan-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Dinsdag 27 april 2027: Koningsdag")
    assert not Meeting.objects.filter(group=group).exists()
    submit_button(page, "first_date").click()
    page.wait_for_url(f"**/admin/meetings/?group={group.pk}")
    check_listing(page)
    days = [timezone.localtime(m.starts_at).date() for m in Meeting.objects.filter(group=group)]
    assert days == [
        datetime.date(2027, 4, 20),
        datetime.date(2027, 5, 4),
        datetime.date(2027, 5, 11),
    ]
