import pytest

from people.models import Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("view", ["edit", "history", "usage", "delete"])
def test_a_coordinator_cannot_open_another_organisations_membership(client, view):
    coordinator = MembershipFactory(role=Role.COORDINATOR)
    own = MembershipFactory(organisation=coordinator.organisation, role=Role.VOLUNTEER)
    other = MembershipFactory(role=Role.VOLUNTEER)
    client.force_login(coordinator.user)
    assert client.get(f"/admin/memberships/{view}/{own.pk}/").status_code == 200
    assert client.get(f"/admin/memberships/{view}/{other.pk}/").status_code == 404


def test_a_coordinator_lists_only_own_organisations(client):
    coordinator = MembershipFactory(role=Role.COORDINATOR)
    other = MembershipFactory(role=Role.COORDINATOR)
    client.force_login(coordinator.user)
    html = client.get("/admin/organisations/").content.decode()
    assert coordinator.organisation.name in html
    assert other.organisation.name not in html
