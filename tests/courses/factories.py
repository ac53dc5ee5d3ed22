import datetime

from django.utils import timezone

from groups.models import EnrolmentStatus
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory


def past_meetings(group, count):
    """`count` weekly meetings of `group`, the last one a week ago."""
    now = timezone.now()
    return [
        MeetingFactory(group=group, starts_at=now - datetime.timedelta(weeks=count - index))
        for index in range(count)
    ]


def course_with_trainer(**kwargs):
    """A budget course with its trainer, a member of the course's organisation."""
    trainer = MembershipFactory(role=Role.TRAINER).user
    organisation = trainer.memberships.get().organisation
    group = GroupPageFactory(organisation=organisation, trainers=[trainer], **kwargs)
    return group, trainer


def participant(group, **kwargs):
    person = UserFactory(**kwargs)
    EnrolmentFactory(group=group, person=person, status=EnrolmentStatus.ENROLLED)
    return person
