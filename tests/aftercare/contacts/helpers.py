"""What the tests of the steady contact's screens share: a contact with
plans and moments at chosen days, and a service of the social map."""

import datetime

from django.utils import timezone

from aftercare.moments.services import moment_add
from knowledge.models import Service
from people.models import Role
from tests.aftercare.factories import plan_for, steady_contact
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

TODAY = timezone.localdate()


def in_days(days):
    return TODAY + datetime.timedelta(days=days)


def contact_with_plans(count=1, organisation=None, **plan_kwargs):
    """(contact, [plans]): `count` plans of one steady contact, each with
    an overdue moment and one this week besides its rhythm's moments."""
    organisation = organisation or OrganisationFactory()
    contact = steady_contact(organisation, full_name="Vera Vrijwilliger")
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    plans = []
    for n in range(count):
        person = UserFactory(full_name=f"Anna Jansen {n}", phone=f"06 1234 567{n % 10}")
        plan = plan_for(
            organisation=organisation, person=person, contact=contact, by=coordinator, **plan_kwargs
        )
        moment_add(plan=plan, due_on=in_days(-3), by=coordinator)
        moment_add(plan=plan, due_on=in_days(2), by=coordinator)
        plans.append(plan)
    return contact, plans


def coordinator_of(organisation):
    return MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user


def service(name="Geldloket Utrecht", **fields):
    values = {
        "helps_with": "Vragen over rekeningen en toeslagen.",
        "place": "Utrecht",
        "organisation_type": "gemeente",
        "needs": ["geld"],
        "phone": "030 000 00 01",
    }
    return Service.objects.create(name=name, **(values | fields))
