"""A trainer pauses their group and starts it again on their phone; the
group page and the offer say calmly that the group is paused; the pages
changed for closures and pauses keep a fixed number of queries."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups.models import EnrolmentStatus, GroupPause, MeetingStatus
from groups.offer.closures import services as closure_services
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory, group_index

from .factories import ClosureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    trainer = MembershipFactory(role=Role.TRAINER).user
    organisation = trainer.memberships.get().organisation
    group = GroupPageFactory(
        organisation=organisation, title="Praatgroep Noord", trainers=[trainer]
    )
    meeting = MeetingFactory(group=group, starts_at=timezone.now() + datetime.timedelta(days=2))
    participant = EnrolmentFactory(group=group).person
    return locals()


def pause_url(group):
    return reverse("groups:group_pause", args=[group.pk])


def test_the_trainer_pauses_and_resumes_the_group(client, post, world):
    group = world["group"]
    client.force_login(world["trainer"])
    participants = client.get(reverse("groups:participants", args=[group.pk])).content.decode()
    assert pause_url(group) in participants
    page = client.get(pause_url(group)).content.decode()
    assert "De groep pauzeren" in page and "De volgende bijeenkomst wordt afgelast." in page
    response = post(pause_url(group), {"action": "pause", "reason": "De trainer is ziek."})
    assert response.status_code == 302
    pause = GroupPause.objects.get(group=group)
    assert pause.paused_by == world["trainer"] and pause.reason == "De trainer is ziek."
    world["meeting"].refresh_from_db()
    assert world["meeting"].status == MeetingStatus.CANCELLED
    (message,) = [m for m in mail.outbox if m.to == [world["participant"].email]]
    assert "De trainer is ziek." in message.body
    # A second click on the same button does not undo or double anything.
    response = post(pause_url(group), {"action": "pause", "reason": "nog eens"}, follow=True)
    assert "Dit was al gedaan." in response.content.decode()
    assert GroupPause.objects.filter(group=group).count() == 1

    response = post(pause_url(group), {"action": "resume"})
    pause.refresh_from_db()
    assert pause.resumed_by == world["trainer"]
    assert len([m for m in mail.outbox if m.to == [world["participant"].email]]) == 2


@pytest.mark.parametrize("who", ["participant", "other_trainer", "stranger"])
def test_only_the_groups_trainers_and_coordinators_may_pause_it(client, world, who):
    user = {
        "participant": world["participant"],
        "other_trainer": MembershipFactory(
            organisation=world["organisation"], role=Role.TRAINER
        ).user,
        "stranger": UserFactory(),
    }[who]
    client.force_login(user)
    assert client.get(pause_url(world["group"])).status_code == 404
    assert client.post(pause_url(world["group"]), {"action": "pause"}).status_code == 404
    assert not GroupPause.objects.exists()


def test_a_too_long_reason_keeps_what_was_typed(client, world):
    client.force_login(world["trainer"])
    response = client.post(pause_url(world["group"]), {"action": "pause", "reason": "x" * 250})
    assert response.status_code == 200
    assert "x" * 250 in response.content.decode()
    assert not GroupPause.objects.exists()


def test_the_group_page_and_the_offer_say_the_group_is_paused(client, world):
    group = world["group"]
    closure_services.group_pause(group=group, by=world["trainer"], reason="Zaal dicht")
    page = client.get(group.url).content.decode()
    assert "Deze groep stopt even, tot nader bericht." in page
    assert "Wie al meedoet, houdt zijn plek." in page
    assert "Zaal dicht" in page
    assert "Zet mij op de wachtlijst" in page
    offer = client.get(group_index().url).content.decode()
    assert "Even gepauzeerd" in offer
    client.force_login(UserFactory())
    confirm = client.get(reverse("groups:enrolment_create", args=[group.pk])).content.decode()
    assert "wachtlijst" in confirm
    client.post(reverse("groups:enrolment_create", args=[group.pk]))
    assert group.enrolments.filter(status=EnrolmentStatus.WAITING).count() == 1


def test_a_participant_sees_on_mijn_waakvlam_that_the_group_is_paused(client, world):
    client.force_login(world["participant"])
    my = reverse("people:my")
    assert "Deze groep stopt even" not in client.get(my).content.decode()
    closure_services.group_pause(group=world["group"], by=world["trainer"], reason="")
    page = client.get(my).content.decode()
    assert "Deze groep stopt even, tot nader bericht." in page
    assert "U houdt uw plek." in page


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def _paused_groups(organisation, count):
    for _ in range(count):
        group = GroupPageFactory(organisation=organisation)
        MeetingFactory(group=group)
        EnrolmentFactory(group=group)
        closure_services.group_pause(group=group, by=None, reason="Even niet")


def test_the_offer_and_a_paused_group_page_keep_their_queries_with_more_groups(client, world):
    group = world["group"]
    closure_services.group_pause(group=group, by=None)
    _paused_groups(world["organisation"], 1)
    few = (_queries(client, group_index().url), _queries(client, group.url))
    _paused_groups(world["organisation"], 6)
    many = (_queries(client, group_index().url), _queries(client, group.url))
    assert few == many


def test_the_closure_and_pause_admin_keep_their_queries_with_more_rows(client, world):
    coordinator = MembershipFactory(organisation=world["organisation"], role=Role.COORDINATOR).user
    client.force_login(coordinator)
    urls = [reverse("closures:index"), reverse("group_pauses:index")]

    def grow(count):
        for n in range(count):
            start = datetime.date(2030, 1, 1) + datetime.timedelta(days=10 * n + len(urls) * 100)
            ClosureFactory(organisation=world["organisation"], first_day=start, last_day=start)
        _paused_groups(world["organisation"], count)

    grow(1)
    few = [_queries(client, url) for url in urls]
    grow(5)
    many = [_queries(client, url) for url in urls]
    assert few == many
