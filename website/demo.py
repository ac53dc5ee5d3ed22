"""Demo data for `manage.py seed_demo`: idempotent, so running it again
changes nothing. Later capabilities add their part here."""

from allauth.account.models import EmailAddress

from people.models import Membership, Organisation, Role, User

from .setup import ensure_site_structure

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
    ensure_site_structure()
    organisations = {}
    for data in ORGANISATIONS:
        organisations[data["slug"]], _ = Organisation.objects.get_or_create(
            slug=data["slug"], defaults=data
        )
    accounts = []
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
    return accounts
