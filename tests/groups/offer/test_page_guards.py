import pytest

from people.models import Role
from tests.factories import MembershipFactory
from tests.groups.factories import GroupPageFactory, group_index
from website.setup import ensure_admin_groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    membership = MembershipFactory(role=Role.COORDINATOR)
    ensure_admin_groups(group_index().get_root())
    return membership


def test_a_coordinator_edits_own_group_pages_only(client, coordinator):
    own = GroupPageFactory(organisation=coordinator.organisation)
    other = GroupPageFactory()
    client.force_login(coordinator.user)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code == 404
    assert client.get(f"/admin/pages/{other.pk}/delete/").status_code == 404


def test_a_coordinator_chooses_among_own_organisations_and_trainers(client, coordinator):
    own_trainer = MembershipFactory(role=Role.TRAINER, organisation=coordinator.organisation)
    other_trainer = MembershipFactory(role=Role.TRAINER)
    page = GroupPageFactory(organisation=coordinator.organisation)
    client.force_login(coordinator.user)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert own_trainer.user.full_name in html
    assert other_trainer.user.full_name not in html
    assert other_trainer.organisation.name not in html
