"""Demo organisations and accounts (one per role); all share one password."""

from allauth.account.models import EmailAddress

from people.models import Membership, Organisation, Role, User
from people.permissions import must_use_second_factor
from people.second_factor import add_authenticator_app

DEMO_PASSWORD = "demo-waakvlam"
# Staff log in with a second factor; every demo staff account shares this
# authenticator-app key (base32, 160 bits) so a newcomer can add it once.
DEMO_TOTP_SECRET = "WAAKVLAMDEMOGEHEIMVOORIEDEREEN23"

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


def demo_person(email, full_name, **extra):
    """A demo account with a confirmed address, made once."""
    person = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=DEMO_PASSWORD, full_name=full_name, **extra
    )
    EmailAddress.objects.get_or_create(
        user=person, email=email, defaults={"verified": True, "primary": True}
    )
    return person


def demo_members(first_number, names):
    """Demo participants lid<number>@example.org, numbered from `first_number`."""
    return [
        demo_person(f"lid{number}@example.org", name)
        for number, name in enumerate(names, start=first_number)
    ]


def seed_people():
    """Returns ({slug: organisation}, {e-mail: user}, [(e-mail, description)])."""
    organisations = {}
    for data in ORGANISATIONS:
        organisations[data["slug"]], _ = Organisation.objects.get_or_create(
            slug=data["slug"], defaults=data
        )
    accounts, users = [], {}
    for email, full_name, description, roles, superuser in ACCOUNTS:
        user = demo_person(email, full_name, is_staff=superuser, is_superuser=superuser)
        for slug, role in roles:
            Membership.objects.get_or_create(user=user, organisation=organisations[slug], role=role)
        if must_use_second_factor(user):
            add_authenticator_app(user, DEMO_TOTP_SECRET)
            description = f"{description}, with code"
        accounts.append((email, description))
        users[email] = user
    return organisations, users, accounts
