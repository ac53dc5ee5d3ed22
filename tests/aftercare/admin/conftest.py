"""A coordinator with plans in their own organisation, and a plan of
another organisation that they must never see."""

import pytest

from people.models import Role
from tests.factories import MembershipFactory, UserFactory

from ..factories import plan_for, steady_contact


@pytest.fixture
def world(organisations):
    own, other, coordinator = organisations.values()
    contact = steady_contact(own, full_name="Vera Vrijwilliger")
    anna = plan_for(
        organisation=own,
        person=UserFactory(full_name="Anna Bakker"),
        contact=contact,
        by=coordinator,
        wants_to_prevent="Geen nieuwe schulden",
    )
    hidden = plan_for(organisation=other, person=UserFactory(full_name="Geheim Elders"))
    other_coordinator = MembershipFactory(organisation=other, role=Role.COORDINATOR).user
    return {
        "own": own,
        "other": other,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "contact": contact,
        "anna": anna,
        "hidden": hidden,
    }
