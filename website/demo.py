"""Demo data for `manage.py seed_demo`: idempotent, so running it again
changes nothing. Later capabilities add their part here."""

import datetime
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.utils import timezone

from groups import services
from groups.models import Enrolment, GroupIndexPage, GroupKind, GroupPage
from people.mail import mail_suppressed
from people.models import Membership, Organisation, Role, User

from .models import HomePage
from .setup import ensure_site_structure

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
                venue_name="Buurthuis De Linde"
                if place == "Utrecht"
                else "Wijkcentrum Het Klooster",
                address="Lindeplein 4" if place == "Utrecht" else "Kloosterstraat 10",
                postcode="3563 AB" if place == "Utrecht" else "3811 EF",
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
        services.meeting_series_create(
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
            services.enrolment_create(group=group, person=participant)

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
            services.enrolment_create(group=full, person=person)


WAITING_NAMES = ["Karin de Jong", "Ahmed Yilmaz", "Petra Smit", "Joost Mulder", "Naima Bouzid"]
