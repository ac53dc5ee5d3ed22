"""Learning by doing: a volunteer who is not qualified yet joins a group as a
co-trainer (meeloper) beside a qualified trainer, never alone; they see the
group on Mijn Waakvlam and may register attendance, not the participants
page. The qualification overview shows who is in training for which role."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import EnrolmentStatus, GroupKind
from people.models import Membership, Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory, group_index
from tests.volunteers.factories import TrainingFactory, VolunteerProfileFactory
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
        "ready": member("Vera Vrijwilliger", Role.VOLUNTEER),
        "learner": member("Nina Nieuw", Role.VOLUNTEER),
        "unqualified": member("Tom Trainer", Role.TRAINER),
    }
    qualify(world["ready"], organisation, "begeleider-lotgenotengroep")
    return world


def edit(client, world, *, trainers, co_trainers):
    page = world["page"]
    client.force_login(world["coordinator"])
    return client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            "title": page.title,
            "slug": page.slug,
            "kind": page.kind,
            "intro": page.intro,
            "place": page.place,
            "capacity": str(page.capacity),
            "costs": page.costs,
            "trainers": [person.pk for person in trainers],
            "co_trainers": [person.pk for person in co_trainers],
            "action-publish": "action-publish",
        },
    )


def errors(response):
    return " ".join(response.context["form"].errors.get("co_trainers", []))


def test_a_co_trainer_joins_beside_a_qualified_trainer_without_becoming_one(client, world):
    response = edit(client, world, trainers=[world["ready"]], co_trainers=[world["learner"]])

    assert response.status_code == 302
    world["page"].refresh_from_db()
    assert list(world["page"].co_trainers.all()) == [world["learner"]]
    assert not Membership.objects.filter(user=world["learner"], role=Role.TRAINER).exists()


@pytest.mark.parametrize("trainers", [[], ["unqualified"]], ids=["alone", "beside-unqualified"])
def test_a_co_trainer_never_leads_alone(client, world, trainers):
    if trainers:
        # Already on the page before the requirements: stays, but does not count.
        world["page"].trainers.set([world["unqualified"]])
        world["page"].save_revision().publish()
    response = edit(
        client, world, trainers=[world[name] for name in trainers], co_trainers=[world["learner"]]
    )

    assert response.status_code == 200
    assert "nooit alleen" in errors(response)
    world["page"].refresh_from_db()
    assert not world["page"].co_trainers.exists()


def test_nobody_is_trainer_and_co_trainer_at_once(client, world):
    response = edit(client, world, trainers=[world["ready"]], co_trainers=[world["ready"]])

    assert response.status_code == 200
    assert "Vera Vrijwilliger" in errors(response) and "al trainer" in errors(response)


def co_trained(world):
    page = world["page"]
    page.trainers.set([world["ready"]])
    page.co_trainers.set([world["learner"]])
    page.save_revision().publish()
    return page


def test_a_co_trainer_sees_the_group_and_registers_attendance_not_the_participants(client, world):
    page = co_trained(world)
    meeting = MeetingFactory(group=page, starts_at=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(world["learner"])

    html = client.get(reverse("people:my")).content.decode()
    assert "Lotgenoten Oost" in html and "meeloper" in html
    assert reverse("groups:participants", args=[page.pk]) not in html
    assert client.get(reverse("groups:attendance", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("groups:participants", args=[page.pk])).status_code in (403, 404)


def test_the_overview_shows_who_is_in_training_for_which_role(client, world):
    co_trained(world)
    enrolled = VolunteerProfileFactory(
        organisation=world["organisation"], user__full_name="Ali Leerling"
    ).user
    training = TrainingFactory(organisation=world["organisation"], awards=["privacy-avg"])
    EnrolmentFactory(group=training, person=enrolled, status=EnrolmentStatus.ENROLLED)
    VolunteerProfileFactory(organisation=world["organisation"], user=world["learner"], role=None)
    client.force_login(world["coordinator"])

    response = client.get(reverse("qualification:index"))

    rows = {row.profile.user.full_name: row for row in response.context["object_list"]}
    assert rows["Nina Nieuw"].in_training == ["Begeleider lotgenotengroep"]
    # Privacy is needed by three roles: the training helps towards each.
    assert rows["Ali Leerling"].in_training == [
        "Spaarkringbegeleider",
        "Thuisadministratie-vrijwilliger",
        "Trainer budgetcursus",
    ]
    assert rows["Vera Vrijwilliger"].in_training == []
    assert re.search(r"In opleiding voor: Begeleider lotgenotengroep", response.content.decode())
