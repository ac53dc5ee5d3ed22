"""The savings circle's first round, paid out and closed: a circle with a
closed first round and an open second one, as after a real share-out."""

import datetime
from decimal import Decimal

from django.utils import timezone

from groups.models import SavingsCycle, SavingsSuccess
from groups.offer import services as offer_services
from groups.savings import cycles
from groups.savings import services as savings_services

STORIES = {
    0: ("Een nieuwe wasmachine. Eindelijk weer schone was zonder de wasserette.", False),
    1: ("Schoolspullen voor mijn twee kinderen, zonder lening.", True),
    3: ("Een fiets om naar mijn werk te gaan.", True),
}


def seed_closed_round(circle, members, trainer, *, first_start, second_start):
    """Round 1 from `first_start`: a few meetings of deposits, every pay-out
    booked, closed; round 2 then counts from `second_start` (the demo dates
    the close back to that day). A success line for some members."""
    group = circle.group
    meetings = offer_services.meeting_series_create(
        group=group,
        first_date=first_start,
        start_time=datetime.time(14),
        end_time=datetime.time(15, 30),
        frequency="biweekly",
        until=second_start - datetime.timedelta(days=14),
    )
    for meeting in meetings:
        savings_services.deposits_record(
            circle=circle,
            meeting=meeting,
            amounts={member.pk: Decimal("10.00") for member in members},
            by=trainer,
        )
    first = cycles.savings_cycle_open(circle=circle)
    for member in members:
        cycles.payout_book(cycle=first, person=member, by=trainer)
    second = cycles.cycle_close(
        cycle=first,
        by=trainer,
        payout_planned_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    # Seed data tells a story of months: the close happened on the last
    # day of round 1, and round 2 runs nine months from then.
    closed_at = timezone.make_aware(datetime.datetime.combine(second_start, datetime.time(16)))
    SavingsCycle.objects.filter(pk=first.pk).update(closed_at=closed_at)
    SavingsCycle.objects.filter(pk=second.pk).update(
        starts_on=second_start, payout_planned_on=second_start + datetime.timedelta(days=273)
    )
    for index, (story, shared) in STORIES.items():
        SavingsSuccess.objects.filter(cycle=first, person=members[index]).update(
            story=story, story_shared=shared
        )
