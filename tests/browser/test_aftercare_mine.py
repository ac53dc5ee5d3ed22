"""The person after a debt trajectory on a phone: Mijn Waakvlam shows their
contact and the next moment; they choose "elke twee maanden" and see the new
next moment; they open their help card and print it on one A4 page, without
the site's menu. axe-core on every page visited (check_on_phone)."""

import re

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from playwright.sync_api import expect

from aftercare.helpcard.services import card_person_add, card_service_add
from aftercare.mine.section import day_text
from tests.aftercare.factories import plan_for, steady_contact
from tests.aftercare.helpcard.factories import service
from tests.factories import OrganisationFactory, UserFactory

from .helpers import log_in, path_of

pytestmark = pytest.mark.browser

# A page object in a PDF (not the /Pages tree that holds them).
PDF_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


@pytest.fixture
def check(check_on_phone):
    return check_on_phone


@pytest.fixture
def plan():
    organisation = OrganisationFactory(name="Stichting Thuis", phone="030 765 43 21")
    contact = steady_contact(organisation, full_name="Joke Bakker", phone="06 1111 2222")
    person = UserFactory(full_name="Samira El Amrani")
    plan = plan_for(organisation=organisation, person=person, contact=contact)
    card_service_add(plan=plan, service=service(), for_what="Hulp bij de post")
    card_service_add(
        plan=plan,
        service=service(
            "Schuldhulp Gemeente",
            address="Stadsplein 1",
            opening_hours="Maandag tot en met vrijdag 9.00–17.00\nInloop woensdag 13.00–15.00",
            phone="14 030",
        ),
        for_what="Als er weer rekeningen blijven liggen",
    )
    card_service_add(plan=plan, service=service("Voedselbank Zuid", phone=""))
    card_person_add(plan=plan, name="Tante Ria", helps_with="Gaat mee", phone="06 9876 5432")
    card_person_add(plan=plan, name="Buurman Kees", helps_with="Leest de post mee")
    return plan


def test_the_person_changes_the_rhythm_and_prints_the_help_card(page, url, check, plan):
    today = timezone.localdate()
    log_in(page, url, check, plan.person)
    section = page.locator(f"#nazorg-{plan.pk}")
    expect(section).to_contain_text("Uw contactpersoon is Joke Bakker.")
    expect(section.locator("a[href='tel:0611112222']")).to_be_visible()
    first = plan.moments.open().first()
    expect(section).to_contain_text(f"We spreken elkaar weer rond {day_text(first.due_on, today)}")
    page.screenshot(path="/tmp/shot-mine-section-390.png", full_page=True)

    section.locator(f"a[href='/nazorg/mijn/{plan.pk}/contact/']").click()
    check()
    page.screenshot(path="/tmp/shot-mine-contact-390.png", full_page=True)
    page.locator("input[name=rhythm][value=two-monthly]").check()
    page.locator("form:has([name=way]) button[type=submit]").click()
    page.wait_for_url("**/mijn/**")
    check()
    new_day = day_text(plan.start_date + relativedelta(months=2), today)
    expect(page.locator(".waakvlam-messages")).to_contain_text(
        f"Opgeslagen. We spreken elkaar weer rond {new_day}, per telefoon."
    )
    expect(section).to_contain_text(f"We spreken elkaar weer rond {new_day}")

    section.locator(f"a[href='/nazorg/mijn/{plan.pk}/hulpkaart/']").click()
    check()
    assert path_of(page) == f"/nazorg/mijn/{plan.pk}/hulpkaart/"
    # The script shows the button and hides the hint for the browser's menu.
    expect(page.locator("[data-print-button]")).to_be_visible()
    expect(page.locator("[data-print-hint]")).to_be_hidden()
    expect(page.locator(".waakvlam-helpcard")).to_contain_text("Waar ga ik heen voor wat?")
    expect(page.locator(".waakvlam-helpcard")).to_contain_text("Tante Ria")
    page.screenshot(path="/tmp/shot-mine-helpcard-390.png", full_page=True)

    page.emulate_media(media="print")
    for hidden in (".waakvlam-header", ".waakvlam-footer", ".waakvlam-helpcard-actions"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(".waakvlam-helpcard")).to_be_visible()
    page.screenshot(path="/tmp/shot-mine-helpcard-print.png", full_page=True)
    pdf = page.pdf(format="A4", path="/tmp/mine-helpcard.pdf")
    assert len(PDF_PAGE.findall(pdf)) == 1
    page.emulate_media(media="screen")
