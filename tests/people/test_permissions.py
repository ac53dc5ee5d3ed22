"""The who-may-do-what matrix of DESIGN.md, asked of people.permissions."""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from people import permissions
from people.models import Role, User
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@dataclass
class FakeGroup:
    """What permissions needs of a group: its organisation, its trainers and
    its co-trainers."""

    organisation_id: int
    trainer_ids: set = field(default_factory=set)
    co_trainer_ids: set = field(default_factory=set)

    def is_led_by(self, user):
        return user.pk in self.trainer_ids

    def is_co_trained_by(self, user):
        return user.pk in self.co_trainer_ids


@pytest.fixture
def world():
    own, other = OrganisationFactory(), OrganisationFactory()
    trainer = MembershipFactory(organisation=own, role=Role.TRAINER).user
    other_trainer = MembershipFactory(organisation=own, role=Role.TRAINER).user
    coordinator = MembershipFactory(organisation=own, role=Role.COORDINATOR).user
    volunteer = MembershipFactory(organisation=own, role=Role.VOLUNTEER).user
    editor = MembershipFactory(organisation=own, role=Role.EDITOR).user
    participant = UserFactory()
    co_trainer = MembershipFactory(organisation=own, role=Role.VOLUNTEER).user
    group = FakeGroup(
        organisation_id=own.pk, trainer_ids={trainer.pk}, co_trainer_ids={co_trainer.pk}
    )
    other_group = FakeGroup(organisation_id=other.pk, trainer_ids={other_trainer.pk})
    return locals()


@pytest.mark.parametrize(
    "who, expected",
    [
        ("participant", False),
        ("volunteer", False),
        ("editor", False),
        ("trainer", True),
        ("other_trainer", False),
        ("coordinator", True),
    ],
)
def test_only_own_trainers_and_the_coordinator_see_participants_of_a_group(world, who, expected):
    user, group = world[who], world["group"]
    assert permissions.may_see_participants(user, group) is expected
    assert permissions.may_register_attendance(user, group) is expected
    assert permissions.may_record_deposits(user, group) is expected
    assert permissions.may_enrol_others(user, group) is expected


def test_a_co_trainer_registers_attendance_and_nothing_more(world):
    co_trainer, group = world["co_trainer"], world["group"]
    assert permissions.may_register_attendance(co_trainer, group)
    assert not permissions.may_see_participants(co_trainer, group)
    assert not permissions.may_record_deposits(co_trainer, group)
    assert not permissions.may_enrol_others(co_trainer, group)
    assert not permissions.may_register_attendance(co_trainer, world["other_group"])


def test_a_coordinator_has_no_say_over_another_organisations_group(world):
    coordinator, other_group = world["coordinator"], world["other_group"]
    assert not permissions.may_see_participants(coordinator, other_group)
    assert not permissions.may_manage_organisation(coordinator, world["other"])
    assert permissions.may_manage_organisation(coordinator, world["own"])


def test_a_trainer_of_another_group_leads_that_group_only(world):
    other_trainer, other_group = world["other_trainer"], world["other_group"]
    assert permissions.may_register_attendance(other_trainer, other_group)
    assert not permissions.may_register_attendance(other_trainer, world["group"])


def test_anonymous_visitors_may_do_nothing_but_read(world):
    anonymous = AnonymousUser()
    assert not permissions.may_see_participants(anonymous, world["group"])
    assert not permissions.may_enrol_self(anonymous)
    assert not permissions.may_edit_pages(anonymous)
    assert not permissions.may_see_own_competencies(anonymous)
    assert not permissions.organisations_with_role(anonymous, Role.COORDINATOR).exists()


@pytest.mark.parametrize(
    "who, enrol_self, own_competencies, record_competencies, edit_pages",
    [
        ("participant", True, False, False, False),
        ("volunteer", True, True, False, False),
        ("trainer", True, True, False, False),
        ("coordinator", True, True, True, False),
        ("editor", False, False, False, True),
    ],
)
def test_roles_follow_the_matrix(
    world, who, enrol_self, own_competencies, record_competencies, edit_pages
):
    user = world[who]
    assert permissions.may_enrol_self(user) is enrol_self
    assert permissions.may_see_own_competencies(user) is own_competencies
    assert permissions.may_record_competencies(user, world["own"]) is record_competencies
    assert permissions.may_edit_pages(user) is edit_pages


def test_a_superuser_coordinates_every_organisation(world):
    admin = UserFactory(is_superuser=True)
    assert permissions.may_manage_organisation(admin, world["other"])
    assert set(permissions.organisations_with_role(admin, Role.COORDINATOR)) == {
        world["own"],
        world["other"],
    }


def test_roles_are_read_with_one_query_per_user(world, django_assert_num_queries):
    coordinator = User.objects.get(pk=world["coordinator"].pk)
    with django_assert_num_queries(1):
        for _ in range(5):
            permissions.may_manage_organisation(coordinator, world["own"])
            permissions.may_see_participants(coordinator, world["group"])


def test_editor_and_coordinator_roles_bring_their_admin_groups_and_lose_them_again(world):
    editor = world["editor"]
    assert editor.groups.filter(name=permissions.EDITORS_GROUP).exists()
    coordinator_membership = world["coordinator"].memberships.get()
    coordinator = coordinator_membership.user
    assert coordinator.groups.filter(name=permissions.COORDINATORS_GROUP).exists()
    assert coordinator.has_perm("wagtailadmin.access_admin")

    coordinator_membership.delete()
    assert not coordinator.groups.filter(name=permissions.COORDINATORS_GROUP).exists()
    assert Group.objects.filter(name=permissions.COORDINATORS_GROUP).exists()
