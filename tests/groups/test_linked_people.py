import pytest

from people.models import Organisation
from people.selectors import people_linked_to
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

pytestmark = pytest.mark.django_db


def test_an_organisation_is_linked_to_the_participants_and_trainers_of_its_groups():
    trainer = UserFactory()
    group = GroupPageFactory(trainers=[trainer])
    participant = EnrolmentFactory(group=group).person
    elsewhere = EnrolmentFactory().person

    linked = set(people_linked_to(Organisation.objects.filter(pk=group.organisation_id)))

    assert {trainer, participant} <= linked
    assert elsewhere not in linked
