"""Mijn Waakvlam → "Mijn nazorg": the contact and how to reach them, the
next moment, the links, paused and closed plans, in two queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from aftercare.mine.section import day_text
from aftercare.models import Rhythm
from aftercare.plans.services import plan_close, plan_pause
from aftercare.successes.services import success_record
from tests.aftercare.factories import plan_for, steady_contact
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

MY = "/mijn/"


def _person_plan(**kwargs):
    organisation = kwargs.pop("organisation", None) or OrganisationFactory(
        name="Stichting Thuis", phone="030 765 43 21"
    )
    contact = steady_contact(organisation, full_name="Joke Bakker", phone="06 1111 2222")
    return plan_for(organisation=organisation, contact=contact, **kwargs)


def test_the_person_sees_their_contact_how_to_reach_them_and_the_next_moment(client):
    plan = _person_plan()
    client.force_login(plan.person)
    html = client.get(MY).content.decode()

    assert "Mijn nazorg" in html
    assert "Uw contactpersoon is <strong>Joke Bakker</strong>." in html
    assert 'href="tel:0611112222"' in html and 'href="tel:0307654321"' in html
    due = plan.moments.open().first().due_on
    assert (
        f"We spreken elkaar weer rond {day_text(due, timezone.localdate())}, per telefoon." in html
    )
    for name in ("mine_contact", "mine_pause", "mine_stop", "help_card"):
        assert reverse(f"aftercare:{name}", args=[plan.pk]) in html


def test_successes_are_listed_warmly(client):
    plan = _person_plan()
    success_record(plan=plan, kind="own", title="Eerste maand alles op tijd betaald", by=None)
    client.force_login(plan.person)
    html = client.get(MY).content.decode()
    assert "Wat ging goed" in html and "Eerste maand alles op tijd betaald" in html
    assert "Goed gedaan, ga zo door!" in html


def test_a_paused_plan_says_so_and_offers_to_begin_again(client):
    plan = _person_plan()
    plan_pause(plan=plan, by=plan.person)
    client.force_login(plan.person)
    html = client.get(MY).content.decode()
    assert "Uw nazorg staat even stil." in html
    assert "Weer beginnen" in html and "We spreken elkaar weer" not in html


def test_a_closed_plan_shows_the_help_card_and_that_the_person_can_come_back(client):
    plan = _person_plan()
    plan_close(plan=plan, by=plan.opened_by)
    client.force_login(plan.person)
    html = client.get(MY).content.decode()
    assert "U kunt altijd terugkomen." in html and 'href="tel:0307654321"' in html
    assert reverse("aftercare:help_card", args=[plan.pk]) in html
    assert reverse("aftercare:mine_contact", args=[plan.pk]) not in html
    assert reverse("aftercare:mine_stop", args=[plan.pk]) not in html
    assert "Joke Bakker" not in html


def test_without_a_plan_there_is_no_section_and_the_contact_sees_no_persons_plan(client):
    plan = _person_plan()
    client.force_login(UserFactory())
    assert "Mijn nazorg" not in client.get(MY).content.decode()
    client.force_login(plan.contact)
    assert reverse("aftercare:mine_contact", args=[plan.pk]) not in client.get(MY).content.decode()


def test_rather_no_contact_is_said_kindly(client):
    plan = _person_plan(preferred_way="none")
    client.force_login(plan.person)
    assert "Dat is goed: wij plannen geen gesprekken." in client.get(MY).content.decode()


def _plans_of(person, running, closed):
    """`running` plans in as many organisations and `closed` closed ones,
    each with a few successes and the moments of every two weeks."""
    for index in range(running + closed):
        plan = _person_plan(
            organisation=OrganisationFactory(),
            person=person,
            rhythm=Rhythm.CUSTOM,
            interval_weeks=2,
        )
        for number in range(3):
            success_record(plan=plan, kind="own", title=f"Gelukt {number}", by=None)
        if index >= running:
            plan_close(plan=plan, by=plan.opened_by)


def test_the_section_costs_the_same_queries_for_one_plan_or_many(client, assert_page_queries):
    person = UserFactory()
    client.force_login(person)
    _plans_of(person, running=1, closed=0)
    assert_page_queries(MY, 22)
    _plans_of(person, running=4, closed=4)
    response = assert_page_queries(MY, 22)
    assert response.content.decode().count('id="nazorg-') == 9


def test_the_next_moment_overdue_says_soon(client):
    plan = _person_plan()
    plan.moments.open().filter(pk=plan.moments.open().first().pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    client.force_login(plan.person)
    assert "Uw contactpersoon neemt binnenkort contact met u op." in client.get(MY).content.decode()
