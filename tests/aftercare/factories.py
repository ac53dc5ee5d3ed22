"""Aftercare plans made as the app makes them: through aftercare's services,
with a steady contact who holds the competency the organisation asks for
("Nazorg en terugvalpreventie", as in the demo)."""

import datetime

from django.utils import timezone

from aftercare.models import AftercareSettings, ConsentWay, Rhythm
from aftercare.plans.services import plan_choices_record, plan_open
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.volunteers.factories import CompetencyRecordFactory, competency

AFTERCARE_COMPETENCY = "nazorg-terugvalpreventie"


def aftercare_settings(organisation):
    settings, _created = AftercareSettings.objects.get_or_create(
        organisation=organisation, defaults={"competency": competency(AFTERCARE_COMPETENCY)}
    )
    return settings


def steady_contact(organisation, role=Role.VOLUNTEER, **kwargs):
    """A volunteer (or trainer) of `organisation` who may be a steady contact."""
    aftercare_settings(organisation)
    contact = MembershipFactory(
        organisation=organisation, role=role, user=UserFactory(**kwargs)
    ).user
    CompetencyRecordFactory(volunteer=contact, competency=AFTERCARE_COMPETENCY)
    return contact


def plan_for(
    *,
    organisation=None,
    person=None,
    contact=None,
    by=None,
    consent=True,
    rhythm=Rhythm.AFTER_3_6_12,
    preferred_way="phone",
    debt_ended_on=None,
    **choices,
):
    """A plan opened by a coordinator, with the person's choices and (unless
    `consent=False`) their consent."""
    organisation = organisation or OrganisationFactory()
    person = person or UserFactory()
    contact = contact or steady_contact(organisation)
    by = by or MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    plan = plan_open(
        organisation=organisation,
        person=person,
        contact=contact,
        by=by,
        debt_ended_on=debt_ended_on or timezone.localdate() - datetime.timedelta(days=7),
    )
    if consent:
        plan_choices_record(
            plan=plan,
            by=by,
            consent_on=timezone.localdate(),
            consent_way=ConsentWay.SPOKEN,
            preferred_way=preferred_way,
            rhythm=rhythm,
            **choices,
        )
    elif rhythm != plan.rhythm:
        plan_choices_record(plan=plan, by=by, rhythm=rhythm, **choices)
    return plan
