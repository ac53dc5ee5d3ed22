import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import GroupKind, SavingsEntry, SavingsSuccess
from groups.offer import services as offer_services
from groups.savings import services as savings_services
from groups.savings.cycles import savings_cycle_open
from people.services import user_anonymise
from tests.factories import UserFactory
from tests.groups.factories import GroupPageFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_the_data_download_holds_sign_ups_attendance_and_savings(client):
    person = UserFactory()
    group = GroupPageFactory(kind=GroupKind.SAVINGS_CIRCLE, title="Spaarkring Zuid")
    offer_services.enrolment_create(group=group, person=person)
    circle = savings_services.savings_circle_for(group=group)
    savings_services.savings_goal_set(
        circle=circle, person=person, purpose="Een fiets", target_amount=Decimal("200")
    )
    client.force_login(person)
    data = json.loads(client.get(reverse("people:data_download")).content)
    assert data["sign_ups"][0]["group"] == "Spaarkring Zuid"
    assert data["savings_goals"][0]["saving_for"] == "Een fiets"
    assert data["attendance"] == [] and data["savings_entries"] == []


def test_anonymising_keeps_the_ledger_but_drops_free_text_and_calendar_links():
    person = UserFactory()
    trainer = UserFactory()
    group = GroupPageFactory(kind=GroupKind.SAVINGS_CIRCLE)
    offer_services.enrolment_create(group=group, person=person)
    circle = savings_services.savings_circle_for(group=group)
    savings_services.savings_goal_set(
        circle=circle,
        person=person,
        purpose="Voor Jan zijn verjaardag",
        target_amount=Decimal("50"),
    )
    meeting = MeetingFactory(group=group)
    SavingsEntry.objects.create(
        circle=circle,
        cycle=savings_cycle_open(circle=circle),
        person=person,
        meeting=meeting,
        kind="deposit",
        amount=Decimal("5"),
        note="Gebracht door zijn zus Anna",
        recorded_by=trainer,
    )
    SavingsSuccess.objects.create(
        cycle=savings_cycle_open(circle=circle),
        person=person,
        goal_reached_at=timezone.now(),
        story="Een fiets voor Jan",
        story_shared=True,
    )
    offer_services.calendar_token_for(user=person)
    user_anonymise(user=person)
    assert SavingsEntry.objects.get(person=person).amount == Decimal("5")
    assert SavingsEntry.objects.get(person=person).note == ""
    assert circle.goals.get(person=person).purpose == ""
    assert SavingsSuccess.objects.get(person=person).story == ""
    assert not SavingsSuccess.objects.get(person=person).story_shared
    assert not person.calendar_tokens.exists()
