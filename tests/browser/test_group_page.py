"""A group page on a phone: what someone needs to decide (where, when, what
it costs, whom to ask) and the sign-up button come before the longer parts,
such as the description and the "Hulp in de buurt" cards."""

import datetime
import os

import pytest
from django.utils import timezone

from knowledge.models import Service
from tests.groups.factories import GroupPageFactory, MeetingFactory

from .helpers import PHONE

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")


def a_full_group_page():
    """A group as the demo has them: a description, practical facts, six
    meetings and four services of the social map linked to it."""
    group = GroupPageFactory(
        title="Budgetcursus Overvecht",
        intro="In vier ochtenden leert u uw geld overzichtelijk te regelen.",
        body="".join(f"<p>Deel {n}: wat u leert en hoe we dat samen doen.</p>" for n in range(6)),
        audience="Voor iedereen die grip wil houden op geld.",
        venue_name="Buurthuis De Boog",
        directions="Bus 8, halte Boogstraat. Fietsenstalling bij de ingang.",
        venue_accessibility="Gelijkvloers, een invalidentoilet, een ringleiding.",
        contact_name="Sanne de Jong",
        contact_phone="030 123 45 67",
        costs="Gratis",
    )
    start = timezone.now() + datetime.timedelta(days=3)
    for week in range(6):
        MeetingFactory(group=group, starts_at=start + datetime.timedelta(weeks=week))
    for number in range(4):
        service = Service.objects.create(
            name=f"Geldloket {number}",
            helps_with="Hulp bij schulden, toeslagen en betalingsachterstanden.",
            audience="Inwoners van Utrecht",
            address="Stadsplateau 1",
            place="Utrecht",
            opening_hours="Maandag tot vrijdag 9.00 tot 17.00 uur",
            phone="14 030",
            organisation_type="gemeente",
            needs=["geld"],
        )
        service.relevant_groups.set([group])
        service.save()
    return group


def top(page, selector):
    return page.locator(selector).first.bounding_box()["y"]


def test_facts_and_sign_up_come_before_help_nearby_on_a_phone(page, url, check_on_phone):
    group = a_full_group_page()
    page.goto(url(group.url))
    check_on_phone()
    length = page.evaluate("document.documentElement.scrollHeight")
    print(f"group page at {PHONE['width']} px: {length} px long")  # noqa: T201
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/group-page-390.png", full_page=True)

    first_card = top(page, "#nearby-heading")
    assert top(page, "#facts-heading") < first_card
    assert top(page, f"main a[href='/groepen/{group.pk}/aanmelden/']") < first_card
    # Where, what it costs and whom to ask are on the first two screens.
    assert top(page, "#facts-heading") < 2 * PHONE["height"]
