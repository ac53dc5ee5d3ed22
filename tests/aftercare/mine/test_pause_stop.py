"""Pausing and beginning again, and stopping: by the person, who keeps the
help card; the steady contact hears that the person stopped, nothing else."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from aftercare.mine.forms import PauseForm
from aftercare.models import HistoryKind
from tests.aftercare.factories import plan_for

pytestmark = pytest.mark.django_db


def test_pausing_with_a_reason_and_beginning_again(client):
    plan = plan_for()
    url = reverse("aftercare:mine_pause", args=[plan.pk])
    client.force_login(plan.person)
    assert "Wilt u zeggen waarom?" in client.get(url).content.decode()

    response = client.post(url, {"reason": "Ik lig in het ziekenhuis"}, follow=True)
    plan.refresh_from_db()
    assert plan.paused_on == timezone.localdate()
    assert not plan.moments.open().filter(due_on__gte=timezone.localdate()).exists()
    assert plan.history.filter(kind=HistoryKind.PAUSED).get().reason == "Ik lig in het ziekenhuis"
    assert "Uw nazorg staat even stil." in response.content.decode()

    assert "Ja, weer beginnen" in client.get(url).content.decode()
    response = client.post(url, {"resume": "1"}, follow=True)
    plan.refresh_from_db()
    assert not plan.is_paused and plan.moments.open().exists()
    assert "Fijn dat u er weer bent." in response.content.decode()


def test_without_consent_no_reason_is_asked_or_kept():
    plan = plan_for(consent=False)
    assert "reason" not in PauseForm(plan=plan).fields


def test_a_too_long_reason_gets_a_dutch_message_and_stays(client):
    plan = plan_for()
    client.force_login(plan.person)
    reason = "lang " * 200
    response = client.post(reverse("aftercare:mine_pause", args=[plan.pk]), {"reason": reason})
    assert response.status_code == 200
    assert "niet meer dan 500 tekens" in response.context["form"].errors["reason"][0]
    assert reason.strip() in response.content.decode()
    plan.refresh_from_db()
    assert not plan.is_paused


def test_stopping_asks_first_closes_and_tells_the_contact_only_that(client, post):
    plan = plan_for(watch_out_for="De brieven van de bank")
    url = reverse("aftercare:mine_stop", args=[plan.pk])
    client.force_login(plan.person)
    html = client.get(url).content.decode()
    assert "Ja, stop de nazorg" in html and "U houdt uw hulpkaart." in html
    mail.outbox.clear()

    response = post(url, follow=True)
    plan.refresh_from_db()
    assert plan.is_closed
    assert plan.history.filter(kind=HistoryKind.CLOSED).get().reason == "op eigen verzoek"
    assert "U houdt uw hulpkaart." in response.content.decode()
    (message,) = mail.outbox
    assert message.to == [plan.contact.email]
    assert f"{plan.person.full_name} wil stoppen met de nazorg" in message.subject
    assert "De brieven van de bank" not in message.body
    assert "op eigen verzoek" not in message.body
    # The person keeps the help card.
    assert client.get(reverse("aftercare:help_card", args=[plan.pk])).status_code == 200
