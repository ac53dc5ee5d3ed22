"""Demo data for `manage.py seed_demo`: idempotent, so running it again
changes nothing. Later capabilities add their part here."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from wagtail.models import Page

from groups.attendance import services as attendance_services
from groups.models import Enrolment, GroupIndexPage, GroupKind, GroupPage
from groups.offer import services as offer_services
from groups.savings import services as savings_services
from people.mail import mail_suppressed
from people.models import Membership, Organisation, Role, User
from volunteers import services as volunteer_services
from volunteers.models import (
    Competency,
    RecordSource,
    TrainingCompetency,
    VolunteerProfile,
    VolunteerRole,
)

from .demo_knowledge import seed_knowledge_extras
from .models import HomePage
from .setup import ensure_admin_groups, ensure_site_structure
from .whitepaper import import_whitepaper

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

DEMO_PASSWORD = "demo-waakvlam"

ORGANISATIONS = [
    {
        "slug": "op-koers-utrecht",
        "name": "Stichting Op Koers Utrecht",
        "region": "Utrecht",
        "email": "info@opkoers-utrecht.example.org",
        "phone": "030 123 45 67",
        "website": "https://opkoers-utrecht.example.org",
        "address": "Voorbeeldstraat 12\n3511 AB Utrecht",
    },
    {
        "slug": "geldmaatjes-amersfoort",
        "name": "Geldmaatjes Amersfoort",
        "region": "Amersfoort en omstreken",
        "email": "contact@geldmaatjes-amersfoort.example.org",
        "phone": "033 765 43 21",
        "website": "https://geldmaatjes-amersfoort.example.org",
        "address": "Proefplein 3\n3811 CD Amersfoort",
    },
]

# (e-mail, full name, description, [(organisation slug, role)], superuser)
ACCOUNTS = [
    ("deelnemer@example.org", "Fatima de Vries", "participant", [], False),
    (
        "trainer@example.org",
        "Henk Jansen",
        "trainer",
        [("op-koers-utrecht", Role.TRAINER), ("op-koers-utrecht", Role.VOLUNTEER)],
        False,
    ),
    (
        "coordinator@example.org",
        "Sanne Bakker",
        "coordinator",
        [("op-koers-utrecht", Role.COORDINATOR)],
        False,
    ),
    (
        "vrijwilliger@example.org",
        "Mohamed El Amrani",
        "volunteer",
        [("op-koers-utrecht", Role.VOLUNTEER)],
        False,
    ),
    (
        "redacteur@example.org",
        "Inge Visser",
        "editor",
        [("op-koers-utrecht", Role.EDITOR)],
        False,
    ),
    ("admin@example.org", "Beheerder Waakvlam", "superuser", [], True),
]


def seed_demo():
    """Demo data sends no e-mail: its addresses are not real."""
    with mail_suppressed():
        return _seed()


def _seed():
    ensure_site_structure()
    organisations = {}
    for data in ORGANISATIONS:
        organisations[data["slug"]], _ = Organisation.objects.get_or_create(
            slug=data["slug"], defaults=data
        )
    accounts = []
    users = {}
    for email, full_name, description, roles, superuser in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                full_name=full_name,
                is_staff=superuser,
                is_superuser=superuser,
            )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for slug, role in roles:
            Membership.objects.get_or_create(user=user, organisation=organisations[slug], role=role)
        accounts.append((email, description))
        users[email] = user
    seed_offer(organisations, users)
    ensure_admin_groups(Page.get_first_root_node())  # rights on the new offer page
    seed_progress(organisations, users)
    seed_volunteers(organisations, users)
    # Creates the Kennisbank (in the menu) when missing and fills it.
    import_whitepaper()
    seed_knowledge_extras()
    return accounts


def _at(day_offset, hour, minute=0):
    day = timezone.localdate() + datetime.timedelta(days=day_offset)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


# (slug, organisation, kind, title, place, capacity, trainer?, intro)
GROUPS = [
    (
        "budgetcursus-utrecht-overvecht",
        "op-koers-utrecht",
        GroupKind.BUDGET_COURSE,
        "Budgetcursus Overvecht",
        "Utrecht",
        10,
        True,
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
        True,
        "Samen sparen voor een eigen doel. Elke twee weken legt u een bedrag in dat u zelf kiest.",
    ),
    (
        "lotgenotengroep-utrecht",
        "op-koers-utrecht",
        GroupKind.PEER_SUPPORT,
        "Lotgenotengroep Na de schulden",
        "Utrecht",
        3,
        False,
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
        False,
        "De basistraining voor nieuwe vrijwilligers: gespreksvoering, de sociale kaart en privacy.",
    ),
    (
        "budgetcursus-amersfoort",
        "geldmaatjes-amersfoort",
        GroupKind.BUDGET_COURSE,
        "Budgetcursus Amersfoort-Noord",
        "Amersfoort",
        8,
        False,
        "Vier ochtenden over inkomsten, uitgaven en slim besparen. Met koffie.",
    ),
    (
        "spaarkring-amersfoort",
        "geldmaatjes-amersfoort",
        GroupKind.SAVINGS_CIRCLE,
        "Spaarkring Amersfoort",
        "Amersfoort",
        10,
        False,
        "Sparen in een kleine groep. Wie spaart, heeft minder zorgen.",
    ),
    (
        "lotgenotengroep-amersfoort",
        "geldmaatjes-amersfoort",
        GroupKind.PEER_SUPPORT,
        "Koffie-ochtend Geldzorgen",
        "Amersfoort",
        8,
        False,
        "Een open ochtend om ervaringen te delen, zonder oordeel.",
    ),
    (
        "training-nazorg-amersfoort",
        "geldmaatjes-amersfoort",
        GroupKind.TRAINING,
        "Training nazorg en terugvalpreventie",
        "Amersfoort",
        12,
        False,
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


def seed_offer(organisations, users):
    """The offer: groups of every kind in both organisations, meetings around
    today, a full group with a waiting list."""
    home = HomePage.objects.get()
    offer = GroupIndexPage.objects.first()
    if offer is None:
        offer = home.add_child(
            instance=GroupIndexPage(
                title="Aanbod", slug="aanbod", intro=OFFER_INTRO, show_in_menus=True
            )
        )
    trainer = users["trainer@example.org"]
    for index, (slug, org, kind, title, place, capacity, led, intro) in enumerate(GROUPS):
        if GroupPage.objects.filter(slug=slug).exists():
            continue
        group = offer.add_child(
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
        if led:
            group.trainers.add(trainer)
            group.save_revision().publish()
        first = -14 + (index % 5) * 2
        frequency = "biweekly" if kind == GroupKind.SAVINGS_CIRCLE else "weekly"
        hour = 19 if index % 2 else 10
        offer_services.meeting_series_create(
            group=group,
            first_date=(_at(first, hour)).date(),
            start_time=datetime.time(hour, 0),
            end_time=datetime.time(hour + 2, 0),
            frequency=frequency,
            count=6,
        )

    participant = users["deelnemer@example.org"]
    for slug in ("budgetcursus-utrecht-overvecht", "spaarkring-kanaleneiland"):
        group = GroupPage.objects.get(slug=slug)
        if not Enrolment.objects.filter(group=group, person=participant).exists():
            offer_services.enrolment_create(group=group, person=participant)

    full = GroupPage.objects.get(slug="lotgenotengroep-utrecht")
    for number in range(1, 6):
        email = f"deelnemer{number}@example.org"
        person = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=DEMO_PASSWORD, full_name=WAITING_NAMES[number - 1]
        )
        EmailAddress.objects.get_or_create(
            user=person, email=email, defaults={"verified": True, "primary": True}
        )
        if not Enrolment.objects.filter(group=full, person=person).exists():
            offer_services.enrolment_create(group=full, person=person)


WAITING_NAMES = ["Karin de Jong", "Ahmed Yilmaz", "Petra Smit", "Joost Mulder", "Naima Bouzid"]


COURSE_PEOPLE = ["Fatima de Vries", "Ruud Hendriks", "Sevda Aydin", "Marco Visser", "Ellen Bos"]
CIRCLE_PEOPLE = ["Hanneke Kok", "Youssef Amrani", "Gerda Prins", "Bas Willems", "Ingrid Dekker"]
GOALS = [
    ("Een nieuwe wasmachine", "450.00"),
    ("Schoolspullen voor de kinderen", "300.00"),
    ("Een buffer voor onverwachte kosten", "500.00"),
    ("Een fiets", "250.00"),
    ("Verjaardag van mijn dochter", "150.00"),
    ("Een winterjas", "120.00"),
]


def _demo_person(number, full_name):
    email = f"lid{number}@example.org"
    person = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=DEMO_PASSWORD, full_name=full_name
    )
    EmailAddress.objects.get_or_create(
        user=person, email=email, defaults={"verified": True, "primary": True}
    )
    return person


def _enrol_all(group, people):
    for person in people:
        if not Enrolment.objects.filter(group=group, person=person).exists():
            offer_services.enrolment_create(group=group, person=person)


def seed_progress(organisations, users):
    """What trainers recorded: past meetings with attendance, someone who
    missed two meetings in a row, a completed course with certificates, and a
    savings circle halfway through its cycle."""
    trainer = users["trainer@example.org"]
    participant = users["deelnemer@example.org"]
    offer = GroupIndexPage.objects.get()

    # A budget course that ended last week: everyone registered, most passed.
    course = GroupPage.objects.filter(slug="budgetcursus-najaar").first()
    if course is None:
        course = offer.add_child(
            instance=GroupPage(
                title="Budgetcursus najaar",
                slug="budgetcursus-najaar",
                organisation=organisations["op-koers-utrecht"],
                kind=GroupKind.BUDGET_COURSE,
                intro="Zes avonden over post, budget en vaste lasten. Deze cursus is afgelopen.",
                place="Utrecht",
                **VENUES["Utrecht"],
                capacity=10,
                enrolment_closes=timezone.localdate() - datetime.timedelta(days=50),
            )
        )
        course.trainers.add(trainer)
        course.save_revision().publish()
        meetings = offer_services.meeting_series_create(
            group=course,
            first_date=_at(-42, 19).date(),
            start_time=datetime.time(19),
            end_time=datetime.time(21),
            frequency="weekly",
            count=6,
        )
        people = [participant] + [
            _demo_person(10 + i, name) for i, name in enumerate(COURSE_PEOPLE[1:])
        ]
        # Sign-up was open then; enrol past the window as the course ran.
        GroupPage.objects.filter(pk=course.pk).update(enrolment_closes=None)
        course.refresh_from_db()
        _enrol_all(course, people)
        GroupPage.objects.filter(pk=course.pk).update(
            enrolment_closes=timezone.localdate() - datetime.timedelta(days=50)
        )
        for index, meeting in enumerate(meetings):
            statuses = {}
            for number, person in enumerate(people):
                # Marco missed the first meeting; Ellen came twice only.
                if (number == 3 and index == 0) or (number == 4 and index > 1):
                    statuses[person.pk] = "absent"
                elif number == 2 and index == 3:
                    statuses[person.pk] = "late"
                else:
                    statuses[person.pk] = "present"
            attendance_services.attendance_record(meeting=meeting, statuses=statuses, by=trainer)

    # The running budget course: two past meetings registered; one person
    # missed both, so the trainers see them on the "Aandacht" list.
    running = GroupPage.objects.get(slug="budgetcursus-utrecht-overvecht")
    regulars = [_demo_person(20 + i, name) for i, name in enumerate(["Tom Jacobs", "Lies Vos"])]
    _enrol_all(running, regulars)
    past = list(running.meetings.filter(ends_at__lt=timezone.now()).order_by("starts_at")[:2])
    if past and not past[0].attendance.exists():
        for meeting in past:
            statuses = {person.pk: "present" for person in [participant, regulars[0]]}
            statuses[regulars[1].pk] = "absent"
            attendance_services.attendance_record(meeting=meeting, statuses=statuses, by=trainer)

    # A savings circle halfway through its nine-month cycle.
    circle_group = GroupPage.objects.get(slug="spaarkring-kanaleneiland")
    members = [participant] + [_demo_person(30 + i, name) for i, name in enumerate(CIRCLE_PEOPLE)]
    _enrol_all(circle_group, members)
    circle = savings_services.savings_circle_for(group=circle_group)
    if not circle.entries.exists():
        start = timezone.localdate() - datetime.timedelta(days=135)
        circle.cycle_start, circle.cycle_end = start, start + datetime.timedelta(days=273)
        circle.save()
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


# (number, name, status, months since VOG, {competency slug: days since achieved})
VOLUNTEERS = [
    (
        1,
        "Anouk Verbeek",
        "active",
        6,
        {
            "gespreksvoering": 200,
            "privacy-avg": 100,
            "financiele-basiskennis": 300,
            "stress-sensitief-werken": 150,
        },
    ),
    (
        2,
        "Bram de Wit",
        "active",
        12,
        {"gespreksvoering": 400, "privacy-avg": 700, "financiele-basiskennis": 500},
    ),
    (
        3,
        "Chantal Meijer",
        "active",
        35,
        {
            "gespreksvoering": 90,
            "nazorg-terugvalpreventie": 60,
            "doorverwijzen-sociale-kaart": 30,
            "stress-sensitief-werken": 20,
        },
    ),
    (4, "Dennis Koster", "active", 40, {"gespreksvoering": 800, "financiele-basiskennis": 1200}),
    (5, "Esra Kaya", "applying", None, {}),
    (
        6,
        "Frank Peters",
        "active",
        2,
        {"gespreksvoering": 30, "cultuursensitief-werken": 1000, "privacy-avg": 690},
    ),
    (7, "Greet Smits", "leaving", 20, {"gespreksvoering": 1500, "privacy-avg": 800}),
    (
        8,
        "Hamid Rachidi",
        "active",
        8,
        {
            "gespreksvoering": 50,
            "stress-sensitief-werken": 700,
            "cultuursensitief-werken": 40,
            "nazorg-terugvalpreventie": 100,
        },
    ),
]

AWARDS = {
    "basistraining-vrijwilligers-utrecht": [
        "gespreksvoering",
        "privacy-avg",
        "financiele-basiskennis",
    ],
    "training-nazorg-amersfoort": ["nazorg-terugvalpreventie", "stress-sensitief-werken"],
}


def _volunteer(user, organisation, status, vog_months, records, wanted, by):
    today = timezone.localdate()
    profile, created = VolunteerProfile.objects.get_or_create(
        user=user,
        organisation=organisation,
        defaults={
            "status": status,
            "start_date": today - datetime.timedelta(days=400),
            "vog_date": today - relativedelta(months=vog_months) if vog_months else None,
        },
    )
    if not created:
        return profile
    profile.roles_wanted.set(VolunteerRole.objects.filter(slug__in=wanted))
    for slug, days in records.items():
        competency = Competency.objects.get(slug=slug)
        volunteer_services.competency_record(
            volunteer=user,
            competency=competency,
            achieved_on=today - datetime.timedelta(days=days),
            source=RecordSource.OBSERVATION,
            note="Demo: waargenomen tijdens de begeleiding.",
            by=by,
        )
    return profile


def seed_volunteers(organisations, users):
    """Ten volunteers in mixed states (qualified, expiring, expired,
    missing), trainings that award competencies, and vrijwilliger@example.org
    with one competency that expires soon."""
    utrecht = organisations["op-koers-utrecht"]
    coordinator = users["coordinator@example.org"]
    for slug, competencies in AWARDS.items():
        training = GroupPage.objects.get(slug=slug)
        for competency_slug in competencies:
            TrainingCompetency.objects.get_or_create(
                training=training, competency=Competency.objects.get(slug=competency_slug)
            )
    # The demo trainer is qualified for the two groups they lead.
    _volunteer(
        users["trainer@example.org"],
        utrecht,
        "active",
        10,
        {
            "gespreksvoering": 300,
            "financiele-basiskennis": 200,
            "cultuursensitief-werken": 250,
            "privacy-avg": 100,
        },
        ["trainer-budgetcursus", "spaarkringbegeleider"],
        coordinator,
    )
    # One competency expires within weeks: stress-sensitive work lasts two
    # years, recorded almost two years ago.
    _volunteer(
        users["vrijwilliger@example.org"],
        utrecht,
        "active",
        14,
        {"gespreksvoering": 500, "privacy-avg": 120, "stress-sensitief-werken": 700},
        ["thuisadministratie-vrijwilliger"],
        coordinator,
    )
    for number, name, status, vog_months, records in VOLUNTEERS:
        user = _demo_person(40 + number, name)
        Membership.objects.get_or_create(user=user, organisation=utrecht, role=Role.VOLUNTEER)
        wanted = ["thuisadministratie-vrijwilliger"] if number % 2 else ["nazorgvrijwilliger"]
        _volunteer(user, utrecht, status, vog_months, records, wanted, coordinator)
