"""Demo groups: the offer in both organisations with meetings around today,
a full group with a waiting list, attendance with attention signals (one
open and with the coordinators, one closed with an outcome) and absences
announced ahead, a savings circle halfway through its cycle, the holidays in
which groups do not meet, and a group paused until further notice."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from groups.attendance import absences
from groups.attendance import services as attendance_services
from groups.models import (
    AbsenceChannel,
    AttentionSignal,
    Closure,
    ClosureKind,
    Enrolment,
    GroupIndexPage,
    GroupKind,
    GroupPage,
    SignalOutcome,
)
from groups.offer import services as offer_services
from groups.offer.closures import services as closure_services
from groups.offer.structure import organisation_offer_page_ensure
from groups.savings import services as savings_services
from website.models import HomePage

from .people import demo_members, demo_person
from .savings import seed_closed_round

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day_offset, hour, minute=0):
    """A moment `day_offset` days from today, Dutch time."""
    day = timezone.localdate() + datetime.timedelta(days=day_offset)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


def enrol_all(group, people):
    for person in people:
        if not Enrolment.objects.filter(group=group, person=person).exists():
            offer_services.enrolment_create(group=group, person=person)


# (slug, organisation, kind, title, place, capacity, (start hour, number of
# meetings), intro). The intro's words ("zes avonden") match the meetings;
# tests/website/test_seed_demo.py checks it. Trainers: demo/volunteers.py.
GROUPS = [
    (
        "budgetcursus-utrecht-overvecht",
        "op-koers-utrecht",
        GroupKind.BUDGET_COURSE,
        "Budgetcursus Overvecht",
        "Utrecht",
        10,
        (19, 6),
        "In zes avonden leert u uw geld overzichtelijk te maken: post ordenen, een "
        "budget maken en vaste lasten verlagen.",
    ),
    (
        "spaarkring-kanaleneiland",
        "op-koers-utrecht",
        GroupKind.SAVINGS_CIRCLE,
        "Spaarkring Kanaleneiland",
        "Utrecht",
        12,
        (19, 6),
        "Samen sparen voor een eigen doel. Elke twee weken legt u een bedrag in dat u zelf kiest.",
    ),
    (
        "lotgenotengroep-utrecht",
        "op-koers-utrecht",
        GroupKind.PEER_SUPPORT,
        "Lotgenotengroep Na de schulden",
        "Utrecht",
        3,
        (19, 6),
        "Praten met mensen die hetzelfde hebben meegemaakt. Hoe blijft u uit de "
        "schulden, en hoe gaat het nu met u?",
    ),
    (
        "basistraining-vrijwilligers-utrecht",
        "op-koers-utrecht",
        GroupKind.TRAINING,
        "Basistraining thuisadministratie",
        "Utrecht",
        14,
        (10, 4),
        "De basistraining voor nieuwe vrijwilligers: gespreksvoering, de sociale kaart en privacy.",
    ),
    (
        "budgetcursus-amersfoort",
        "geldmaatjes-amersfoort",
        GroupKind.BUDGET_COURSE,
        "Budgetcursus Amersfoort-Noord",
        "Amersfoort",
        8,
        (10, 4),
        "Vier ochtenden over inkomsten, uitgaven en slim besparen. Met koffie.",
    ),
    (
        "spaarkring-amersfoort",
        "geldmaatjes-amersfoort",
        GroupKind.SAVINGS_CIRCLE,
        "Spaarkring Amersfoort",
        "Amersfoort",
        10,
        (19, 6),
        "Sparen in een kleine groep. Wie spaart, heeft minder zorgen.",
    ),
    (
        "lotgenotengroep-amersfoort",
        "geldmaatjes-amersfoort",
        GroupKind.PEER_SUPPORT,
        "Koffie-ochtend Geldzorgen",
        "Amersfoort",
        8,
        (10, 6),
        "Een open ochtend om ervaringen te delen, zonder oordeel.",
    ),
    (
        "training-nazorg-amersfoort",
        "geldmaatjes-amersfoort",
        GroupKind.TRAINING,
        "Training nazorg en terugvalpreventie",
        "Amersfoort",
        12,
        (19, 3),
        "Voor vrijwilligers: hoe blijft u betrokken na de schuldhulp, zonder de regie "
        "over te nemen?",
    ),
]


VENUES = {
    "Utrecht": {
        "venue_name": "Buurthuis De Linde",
        "address": "Lindeplein 4",
        "postcode": "3563 AB",
    },
    "Amersfoort": {
        "venue_name": "Wijkcentrum Het Klooster",
        "address": "Kloosterstraat 10",
        "postcode": "3811 EF",
    },
}


OFFER_INTRO = (
    "<p>Kies een groep bij u in de buurt. Meedoen is gratis. Is een groep vol? Dan "
    "komt u op de wachtlijst en krijgt u bericht als er een plek vrij is.</p>"
)


def _group(offer, index, organisations):
    """One group of GROUPS, with its meetings starting around two weeks ago."""
    slug, org, kind, title, place, capacity, (hour, count), intro = GROUPS[index]
    part = organisation_offer_page_ensure(organisation=organisations[org], offer=offer)
    group = part.add_child(
        instance=GroupPage(
            title=title,
            slug=slug,
            organisation=organisations[org],
            kind=kind,
            intro=intro,
            body=f"<p>{intro}</p><p>U hoeft niets voor te bereiden. Neem gerust "
            "iemand mee voor de eerste keer.</p>",
            audience="Voor iedereen die grip op geld wil houden, ook na schuldhulp.",
            **VENUES[place],
            place=place,
            directions="Bus 4 stopt voor de deur. Fietsenstalling naast de ingang.",
            venue_accessibility="Gelijkvloers, met een invalidentoilet.",
            capacity=capacity,
            contact_name="Sanne Bakker",
            contact_phone="030 123 45 67",
        )
    )
    offer_services.meeting_series_create(
        group=group,
        first_date=(at(-14 + (index % 5) * 2, hour)).date(),
        start_time=datetime.time(hour, 0),
        end_time=datetime.time(hour + 2, 0),
        frequency="biweekly" if kind == GroupKind.SAVINGS_CIRCLE else "weekly",
        count=count,
    )


def seed_offer(organisations, users):
    """The offer: groups of every kind in both organisations, meetings around
    today, a full group with a waiting list."""
    offer = GroupIndexPage.objects.first()
    if offer is None:
        offer = HomePage.objects.get().add_child(
            instance=GroupIndexPage(
                title="Aanbod", slug="aanbod", intro=OFFER_INTRO, show_in_menus=True
            )
        )
    for index, data in enumerate(GROUPS):
        if not GroupPage.objects.filter(slug=data[0]).exists():
            _group(offer, index, organisations)
    participant = users["deelnemer@example.org"]
    for slug in ("budgetcursus-utrecht-overvecht", "spaarkring-kanaleneiland"):
        enrol_all(GroupPage.objects.get(slug=slug), [participant])
    enrol_all(
        GroupPage.objects.get(slug="lotgenotengroep-utrecht"),
        [
            demo_person(f"deelnemer{number}@example.org", name)
            for number, name in enumerate(WAITING_NAMES, start=1)
        ],
    )


WAITING_NAMES = ["Karin de Jong", "Ahmed Yilmaz", "Petra Smit", "Joost Mulder", "Naima Bouzid"]


CIRCLE_PEOPLE = ["Hanneke Kok", "Youssef Amrani", "Gerda Prins", "Bas Willems", "Ingrid Dekker"]


GOALS = [
    ("Een nieuwe wasmachine", "450.00"),
    ("Schoolspullen voor de kinderen", "300.00"),
    ("Een buffer voor onverwachte kosten", "500.00"),
    ("Een fiets", "250.00"),
    ("Verjaardag van mijn dochter", "150.00"),
    ("Een winterjas", "120.00"),
]


def seed_attendance(users):
    """The running budget course: two past meetings registered; one person
    missed both, so the trainers see them on the "Aandacht" list. Two people
    said ahead they cannot come to the next meeting: one on Mijn Waakvlam,
    one through the trainer."""
    trainer = users["trainer@example.org"]
    participant = users["deelnemer@example.org"]
    running = GroupPage.objects.get(slug="budgetcursus-utrecht-overvecht")
    regulars = demo_members(20, ["Tom Jacobs", "Lies Vos", "Ria Peters"])
    enrol_all(running, regulars)
    _announced_absences(running, trainer, tom=regulars[0], ria=regulars[2])
    past = list(running.meetings.filter(ends_at__lt=timezone.now()).order_by("starts_at")[:2])
    if past and not past[0].attendance.exists():
        for meeting in past:
            statuses = {person.pk: "present" for person in [participant, regulars[0]]}
            statuses[regulars[1].pk] = "absent"
            attendance_services.attendance_record(meeting=meeting, statuses=statuses, by=trainer)
        _signal_history(running, trainer, regulars)


def _signal_history(group, trainer, regulars):
    """The attention list is not empty: the trainer did not reach the person
    of the open signal, which has been with the coordinators for a while;
    an older signal was closed after a call."""
    lies, ria = regulars[1], regulars[2]
    AttentionSignal.objects.open().filter(group=group, person=lies).update(
        raised_at=at(-9, 21),
        unreached_at=at(-8, 11),
        unreached_by=trainer,
        note="Voicemail ingesproken.",
        escalated_at=at(-2, 10),
    )
    AttentionSignal.objects.create(
        group=group,
        person=ria,
        missed=2,
        raised_at=at(-40, 21),
        closed_at=at(-38, 14),
        closed_by=trainer,
        outcome=SignalOutcome.FINE,
        note="Gebeld: was ziek, komt weer.",
    )


def _announced_absences(group, trainer, *, tom, ria):
    coming = group.meetings.planned().filter(starts_at__gt=timezone.now()).order_by("starts_at")
    meeting = coming.first()
    if meeting is None:
        return
    absences.absence_announce(
        meeting=meeting, person=tom, by=tom, channel=AbsenceChannel.MY_WAAKVLAM
    )
    absences.absence_announce(
        meeting=meeting, person=ria, by=trainer, channel=AbsenceChannel.TRAINER
    )


def seed_savings(users):
    """A savings circle with its first round paid out and closed, halfway
    through its second nine-month round."""
    trainer = users["trainer@example.org"]
    participant = users["deelnemer@example.org"]
    circle_group = GroupPage.objects.get(slug="spaarkring-kanaleneiland")
    members = [participant] + demo_members(30, CIRCLE_PEOPLE)
    enrol_all(circle_group, members)
    circle = savings_services.savings_circle_for(group=circle_group)
    if not circle.entries.exists():
        start = timezone.localdate() - datetime.timedelta(days=135)
        first_start = start - datetime.timedelta(days=84)
        circle.cycle_start, circle.cycle_end = first_start, start
        circle.save()
        seed_closed_round(circle, members, trainer, first_start=first_start, second_start=start)
        for member, (purpose, target) in zip(members, GOALS, strict=True):
            savings_services.savings_goal_set(
                circle=circle, person=member, purpose=purpose, target_amount=Decimal(target)
            )
        history = offer_services.meeting_series_create(
            group=circle_group,
            first_date=start,
            start_time=datetime.time(14),
            end_time=datetime.time(15, 30),
            frequency="biweekly",
            until=timezone.localdate() - datetime.timedelta(days=15),
        )
        for index, meeting in enumerate(history):
            amounts = {
                member.pk: Decimal(str(5 + 2.5 * (number % 3)))
                for number, member in enumerate(members)
                if (index + number) % 7  # now and then someone skips a week
            }
            savings_services.deposits_record(
                circle=circle, meeting=meeting, amounts=amounts, by=trainer
            )
            attendance_services.attendance_record(
                meeting=meeting,
                statuses={m.pk: "present" if m.pk in amounts else "excused" for m in members},
                by=trainer,
            )


CHRISTMAS_HOLIDAY = ("Kerstvakantie", datetime.date(2026, 12, 19), datetime.date(2027, 1, 3))


def seed_closures(organisations):
    """Before the offer, so its series skip them: the public holidays of
    2026 and 2027 and the Christmas school holiday, in both organisations."""
    name, first_day, last_day = CHRISTMAS_HOLIDAY
    for organisation in organisations.values():
        for year in (2026, 2027):
            closure_services.closure_add_public_holidays(organisation=organisation, year=year)
        Closure.objects.get_or_create(
            organisation=organisation,
            name=name,
            first_day=first_day,
            defaults={"last_day": last_day, "kind": ClosureKind.SCHOOL_HOLIDAY},
        )


def seed_pause():
    """The coffee morning in Amersfoort is paused until further notice."""
    group = GroupPage.objects.get(slug="lotgenotengroep-amersfoort")
    enrol_all(group, demo_members(60, ["Wim de Boer", "Ria Hendriks"]))
    if not group.pauses.exists():
        closure_services.group_pause(
            group=group, by=None, reason="De vaste begeleider is een tijdje met verlof."
        )
