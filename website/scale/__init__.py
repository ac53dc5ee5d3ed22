"""A network-sized data set for benchmarks (`manage.py seed_scale`): the
same names, addresses and assignments on every run with the same seed.

Rows go in with bulk_create, past the per-row services (which mail, lock
and check one row at a time); the builders keep the rules those services
keep themselves: no group over its places, one attendance row per meeting
and person, money as Decimal. Pages go through Wagtail's tree API."""

import dataclasses
import random

from people.mail import mail_suppressed
from people.models import Organisation
from website.setup import ensure_site_structure

from . import aftercare, groups, knowledge, people, volunteers

MARKER_SLUG = people.MARKER_SLUG
# Scaled far down, a set with fewer groups and meetings would need everyone
# in every group and at every meeting to reach its enrolments and attendance.
MINIMUMS = {"groups": 8, "meetings": 160}


@dataclasses.dataclass(frozen=True)
class Sizes:
    organisations: int = 7
    groups: int = 309
    meetings: int = 6063
    people: int = 10030
    enrolments: int = 30019
    attendance: int = 150090
    volunteers: int = 610
    competency_records: int = 3390
    articles: int = 259
    plans: int = 2000
    moments: int = 10000
    deposits: int = 5000

    def scaled(self, factor):
        """Every size times `factor`, at least one of each."""
        sizes = {
            field.name: max(1, round(getattr(self, field.name) * factor))
            for field in dataclasses.fields(self)
        }
        for name, least in MINIMUMS.items():
            sizes[name] = max(sizes[name], least)
        return Sizes(**sizes)


def already_seeded():
    return Organisation.objects.filter(slug=MARKER_SLUG).exists()


def seed_scale(sizes, seed):
    """Fill the database; returns {what: how many rows}. Raises
    ValueError when the sizes do not fit together."""
    people.check_sizes(sizes)
    rng = random.Random(seed)
    with mail_suppressed():
        ensure_site_structure()
        world = people.seed_people(rng, sizes)
        made = volunteers.seed_volunteers(rng, sizes, world)
        made |= groups.seed_groups(rng, sizes, world)
        made |= knowledge.seed_articles(rng, sizes)
        made |= aftercare.seed_aftercare(rng, sizes, world)
    return {"people": len(world.users), "volunteers": len(world.volunteers), **made}
