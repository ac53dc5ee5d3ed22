"""The world of the coordinator's volunteer admin: a coordinator of
"Schuldhulpmaatje Oost", a volunteer there and one of another organisation,
each with a certificate on record."""

import datetime

import pytest
from django.utils import timezone

from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory
from tests.volunteers.factories import CompetencyRecordFactory, VolunteerProfileFactory, certificate


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def world():
    own, other = OrganisationFactory(name="Schuldhulpmaatje Oost"), OrganisationFactory()
    coordinator = MembershipFactory(
        organisation=own, role=Role.COORDINATOR, user__full_name="Cora Coördinator"
    ).user
    anna = VolunteerProfileFactory(
        organisation=own,
        user__full_name="Anna de Vries",
        vog_date=days_ago(100),
        notes="Alleen op dinsdag beschikbaar",
    )
    kees = VolunteerProfileFactory(
        organisation=other, user__full_name="Kees Elders", vog_date=days_ago(100)
    )
    anna_record = CompetencyRecordFactory(
        volunteer=anna.user,
        competency="privacy-avg",
        evidence=certificate("bewijs.pdf"),
        by=coordinator,
    )
    kees_record = CompetencyRecordFactory(
        volunteer=kees.user, competency="privacy-avg", evidence=certificate("geheim.pdf")
    )
    return locals()
