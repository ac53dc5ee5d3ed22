"""What may ever be done in the volunteer admin, and by whom: records are
never changed or deleted, profiles, competencies and roles never deleted,
and only coordinators get in."""

import pytest
from django.urls import NoReverseMatch, reverse

from people.models import Role
from tests.factories import MembershipFactory
from volunteers.models import Competency, VolunteerRole

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(name, args=args)


def test_records_cannot_be_changed_or_deleted(coordinator_client, world):
    for name in ("edit", "delete", "history"):
        with pytest.raises(NoReverseMatch):
            url(f"competency_records:{name}", world["anna_record"].pk)
    with pytest.raises(NoReverseMatch):
        url("volunteer_profiles:delete", world["anna"].pk)


def test_competencies_and_roles_are_never_deleted_and_have_no_usage_screen(coordinator_client):
    for prefix, model in (("competencies", Competency), ("volunteer_roles", VolunteerRole)):
        pk = model.objects.first().pk
        assert coordinator_client.get(url(f"{prefix}:edit", pk)).status_code == 200
        for name in ("delete", "usage"):
            with pytest.raises(NoReverseMatch):
                url(f"{prefix}:{name}", pk)


def test_people_without_the_coordinator_role_get_no_volunteer_admin(client, world):
    trainer = MembershipFactory(organisation=world["own"], role=Role.TRAINER).user
    client.force_login(trainer)
    for address in (
        url("volunteer_profiles:index"),
        url("qualification:index"),
        url("competency_records:add"),
    ):
        assert client.get(address).status_code in (302, 403)
