"""The organisations and everyone in them: participants, volunteers (some
of them trainers) and one coordinator per organisation."""

import dataclasses

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from people.models import Membership, Organisation, Role, User
from people.second_factor import add_authenticator_app
from website.demo.people import DEMO_TOTP_SECRET

from .common import BATCH, moment

# The first organisation; its presence means the data set is there.
MARKER_SLUG = "schaal-01"
PASSWORD = "schaal-waakvlam"
DOMAIN = "schaal.example.org"

CITIES = [
    "Utrecht", "Amersfoort", "Zwolle", "Arnhem", "Tilburg", "Groningen", "Leiden",
    "Almere", "Breda", "Enschede", "Haarlem", "Maastricht",
]  # fmt: skip
FIRST_NAMES = [
    "Anna", "Bram", "Chantal", "Daan", "Esra", "Fleur", "Gijs", "Hamza", "Iris", "Jesse",
    "Kim", "Lars", "Mila", "Noah", "Olga", "Priya", "Quinten", "Rosa", "Sem", "Tess",
    "Umut", "Vera", "Willem", "Yara", "Zoë", "Fatima", "Mohamed", "Sanne", "Henk", "Ingrid",
]  # fmt: skip
LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker", "Yilmaz",
    "El Amrani", "Kaya", "Brouwer", "de Groot", "Koster", "Prins", "Willems", "Kok",
]  # fmt: skip


@dataclasses.dataclass
class World:
    """What later builders hang their rows on."""

    organisations: list
    users: list
    participants: list
    volunteers: list
    coordinators: dict  # organisation id: user
    volunteers_of: dict  # organisation id: [user]
    trainers_of: dict  # organisation id: [user]
    contacts_of: dict = dataclasses.field(default_factory=dict)  # steady contacts


def check_sizes(sizes):
    """ValueError with the reason when the sizes do not fit together."""
    if sizes.people < sizes.volunteers + sizes.organisations + 1:
        raise ValueError("people must exceed volunteers plus one coordinator per organisation")
    if sizes.volunteers < sizes.organisations:
        raise ValueError("every organisation needs at least one volunteer")
    if sizes.groups < sizes.organisations or sizes.meetings < sizes.groups:
        raise ValueError("every organisation needs a group and every group a meeting")
    if sizes.moments < sizes.plans:
        raise ValueError("every aftercare plan needs at least one contact moment")


def organisation_name(index):
    city = CITIES[index % len(CITIES)]
    round_ = index // len(CITIES)
    return f"{city} {round_ + 1}" if round_ else city


def _organisations(sizes):
    made = []
    for index in range(sizes.organisations):
        city = organisation_name(index)
        made.append(
            Organisation.objects.create(
                slug=f"schaal-{index + 1:02d}",
                name=f"Schuldhulpmaatjes {city}",
                region=city,
                email=f"info.{index + 1:02d}@{DOMAIN}",
            )
        )
    return made


def _users(rng, sizes):
    """Coordinators, then volunteers, then participants; one password hash."""
    password = make_password(PASSWORD)
    rows = []
    kinds = [
        ("coordinator", sizes.organisations),
        ("vrijwilliger", sizes.volunteers),
        ("deelnemer", sizes.people - sizes.organisations - sizes.volunteers),
    ]
    for prefix, count in kinds:
        for number in range(1, count + 1):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            rows.append(
                User(
                    email=f"{prefix}{number}@{DOMAIN}",
                    full_name=name,
                    password=password,
                    date_joined=moment(-400 + len(rows) % 365, 9),
                )
            )
    users = User.objects.bulk_create(rows, batch_size=BATCH)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=BATCH,
    )
    return users


def seed_people(rng, sizes):
    organisations = _organisations(sizes)
    users = _users(rng, sizes)
    count = len(organisations)
    coordinators = dict(zip((o.pk for o in organisations), users[:count], strict=True))
    volunteers = users[count : count + sizes.volunteers]
    for organisation_id, user in coordinators.items():
        # One by one: the admin groups follow a coordinator's membership.
        Membership.objects.create(user=user, organisation_id=organisation_id, role=Role.COORDINATOR)
        add_authenticator_app(user, DEMO_TOTP_SECRET)
    volunteers_of = {o.pk: [] for o in organisations}
    trainers_of = {o.pk: [] for o in organisations}
    memberships = []
    for index, user in enumerate(volunteers):
        organisation = organisations[index % count]
        volunteers_of[organisation.pk].append(user)
        memberships.append(Membership(user=user, organisation=organisation, role=Role.VOLUNTEER))
        if index % 3 == 0:
            trainers_of[organisation.pk].append(user)
            memberships.append(Membership(user=user, organisation=organisation, role=Role.TRAINER))
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    return World(
        organisations=organisations,
        users=users,
        participants=users[count + sizes.volunteers :],
        volunteers=volunteers,
        coordinators=coordinators,
        volunteers_of=volunteers_of,
        trainers_of=trainers_of,
    )
