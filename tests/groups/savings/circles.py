"""A savings circle with members and a meeting today, for the round tests."""

import datetime
from decimal import Decimal

from django.utils import timezone

from groups.models import GroupKind
from groups.savings import services as savings_services
from groups.savings.cycles import savings_cycle_open
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory


def make_circle(members=3, *, fines=False, fine_amount="2.00"):
    trainer = UserFactory(full_name="Tineke Trainer")
    group = GroupPageFactory(kind=GroupKind.SAVINGS_CIRCLE, trainers=[trainer])
    people = [
        EnrolmentFactory(group=group, person=UserFactory(full_name=f"Lid {n:02d}")).person
        for n in range(members)
    ]
    meeting = MeetingFactory(group=group, starts_at=timezone.now() - datetime.timedelta(hours=1))
    circle = savings_services.savings_circle_for(group=group)
    if fines:
        circle.fines_enabled, circle.fine_amount = True, Decimal(fine_amount)
        circle.save()
    return circle, meeting, trainer, people


def deposit(circle, meeting, trainer, amounts):
    """Record {person: "12.50"} at `meeting`."""
    return savings_services.deposits_record(
        circle=circle,
        meeting=meeting,
        amounts={person.pk: Decimal(amount) for person, amount in amounts.items()},
        by=trainer,
        repeat_confirmed=True,
    )


def open_cycle(circle):
    return savings_cycle_open(circle=circle)
