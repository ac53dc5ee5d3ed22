"""Choosing trainers on a group page: every volunteer of the organisation is
offered with whether they meet the requirements of this kind of group
("voldoet" / "mist: …"), and a qualified volunteer chosen becomes a trainer
when the page is saved."""

import re

import pytest

from groups.models import GroupKind
from people.models import Membership, Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import GroupPageFactory, group_index
from tests.volunteers.test_qualification import qualify
from website.setup import ensure_admin_groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    ensure_admin_groups(group_index().get_root())
    coordinator = MembershipFactory(role=Role.COORDINATOR)
    organisation = coordinator.organisation
    page = GroupPageFactory(
        organisation=organisation, kind=GroupKind.PEER_SUPPORT, title="Lotgenoten Oost"
    )

    def member(name, role):
        return MembershipFactory(
            organisation=organisation, role=role, user=UserFactory(full_name=name)
        ).user

    world = {
        "coordinator": coordinator.user,
        "organisation": organisation,
        "page": page,
        "trainer": member("Tom Trainer", Role.TRAINER),
        "ready": member("Vera Vrijwilliger", Role.VOLUNTEER),
        "not_ready": member("Nina Nieuw", Role.VOLUNTEER),
        "outsider": MembershipFactory(role=Role.VOLUNTEER).user,
    }
    qualify(world["ready"], organisation, "begeleider-lotgenotengroep")
    return world


def label(html, person):
    match = re.search(rf'value="{person.pk}"[^>]*>\s*([^<]*)', html)
    return " ".join(match.group(1).split()) if match else None


def edit_url(world):
    return f"/admin/pages/{world['page'].pk}/edit/"


def page_data(page, trainers):
    return {
        "title": page.title,
        "slug": page.slug,
        "kind": page.kind,
        "intro": page.intro,
        "place": page.place,
        "capacity": str(page.capacity),
        "costs": page.costs,
        "trainers": [person.pk for person in trainers],
        "action-publish": "action-publish",
    }


def test_every_volunteer_is_offered_with_their_qualification(client, world):
    client.force_login(world["coordinator"])
    html = client.get(edit_url(world)).content.decode()
    assert label(html, world["ready"]) == "Vera Vrijwilliger – voldoet – nog geen trainer"
    lacking = label(html, world["not_ready"])
    assert lacking.startswith("Nina Nieuw – mist: ") and "VOG" in lacking
    assert lacking.endswith("– nog geen trainer")
    assert label(html, world["trainer"]).startswith("Tom Trainer – mist: ")
    assert label(html, world["outsider"]) is None  # another organisation's


def test_a_qualified_volunteer_chosen_becomes_a_trainer_of_the_group(client, world):
    client.force_login(world["coordinator"])
    response = client.post(edit_url(world), page_data(world["page"], [world["ready"]]))
    assert response.status_code == 302, response.content.decode()[:2000]
    world["page"].refresh_from_db()
    assert list(world["page"].trainers.all()) == [world["ready"]]
    assert Membership.objects.filter(
        user=world["ready"], organisation=world["organisation"], role=Role.TRAINER
    ).exists()


def test_a_volunteer_who_is_not_qualified_is_refused_with_the_reasons(client, world):
    client.force_login(world["coordinator"])
    response = client.post(edit_url(world), page_data(world["page"], [world["not_ready"]]))
    assert response.status_code == 200
    assert "Nina Nieuw" in response.content.decode() and "ontbreekt" in response.content.decode()
    assert not Membership.objects.filter(user=world["not_ready"], role=Role.TRAINER).exists()
    assert not world["page"].trainers.exists()


def test_someone_of_another_organisation_cannot_be_chosen(client, world):
    client.force_login(world["coordinator"])
    response = client.post(edit_url(world), page_data(world["page"], [world["outsider"]]))
    assert response.status_code == 200
    assert not Membership.objects.filter(user=world["outsider"], role=Role.TRAINER).exists()


def test_the_kinds_start_with_a_capital_in_the_page_editor(client, world):
    client.force_login(world["coordinator"])
    html = client.get(edit_url(world)).content.decode()
    assert re.search(r'<option value="lotgenotengroep"[^>]*>\s*Lotgenotengroep', html)
