""" "Hoe wilt u contact houden?": the person changes how and how often, with
consent asked in plain words when none was recorded; only the person."""

import re

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from aftercare.mine.section import day_text
from aftercare.models import ConsentWay, Rhythm
from aftercare.plans.services import plan_close
from tests.aftercare.factories import plan_for

from .outsiders import outsiders

pytestmark = pytest.mark.django_db


def _url(plan):
    return reverse("aftercare:mine_contact", args=[plan.pk])


def test_every_two_months_plans_anew_and_shows_the_new_next_moment(client):
    plan = plan_for()
    client.force_login(plan.person)
    response = client.post(
        _url(plan), {"way": "whatsapp", "rhythm": Rhythm.TWO_MONTHLY}, follow=True
    )
    plan.refresh_from_db()
    assert plan.rhythm == Rhythm.TWO_MONTHLY and plan.preferred_way == "whatsapp"
    first = plan.moments.open().first()
    assert first.due_on == plan.start_date + relativedelta(months=2)
    expected = (
        f"We spreken elkaar weer rond {day_text(first.due_on, timezone.localdate())}, via WhatsApp."
    )
    assert f"Opgeslagen. {expected}" in response.content.decode()


def test_without_consent_the_page_asks_first_and_keeps_nothing_without_it(client):
    plan = plan_for(consent=False)
    client.force_login(plan.person)
    html = client.get(_url(plan)).content.decode()
    assert "Mogen wij uw keuze bewaren?" in html and "Ja, u mag dit bewaren" in html

    response = client.post(_url(plan), {"way": "phone", "rhythm": Rhythm.TWO_MONTHLY})
    assert response.status_code == 200
    assert response.context["form"].errors["consent"] == [
        "Zonder uw toestemming bewaren wij uw keuze niet. Vink het vakje aan als dat goed is."
    ]
    # What was chosen stays chosen.
    assert response.context["form"]["rhythm"].value() == Rhythm.TWO_MONTHLY
    assert re.search(r'value="two-monthly"[^>]*checked', response.content.decode())
    plan.refresh_from_db()
    assert plan.preferred_way == "" and plan.rhythm == Rhythm.AFTER_3_6_12

    client.post(_url(plan), {"way": "phone", "rhythm": Rhythm.TWO_MONTHLY, "consent": "on"})
    plan.refresh_from_db()
    assert plan.preferred_way == "phone" and plan.rhythm == Rhythm.TWO_MONTHLY
    assert plan.consent_on == timezone.localdate()
    assert plan.consent_way == ConsentWay.ONLINE and plan.consent_recorded_by == plan.person


def test_rather_no_contact_plans_no_moments_and_says_so_kindly(client):
    plan = plan_for()
    client.force_login(plan.person)
    response = client.post(_url(plan), {"way": "none"}, follow=True)
    plan.refresh_from_db()
    assert plan.wants_no_contact and not plan.moments.open().exists()
    assert "U heeft gekozen voor even geen contact. Dat is goed" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "way", "Kies hoe u contact wilt houden."),
        ({"way": "phone"}, "rhythm", "Kies hoe vaak."),
        ({"way": "phone", "rhythm": "custom"}, "interval_weeks", "Vul in om de hoeveel weken."),
        (
            {"way": "phone", "rhythm": "custom", "interval_weeks": "abc"},
            "interval_weeks",
            "Voer een geheel getal in.",
        ),
        (
            {"way": "phone", "rhythm": "custom", "interval_weeks": "99"},
            "interval_weeks",
            "Zorg ervoor dat deze waarde hoogstens 26 is.",
        ),
        ({"way": "brief", "rhythm": "3-6-12"}, "way", None),
    ],
)
def test_wrong_choices_get_a_dutch_message_and_no_error(client, data, field, message):
    plan = plan_for()
    client.force_login(plan.person)
    response = client.post(_url(plan), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors and (message is None or errors == [message])


def test_every_few_weeks_keeps_the_number(client):
    plan = plan_for()
    client.force_login(plan.person)
    client.post(_url(plan), {"way": "visit", "rhythm": "custom", "interval_weeks": "6"})
    plan.refresh_from_db()
    assert plan.rhythm == Rhythm.CUSTOM and plan.interval_weeks == 6
    assert 'value="6"' in client.get(_url(plan)).content.decode()


def test_a_closed_plan_sends_the_person_back_to_their_help_card(client):
    plan = plan_for()
    plan_close(plan=plan, by=plan.opened_by)
    client.force_login(plan.person)
    response = client.post(_url(plan), {"way": "phone", "rhythm": "3-6-12"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.is_closed


@pytest.mark.parametrize("name", ["mine_contact", "mine_pause", "mine_stop"])
def test_only_the_person_may_change_their_plan(client, name):
    plan = plan_for()
    url = reverse(f"aftercare:{name}", args=[plan.pk])
    people = outsiders(plan) | {"the steady contact": plan.contact, "a coordinator": plan.opened_by}
    for who, user in people.items():
        client.force_login(user)
        assert client.get(url).status_code == 404, who
        assert client.post(url, {"way": "none"}).status_code == 404, who
    client.logout()
    assert client.get(url).status_code == 302
    plan.refresh_from_db()
    assert not plan.is_closed and not plan.is_paused and plan.preferred_way == "phone"
