import pytest

from people.models import Membership, Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

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


def membership_form(user, organisation, role):
    return {"user": user.pk, "organisation": organisation.pk, "role": role}


def test_a_coordinator_grants_own_roles_but_never_editor(client):
    coordinator = MembershipFactory(role=Role.COORDINATOR)
    newcomer = MembershipFactory(organisation=coordinator.organisation, role=Role.VOLUNTEER).user
    client.force_login(coordinator.user)

    html = client.get("/admin/memberships/new/").content.decode()
    assert 'value="editor"' not in html and 'value="trainer"' in html
    for person in (newcomer, coordinator.user):
        data = membership_form(person, coordinator.organisation, Role.EDITOR)
        response = client.post("/admin/memberships/new/", data)
        assert response.status_code == 200 and "role" in response.context["form"].errors
    assert not Membership.objects.filter(role=Role.EDITOR).exists()

    data = membership_form(newcomer, coordinator.organisation, Role.TRAINER)
    assert client.post("/admin/memberships/new/", data).status_code == 302
    assert Membership.objects.filter(user=newcomer, role=Role.TRAINER).exists()


def test_a_coordinator_cannot_turn_an_editor_role_into_another(client):
    coordinator = MembershipFactory(role=Role.COORDINATOR)
    editor = MembershipFactory(organisation=coordinator.organisation, role=Role.EDITOR)
    client.force_login(coordinator.user)
    data = membership_form(editor.user, coordinator.organisation, Role.COORDINATOR)
    response = client.post(f"/admin/memberships/edit/{editor.pk}/", data)
    assert response.status_code == 200
    editor.refresh_from_db()
    assert editor.role == Role.EDITOR


def test_a_superuser_makes_someone_an_editor(client):
    organisation = MembershipFactory(role=Role.COORDINATOR).organisation
    person = UserFactory()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    data = membership_form(person, organisation, Role.EDITOR)
    assert client.post("/admin/memberships/new/", data).status_code == 302
    assert Membership.objects.filter(user=person, role=Role.EDITOR).exists()


def test_the_membership_form_offers_a_coordinator_only_people_linked_to_the_organisation(client):
    coordinator = MembershipFactory(role=Role.COORDINATOR)
    organisation = coordinator.organisation
    colleague = MembershipFactory(organisation=organisation, role=Role.VOLUNTEER).user
    participant = EnrolmentFactory(group=GroupPageFactory(organisation=organisation)).person
    stranger = MembershipFactory(role=Role.VOLUNTEER).user
    outsider = UserFactory()
    client.force_login(coordinator.user)

    offered = set(client.get("/admin/memberships/new/").context["form"].fields["user"].queryset)

    assert {colleague, participant, coordinator.user} <= offered
    assert stranger not in offered and outsider not in offered


def test_a_coordinator_cannot_give_a_role_to_someone_outside_the_organisation(client):
    coordinator = MembershipFactory(role=Role.COORDINATOR)
    outsider = UserFactory()
    client.force_login(coordinator.user)

    data = membership_form(outsider, coordinator.organisation, Role.VOLUNTEER)
    response = client.post("/admin/memberships/new/", data)

    assert response.status_code == 200 and "user" in response.context["form"].errors
    assert not Membership.objects.filter(user=outsider).exists()


def test_the_membership_form_offers_a_superuser_everyone(client):
    outsider = UserFactory()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    offered = client.get("/admin/memberships/new/").context["form"].fields["user"].queryset

    assert outsider in offered
