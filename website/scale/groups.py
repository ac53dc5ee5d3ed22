"""The offer: group pages of every kind in each organisation's own part,
their meetings (about three in five already past), enrolments that never
take more places than a group has, and attendance at past meetings."""

import datetime

from groups.models import (
    Attendance,
    AttendanceStatus,
    Enrolment,
    EnrolmentStatus,
    GroupIndexPage,
    GroupKind,
    GroupPage,
    Meeting,
)
from groups.offer.structure import organisation_offer_page_ensure
from website.demo.groups import OFFER_INTRO
from website.models import HomePage

from .common import BATCH, fixed_uuid, moment, sample_pairs, spread, spread_capped
from .savings import seed_savings

KINDS = [
    (GroupKind.BUDGET_COURSE, "Budgetcursus"),
    (GroupKind.SAVINGS_CIRCLE, "Spaarkring"),
    (GroupKind.PEER_SUPPORT, "Lotgenotengroep"),
    (GroupKind.TRAINING, "Training vrijwilligers"),
]
STATUSES = [AttendanceStatus.PRESENT] * 15 + [
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
    AttendanceStatus.ABSENT,
]
PAST_SHARE = 0.6


def _offer():
    offer = GroupIndexPage.objects.first()
    if offer is None:
        offer = HomePage.objects.get().add_child(
            instance=GroupIndexPage(
                title="Aanbod", slug="aanbod", intro=OFFER_INTRO, show_in_menus=True
            )
        )
    return offer


def _page(rng, organisation, number, kind, label, trainers):
    intro = f"{label} in {organisation.region}: samen grip op geld houden, ook na schuldhulp."
    page = GroupPage(
        title=f"{label} {organisation.region} {number}",
        slug=f"{kind}-{organisation.slug}-{number}",
        organisation=organisation,
        kind=kind,
        intro=intro,
        body=f"<p>{intro}</p><p>Neem gerust iemand mee voor de eerste keer.</p>",
        venue_name=f"Buurthuis {rng.choice(['De Linde', 'Het Klooster', 'De Brug', 'Oost'])}",
        address=f"Dorpsstraat {rng.randint(1, 120)}",
        postcode=f"{rng.randint(1000, 9999)} AB",
        place=organisation.region,
        capacity=rng.randint(10, 30),
        open_to_other_organisations=kind == GroupKind.TRAINING and number % 2 == 0,
        contact_name=trainers[0].full_name if trainers else "",
        first_published_at=moment(-90 - number, 9),
        last_published_at=moment(-90 - number, 9),
    )
    page.trainers = trainers
    return page


def _pages(rng, sizes, world):
    """Through the tree API, each under its organisation's part of the offer."""
    offer = _offer()
    organisations = world.organisations
    parts = {
        o.pk: organisation_offer_page_ensure(organisation=o, offer=offer) for o in organisations
    }
    pages = []
    for index in range(sizes.groups):
        organisation = organisations[index % len(organisations)]
        kind, label = KINDS[(index // len(organisations)) % len(KINDS)]
        pool = world.trainers_of[organisation.pk]
        trainers = rng.sample(pool, min(len(pool), rng.randint(1, 2)))
        number = index // len(organisations) + 1
        page = _page(rng, organisation, number, kind, label, trainers)
        pages.append(parts[organisation.pk].add_child(instance=page))
    return pages


def _meetings(rng, sizes, pages):
    """{page id: [meeting]}, weekly (savings circles every two weeks)."""
    rows = []
    for page, count in zip(pages, spread(sizes.meetings, len(pages)), strict=True):
        step = 14 if page.kind == GroupKind.SAVINGS_CIRCLE else 7
        first = -round(count * PAST_SHARE) * step + rng.randint(0, step - 1)
        hour = rng.choice([10, 14, 19])
        for number in range(count):
            starts_at = moment(first + number * step, hour)
            rows.append(
                Meeting(
                    group=page,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(hours=2),
                    uid=fixed_uuid(rng),
                )
            )
    meetings_of = {page.pk: [] for page in pages}
    for meeting in Meeting.objects.bulk_create(rows, batch_size=BATCH):
        meetings_of[meeting.group_id].append(meeting)
    return meetings_of


def _enrolments_of(rng, page, people, first_meeting):
    """Places first, up to the group's capacity; then a short waiting list;
    whoever is left came to the past meetings and left last night (cancelled)."""
    left_at = moment(0, 0)
    rows = []
    waiting = rng.randint(0, 8)
    for position, person in enumerate(people):
        signed_up = first_meeting.starts_at - datetime.timedelta(days=30 - position % 20)
        if position < page.capacity:
            status, extra = EnrolmentStatus.ENROLLED, {"enrolled_at": signed_up}
        elif position < page.capacity + waiting:
            status, extra = EnrolmentStatus.WAITING, {}
        else:
            status = EnrolmentStatus.CANCELLED
            extra = {"enrolled_at": signed_up, "cancelled_at": left_at}
        rows.append(
            Enrolment(group=page, person=person, status=status, created_at=signed_up, **extra)
        )
    return rows


def _enrolments(rng, sizes, world, pages, meetings_of):
    """({page id: [people who were in it: enrolled or left]}, {page id: [enrolled]})."""
    pools = [
        world.volunteers if page.kind == GroupKind.TRAINING else world.participants
        for page in pages
    ]
    counts = spread_capped(sizes.enrolments, [len(pool) for pool in pools], "enrolments")
    rows = []
    for page, pool, count in zip(pages, pools, counts, strict=True):
        people = rng.sample(pool, count)
        rows += _enrolments_of(rng, page, people, meetings_of[page.pk][0])
    Enrolment.objects.bulk_create(rows, batch_size=BATCH)
    were_in = {page.pk: [] for page in pages}
    members = {page.pk: [] for page in pages}
    for row in rows:
        if row.status != EnrolmentStatus.WAITING:
            were_in[row.group_id].append(row.person)
        if row.status == EnrolmentStatus.ENROLLED:
            members[row.group_id].append(row.person)
    return were_in, members


def _past(meetings, now):
    return [meeting for meeting in meetings if meeting.starts_at < now]


def _attendance(rng, sizes, pages, meetings_of, were_in, world):
    """One row per meeting and person at past meetings, by its trainer."""
    now = moment(0, 0)
    pasts = [_past(meetings_of[page.pk], now) for page in pages]
    caps = [len(past) * len(were_in[page.pk]) for page, past in zip(pages, pasts, strict=True)]
    counts = spread_capped(sizes.attendance, caps, "attendance rows")
    rows = []
    for page, past, count in zip(pages, pasts, counts, strict=True):
        people = were_in[page.pk]
        by = page.trainers.first() or world.coordinators[page.organisation_id]
        for meeting_index, person_index in sample_pairs(rng, past, people, count):
            meeting = past[meeting_index]
            rows.append(
                Attendance(
                    meeting=meeting,
                    person=people[person_index],
                    status=rng.choice(STATUSES),
                    recorded_by=by,
                    recorded_at=meeting.ends_at,
                )
            )
        if len(rows) >= BATCH:
            Attendance.objects.bulk_create(rows, batch_size=BATCH)
            rows = []
    Attendance.objects.bulk_create(rows, batch_size=BATCH)


def seed_groups(rng, sizes, world):
    pages = _pages(rng, sizes, world)
    meetings_of = _meetings(rng, sizes, pages)
    were_in, members = _enrolments(rng, sizes, world, pages, meetings_of)
    _attendance(rng, sizes, pages, meetings_of, were_in, world)
    made = seed_savings(rng, sizes, pages, meetings_of, members, world)
    return {
        "groups": len(pages),
        "meetings": sizes.meetings,
        "enrolments": sizes.enrolments,
        "attendance rows": sizes.attendance,
        **made,
    }
