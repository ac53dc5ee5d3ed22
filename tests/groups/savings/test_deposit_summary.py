"""After "Inleg opslaan" the trainer sees what was booked, and the same
amount typed again for the same member and meeting is not booked twice
without a yes. A meeting that is not today says its date, not "vandaag"."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from groups.models import SavingsEntry
from groups.savings import services as savings_services
from tests.groups.factories import MeetingFactory
from tests.groups.savings.test_savings import deposits_url, field, make_circle, seen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def test_after_saving_the_page_shows_what_was_just_booked_once(client):
    circle, meeting, trainer, (anna, bob, _cas) = make_circle(3)
    client.force_login(trainer)
    data = {field(anna): "12,50", field(bob): "5", "seen": seen(circle, meeting)}
    response = client.post(deposits_url(meeting), data, follow=True)
    html = response.content.decode()
    assert _("Just booked") in html
    assert f"{anna.full_name}: inleg € 12,50" in html and f"{bob.full_name}: inleg € 5,00" in html
    assert "€ 17,50" in html  # the total of what was booked
    # Shown once: opening the page again shows the form, not the summary.
    assert _("Just booked") not in client.get(deposits_url(meeting)).content.decode()


def test_the_same_amount_again_is_refused_keeps_the_input_and_asks_to_confirm(client):
    circle, meeting, trainer, (anna, bob, _cas) = make_circle(3)
    client.force_login(trainer)
    client.post(deposits_url(meeting), {field(anna): "12,50", "seen": seen(circle, meeting)})
    # Back, and the same amount typed again: with a fresh form, not stale.
    data = {field(anna): "12,50", field(bob): "3", "seen": seen(circle, meeting)}
    response = client.post(deposits_url(meeting), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit is al geboekt bij deze bijeenkomst" in html and "(€ 12,50)" in html
    assert 'name="repeat_confirmed"' in html
    assert 'value="12,50"' in html and 'value="3"' in html  # nothing typed is lost
    assert SavingsEntry.objects.filter(circle=circle).count() == 1  # nothing booked

    # A real second deposit of the same amount: confirmed, then booked.
    data["repeat_confirmed"] = "on"
    data["seen"] = seen(circle, meeting)
    assert client.post(deposits_url(meeting), data).status_code == 302
    assert SavingsEntry.objects.filter(person=anna).count() == 2
    assert SavingsEntry.objects.filter(person=bob).count() == 1


def test_the_service_refuses_an_identical_second_deposit_unless_confirmed():
    circle, meeting, trainer, (anna, _bob, _cas) = make_circle(3)
    record = {
        "circle": circle,
        "meeting": meeting,
        "amounts": {anna.pk: Decimal("7")},
        "by": trainer,
    }
    savings_services.deposits_record(**record)
    with pytest.raises(savings_services.ValidationError) as refused:
        savings_services.deposits_record(**record)
    assert refused.value.code == savings_services.REPEAT_DEPOSIT
    savings_services.deposits_record(**record, repeat_confirmed=True)
    assert SavingsEntry.objects.filter(person=anna).count() == 2
    # Another amount is another deposit, booked without asking.
    savings_services.deposits_record(**{**record, "amounts": {anna.pk: Decimal("2")}})
    assert SavingsEntry.objects.filter(person=anna).count() == 3


def test_a_past_meeting_names_its_date_instead_of_today(client):
    circle, today, trainer, _people = make_circle(2)
    starts = timezone.localtime().replace(hour=19, minute=0) - datetime.timedelta(days=13)
    past = MeetingFactory(
        group=circle.group, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    client.force_login(trainer)
    html = client.get(deposits_url(past)).content.decode()
    assert "vandaag" not in html
    assert f"op {date_format(starts, 'l j F')} heeft ingelegd" in html
    today_html = client.get(deposits_url(today)).content.decode()
    if timezone.localtime(today.starts_at).date() == timezone.localdate():
        assert "vandaag" in today_html
