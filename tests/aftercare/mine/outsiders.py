"""The people who must never see someone's plan: another participant, the
trainer of the person's group, another volunteer of the organisation, and a
coordinator of another organisation."""

from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory
from tests.volunteers.factories import VolunteerProfileFactory


def outsiders(plan):
    trainer = MembershipFactory(organisation=plan.organisation, role=Role.TRAINER).user
    group = GroupPageFactory(organisation=plan.organisation, trainers=[trainer])
    EnrolmentFactory(group=group, person=plan.person)
    return {
        "another participant": EnrolmentFactory(group=group).person,
        "the trainer of the person's group": trainer,
        "another volunteer": VolunteerProfileFactory(organisation=plan.organisation).user,
        "another organisation's coordinator": MembershipFactory(role=Role.COORDINATOR).user,
        "someone without a role": UserFactory(),
    }
