"""The savings circles' ledgers: one open round each, and deposits by the
group's members at its past meetings, in whole euros and halves."""

import datetime
from decimal import Decimal

from groups.models import EntryKind, GroupKind, SavingsCircle, SavingsCycle, SavingsEntry

from .common import BATCH, moment, sample_pairs, spread_capped

AMOUNTS = [Decimal(amount) for amount in ("5.00", "7.50", "10.00", "12.50", "20.00")]
# As savings_circle_for: a round of nine months.
ROUND_DAYS = 273


def _circles(pages, meetings_of):
    """{page id: (circle, open round)}."""
    circles = []
    for page in pages:
        start = meetings_of[page.pk][0].starts_at.date()
        end = start + datetime.timedelta(days=ROUND_DAYS)
        circles.append(SavingsCircle(group=page, cycle_start=start, cycle_end=end))
    circles = SavingsCircle.objects.bulk_create(circles, batch_size=BATCH)
    cycles = SavingsCycle.objects.bulk_create(
        [
            SavingsCycle(
                circle=circle, number=1, starts_on=circle.cycle_start,
                payout_planned_on=circle.cycle_end,
            )
            for circle in circles
        ],
        batch_size=BATCH,
    )  # fmt: skip
    return {circle.group_id: (circle, cycle) for circle, cycle in zip(circles, cycles, strict=True)}


def seed_savings(rng, sizes, pages, meetings_of, members, world):
    pages = [page for page in pages if page.kind == GroupKind.SAVINGS_CIRCLE]
    if not pages:
        return {"deposits": 0}
    ledgers = _circles(pages, meetings_of)
    now = moment(0, 0)
    pasts = {p.pk: [m for m in meetings_of[p.pk] if m.starts_at < now] for p in pages}
    caps = [len(pasts[page.pk]) * len(members[page.pk]) for page in pages]
    counts = spread_capped(sizes.deposits, caps, "deposits")
    rows = []
    for page, count in zip(pages, counts, strict=True):
        circle, cycle = ledgers[page.pk]
        by = world.coordinators[page.organisation_id]
        people, past = members[page.pk], pasts[page.pk]
        for meeting_index, person_index in sample_pairs(rng, past, people, count):
            meeting = past[meeting_index]
            rows.append(
                SavingsEntry(
                    circle=circle,
                    cycle=cycle,
                    person=people[person_index],
                    meeting=meeting,
                    kind=EntryKind.DEPOSIT,
                    amount=rng.choice(AMOUNTS),
                    recorded_by=by,
                    recorded_at=meeting.ends_at,
                )
            )
    SavingsEntry.objects.bulk_create(rows, batch_size=BATCH)
    return {"savings circles": len(pages), "deposits": len(rows)}
