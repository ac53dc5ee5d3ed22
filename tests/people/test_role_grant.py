"""people.services.role_grant: a coordinator gives a role in their own
organisation, once; nobody else can."""

import pytest
from django.core.exceptions import ValidationError

from people.models import Membership, Role
from people.services import role_grant
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_gives_the_trainer_role_once_in_their_own_organisation():
    coordinator = MembershipFactory(role=Role.COORDINATOR)
    volunteer = MembershipFactory(role=Role.VOLUNTEER, organisation=coordinator.organisation).user
    kwargs = {"user": volunteer, "organisation": coordinator.organisation, "role": Role.TRAINER}
    first = role_grant(**kwargs, by=coordinator.user)
    assert role_grant(**kwargs, by=coordinator.user) == first
    assert Membership.objects.filter(user=volunteer, role=Role.TRAINER).count() == 1


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.TRAINER])
def test_others_cannot_give_a_role(role):
    organisation = OrganisationFactory()
    giver = MembershipFactory(role=role, organisation=organisation).user
    volunteer = MembershipFactory(role=Role.VOLUNTEER, organisation=organisation).user
    with pytest.raises(ValidationError):
        role_grant(user=volunteer, organisation=organisation, role=Role.TRAINER, by=giver)
    other = MembershipFactory(role=Role.COORDINATOR).user  # another organisation's
    with pytest.raises(ValidationError):
        role_grant(user=volunteer, organisation=organisation, role=Role.TRAINER, by=other)
    assert not Membership.objects.filter(user=volunteer, role=Role.TRAINER).exists()
