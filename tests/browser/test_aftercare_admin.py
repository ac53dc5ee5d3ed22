"""The coordinator's aftercare in the admin, on a phone: log in with the
second factor, open a plan with a person's own choices (first forgetting the
consent: refused in Dutch, everything typed kept), see the planned moments
appear, and open the report. axe-core checks every page on the way.

Elements are found by id, name and href; the texts that are the point of a
step are checked in Dutch."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from aftercare.models import AftercarePlan
from people.models import Role
from tests.aftercare.factories import plan_for, steady_contact
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .helpers import log_in, submit_button
from .test_volunteers import settle

pytestmark = pytest.mark.browser

PLANS = "/admin/aftercare_plans/"
OPEN = f"{PLANS}new/"
REPORT = "/admin/aftercare_report/"


@pytest.fixture
def check(page, check_on_phone):
    def run():
        page.wait_for_load_state("load")
        settle(page)
        check_on_phone()

    return run


def test_coordinator_opens_a_plan_with_the_persons_choices_and_sees_the_report(page, url, check):
    organisation = OrganisationFactory(name="Schuldhulpmaatje Zuilen")
    coordinator = MembershipFactory(
        role=Role.COORDINATOR, organisation=organisation, user__full_name="Carla Coördinator"
    ).user
    contact = steady_contact(organisation, full_name="Vera Vrijwilliger")
    plan_for(organisation=OrganisationFactory(), person=UserFactory(full_name="Geheim Elders"))

    log_in(page, url, check, coordinator)
    page.goto(url(PLANS))
    check()
    expect(page.locator("main")).not_to_contain_text("Geheim Elders")

    page.locator(f"a[href='{OPEN}']").first.click()
    page.wait_for_url(f"**{OPEN}")
    check()
    page.fill("#id_new_name", "Dirk de Boer")
    page.fill("#id_new_phone", "06 1234 5678")
    page.select_option("#id_contact", str(contact.pk))
    ended = timezone.localdate() - datetime.timedelta(days=14)
    page.fill("#id_debt_ended_on", ended.strftime("%d-%m-%Y"))
    page.keyboard.press("Escape")  # the date picker
    page.check("input[name=preferred_way][value=whatsapp]")
    page.select_option("#id_rhythm", "two-monthly")
    page.fill("#id_wants_to_prevent", "Weer achter raken met de huur")
    page.fill("#id_watch_out_for", "Post laten liggen")

    # Forgetting to ask for consent: refused in Dutch, everything kept.
    with page.expect_navigation():
        submit_button(page, "new_name").click()
    check()
    expect(page.locator("main")).to_contain_text("Vraag eerst toestemming")
    expect(page.locator("#id_watch_out_for")).to_have_value("Post laten liggen")
    expect(page.locator("#id_new_name")).to_have_value("Dirk de Boer")
    assert not AftercarePlan.objects.filter(person__full_name="Dirk de Boer").exists()

    page.fill("#id_consent_on", timezone.localdate().strftime("%d-%m-%Y"))
    page.keyboard.press("Escape")
    page.select_option("#id_consent_way", "spoken")
    with page.expect_navigation():
        submit_button(page, "new_name").click()
    plan = AftercarePlan.objects.get(person__full_name="Dirk de Boer")
    page.wait_for_url(f"**{PLANS}inspect/{plan.pk}/")
    check()
    expect(page.locator(".messages")).to_contain_text(
        "Het nazorgtraject van Dirk de Boer is geopend."
    )
    # The moments appear at once, every two months, by WhatsApp.
    moments = page.locator("section[aria-labelledby=moments-heading] tbody tr")
    expect(moments).to_have_count(plan.moments.open().count())
    assert plan.moments.open().count() == 6
    expect(moments.first).to_contain_text("WhatsApp")
    expect(page.locator("main")).to_contain_text("Post laten liggen")

    page.goto(url(REPORT))
    check()
    expect(page.locator("main")).to_contain_text("Nazorg bij Schuldhulpmaatje Zuilen")
    expect(page.locator("main svg[role=img]").first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Dirk de Boer")
