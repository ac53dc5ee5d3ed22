import pytest
from django.db import IntegrityError

from people.models import Membership, Role, User
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_logs_in_with_lowercased_email_and_has_no_username():
    user = User.objects.create_user(email="Jan@Example.ORG", password="x", full_name="Jan Smit")
    assert user.email == "jan@example.org"
    assert User.USERNAME_FIELD == "email"
    assert User.objects.get_by_natural_key("JAN@example.org") == user
    assert not hasattr(user, "username")


def test_superuser_gets_staff_and_superuser_flags():
    admin = User.objects.create_superuser(email="a@example.org", password="x", full_name="A")
    assert admin.is_staff and admin.is_superuser


def test_short_name_is_first_word_of_full_name():
    assert User(full_name="Fatima de Vries").get_short_name() == "Fatima"
    assert User(email="x@example.org").get_short_name() == "x@example.org"


def test_the_same_role_twice_in_one_organisation_is_refused_by_the_database():
    membership = MembershipFactory(role=Role.TRAINER)
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            user=membership.user, organisation=membership.organisation, role=Role.TRAINER
        )


def test_an_unknown_role_is_refused_by_the_database():
    user = UserFactory()
    organisation = OrganisationFactory()
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=user, organisation=organisation, role="baas")


def test_a_user_may_hold_several_roles_in_one_organisation():
    membership = MembershipFactory(role=Role.TRAINER)
    Membership.objects.create(
        user=membership.user, organisation=membership.organisation, role=Role.VOLUNTEER
    )
    assert membership.user.memberships.count() == 2
