"""A trainer whose qualification expires while leading a group is flagged:
on the group's edit page, on the trainer's own card in Mijn Waakvlam, in the
coordinators' weekly digest, and in one e-mail to the coordinators on the
day it happens; never to another organisation's coordinators."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from groups.models import GroupKind
from people.digest import weekly_digest_send
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import GroupPageFactory, group_index
from tests.volunteers.factories import CompetencyRecordFactory
from tests.volunteers.test_qualification import qualify
from volunteers import tasks
from volunteers.flags import lapses
from volunteers.models import CompetencyRecord, TrainerLapseNotice
from website.setup import ensure_admin_groups

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def world():
    ensure_admin_groups(group_index().get_root())
    boss = MembershipFactory(role=Role.COORDINATOR)
    organisation = boss.organisation
    other_boss = MembershipFactory(role=Role.COORDINATOR).user
    trainer = MembershipFactory(
        organisation=organisation,
        role=Role.TRAINER,
        user=UserFactory(full_name="Tom Trainer"),
    ).user
    qualify(trainer, organisation, "begeleider-lotgenotengroep")
    group = GroupPageFactory(
        organisation=organisation,
        kind=GroupKind.PEER_SUPPORT,
        title="Lotgenoten Oost",
        trainers=[trainer],
    )
    return {"boss": boss.user, "other_boss": other_boss, "trainer": trainer, "group": group}


def lapse(trainer, on):
    """The trainer's stress-sensitive work (required) expired the day before `on`."""
    CompetencyRecord.objects.filter(
        volunteer=trainer, competency__slug="stress-sensitief-werken"
    ).delete()
    CompetencyRecordFactory(
        volunteer=trainer,
        competency="stress-sensitief-werken",
        achieved_on=days(-700),
        expires_on=on - datetime.timedelta(days=1),
    )


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def test_a_qualified_trainer_is_not_flagged(world):
    assert lapses([world["group"]]) == []


def test_the_coordinators_hear_once_on_the_day_it_lapses(world, sent):
    lapse(world["trainer"], on=TODAY)

    with sent():
        assert tasks.notify_lapsed_trainers(today=days(-1)) == 0
    with sent():
        assert tasks.notify_lapsed_trainers() == 1
    with sent():
        assert tasks.notify_lapsed_trainers(today=days(3)) == 0

    (message,) = mails_to(world["boss"])
    assert message.subject == "Waakvlam: Tom Trainer is niet meer bevoegd"
    assert (
        "Tom Trainer leidt Lotgenoten Oost, maar is daar niet meer bevoegd voor: "
        "Stress-sensitief werken (verlopen)." in message.body
    )
    assert "<strong>Stress-sensitief werken (verlopen)</strong>" in message.alternatives[0][0]
    assert mails_to(world["other_boss"]) == []
    assert mails_to(world["trainer"]) == []
    assert TrainerLapseNotice.objects.get().lapsed_on == TODAY


def test_the_digest_lists_the_lapsed_trainer_for_their_organisation_only(world, sent):
    lapse(world["trainer"], on=days(-3))

    with sent():
        weekly_digest_send(TODAY)

    body = mails_to(world["boss"])[0].body
    assert "Trainers die een groep leiden, maar niet meer bevoegd zijn:" in body
    assert "Tom Trainer, Lotgenoten Oost: Stress-sensitief werken (verlopen)\n" in body
    assert mails_to(world["other_boss"]) == []


def test_the_group_edit_page_warns_the_coordinator(client, world):
    lapse(world["trainer"], on=days(-3))
    client.force_login(world["boss"])

    html = client.get(f"/admin/pages/{world['group'].pk}/edit/").content.decode()

    assert "Let op: Tom Trainer is niet meer bevoegd voor deze groep" in html


def test_the_trainer_sees_it_on_their_own_card(client, world):
    client.force_login(world["trainer"])
    assert (
        "Uw bevoegdheid voor deze groep is verlopen"
        not in client.get(reverse("people:my")).content.decode()
    )

    lapse(world["trainer"], on=days(-3))
    html = client.get(reverse("people:my")).content.decode()

    assert "Uw bevoegdheid voor deze groep is verlopen:" in html
    assert "Stress-sensitief werken (verlopen)" in html


def test_flags_take_a_fixed_number_of_queries(world, django_assert_num_queries):
    groups = [world["group"]]
    for n in range(5):
        trainer = MembershipFactory(organisation=world["group"].organisation, role=Role.TRAINER)
        groups.append(
            GroupPageFactory(
                organisation=world["group"].organisation,
                kind=GroupKind.BUDGET_COURSE,
                trainers=[trainer.user],
                title=f"Budgetcursus {n}",
            )
        )
    with django_assert_num_queries(5):
        lapses(groups)
