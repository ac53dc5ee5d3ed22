"""Volunteer profiles with a VOG and competency records. Every other
volunteer holds the aftercare competency, valid today: the steady contacts."""

import datetime

from volunteers.models import (
    Competency,
    CompetencyRecord,
    RecordSource,
    VolunteerProfile,
    VolunteerStatus,
    vog_valid_until_for,
)

from .common import BATCH, day, moment, spread

AFTERCARE_COMPETENCY = "nazorg-terugvalpreventie"
# A renewal stands this many days before the record it renews.
RENEWAL_DAYS = 3 * 365


def _profiles(rng, world):
    rows = []
    for organisation in world.organisations:
        for user in world.volunteers_of[organisation.pk]:
            received = day(-rng.randint(10, 900))
            rows.append(
                VolunteerProfile(
                    user=user,
                    organisation=organisation,
                    status=VolunteerStatus.ACTIVE,
                    start_date=received,
                    vog_requested_on=received - datetime.timedelta(days=21),
                    vog_received_on=received,
                    vog_valid_until=vog_valid_until_for(received),
                )
            )
    VolunteerProfile.objects.bulk_create(rows, batch_size=BATCH)


def _record(rng, user, competency, by, *, renewals, recent):
    """One record; `recent` ones are still valid today, a renewal's
    predecessors lie further back."""
    achieved = day(-rng.randint(7, 200 if recent else 700) - RENEWAL_DAYS * renewals)
    return CompetencyRecord(
        volunteer=user,
        competency=competency,
        achieved_on=achieved,
        expires_on=competency.expiry_for(achieved),
        source=rng.choice([RecordSource.CERTIFICATE, RecordSource.OBSERVATION]),
        recorded_by=by,
        recorded_at=moment((achieved - day(0)).days, 12),
    )


def _records_of(rng, user, count, competencies, by, *, contact):
    """`count` records: the aftercare competency first for a steady contact,
    the others in a turn of the framework, renewals once every one is held."""
    aftercare = [c for c in competencies if c.slug == AFTERCARE_COMPETENCY]
    others = [c for c in competencies if c.slug != AFTERCARE_COMPETENCY]
    start = rng.randrange(len(others))
    order = (aftercare if contact else []) + others[start:] + others[:start]
    if not contact:
        order += aftercare
    return [
        _record(
            rng,
            user,
            order[index % len(order)],
            by,
            renewals=index // len(order),
            recent=contact and index == 0,
        )
        for index in range(count)
    ]


def seed_volunteers(rng, sizes, world):
    """Fills `world.contacts_of`; returns {what: how many rows}."""
    _profiles(rng, world)
    competencies = list(Competency.objects.order_by("slug"))
    counts = iter(spread(sizes.competency_records, len(world.volunteers)))
    rows = []
    for organisation in world.organisations:
        by = world.coordinators[organisation.pk]
        contacts = world.contacts_of.setdefault(organisation.pk, [])
        for position, user in enumerate(world.volunteers_of[organisation.pk]):
            count = next(counts)
            contact = position % 2 == 0 and count > 0
            if contact:
                contacts.append(user)
            rows += _records_of(rng, user, count, competencies, by, contact=contact)
    CompetencyRecord.objects.bulk_create(rows, batch_size=BATCH)
    return {"competency records": len(rows)}
