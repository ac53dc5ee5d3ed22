"""Recording a contact moment on a phone: one tap on an outcome, an
optional note, more under "Meer invullen"; moving a moment."""

import pytest
from django.core.exceptions import ValidationError

from aftercare.models import ContactMoment, Outcome, Purpose
from aftercare.moments.services import moment_record

from .helpers import TODAY, contact_with_plans, in_days

pytestmark = pytest.mark.django_db


def record_url(moment):
    return f"/nazorg/moment/{moment.pk}/"


def overdue_moment(plan):
    return plan.moments.open().order_by("due_on").first()


def test_one_tap_and_a_note_record_the_moment_and_name_the_next(client):
    contact, (plan,) = contact_with_plans()
    moment = overdue_moment(plan)
    client.force_login(contact)

    page = client.get(record_url(moment)).content.decode()
    assert page.count('type="submit" name="outcome"') == 4
    assert "Meer invullen" in page and "<details" in page
    response = client.post(
        record_url(moment), {"outcome": Outcome.WELL, "note": "Alles loopt."}, follow=True
    )

    moment.refresh_from_db()
    assert (moment.outcome, moment.note, moment.done_by, moment.done_on) == (
        Outcome.WELL,
        "Alles loopt.",
        contact,
        TODAY,
    )
    assert response.redirect_chain[-1][0] == "/mijn/#aftercare-contacts-heading"
    message = str(list(response.context["messages"])[0])
    assert message.startswith("Opgeschreven: gaat goed. Het volgende moment met Anna")
    assert f"{in_days(2).day} " in message


def test_a_life_event_plans_an_extra_moment_and_shows_what_may_help(client):
    contact, (plan,) = contact_with_plans()
    moment = overdue_moment(plan)
    client.force_login(contact)

    response = client.post(
        record_url(moment),
        {"outcome": Outcome.CONCERNS, "life_event": "moving", "next_step": "Huurteam bellen"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == f"/nazorg/traject/{plan.pk}/#help"
    assert plan.moments.open().filter(purpose=Purpose.LIFE_EVENT, follows=moment).exists()
    assert "Wat nu kan helpen: verhuizing" in response.content.decode()


def test_without_consent_the_note_and_life_event_are_not_offered(client):
    contact, (plan,) = contact_with_plans(consent=False)
    moment = overdue_moment(plan)
    client.force_login(contact)

    page = client.get(record_url(moment)).content.decode()
    assert 'name="note"' not in page and 'name="life_event"' not in page
    client.post(record_url(moment), {"outcome": Outcome.UNREACHED, "note": "stiekem"})

    moment.refresh_from_db()
    assert (moment.outcome, moment.note) == (Outcome.UNREACHED, "")


def test_no_outcome_is_an_error_in_dutch_that_keeps_the_note(client):
    contact, (plan,) = contact_with_plans()
    moment = overdue_moment(plan)
    client.force_login(contact)

    response = client.post(record_url(moment), {"note": "Even gebeld", "outcome": "later"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies hoe het ging." in html and "Even gebeld" in html
    assert not ContactMoment.objects.get(pk=moment.pk).is_done


def test_a_moment_is_written_down_once(client):
    contact, (plan,) = contact_with_plans()
    moment = overdue_moment(plan)
    client.force_login(contact)
    client.post(record_url(moment), {"outcome": Outcome.WELL})

    client.post(record_url(moment), {"outcome": Outcome.CONCERNS})

    assert ContactMoment.objects.get(pk=moment.pk).outcome == Outcome.WELL
    with pytest.raises(ValidationError):
        moment_record(moment=moment, by=contact, outcome=Outcome.CONCERNS)


def test_moving_a_moment_keeps_the_first_day_and_refuses_the_past(client):
    contact, (plan,) = contact_with_plans()
    moment = plan.moments.open().filter(due_on=in_days(2)).get()
    client.force_login(contact)

    past = client.post(f"/nazorg/moment/{moment.pk}/verzetten/", {"due_on": "2020-01-01"})
    assert "Kies vandaag of een dag na vandaag." in past.content.decode()
    assert 'value="2020-01-01"' in past.content.decode()
    bad = client.post(f"/nazorg/moment/{moment.pk}/verzetten/", {"due_on": "gisteren"})
    assert "Vul een datum in, bijvoorbeeld 1-9-2027." in bad.content.decode()
    response = client.post(
        f"/nazorg/moment/{moment.pk}/verzetten/", {"due_on": in_days(9).isoformat()}, follow=True
    )

    moment.refresh_from_db()
    assert (moment.due_on, moment.moved_from) == (in_days(9), in_days(2))
    assert "Verzet: het moment met Anna" in str(list(response.context["messages"])[0])
