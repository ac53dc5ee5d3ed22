"""A group whose last meeting has passed is finished (one definition,
pages.finished_condition): not offered as open, no sign-up, no waiting-list
offers, "Afgelopen" in Mijn Waakvlam, and its waiting list is told once."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from groups import tasks
from groups.models import Enrolment, EnrolmentStatus, GroupPage, MeetingStatus
from groups.offer import services as offer_services
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory, group_index

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def finished_group(**kwargs):
    group = GroupPageFactory(**kwargs)
    MeetingFactory(group=group, starts_at=timezone.now() - 8 * DAY)
    MeetingFactory(group=group, starts_at=timezone.now() - DAY)
    return group


def running_group(**kwargs):
    group = GroupPageFactory(**kwargs)
    MeetingFactory(group=group, starts_at=timezone.now() - DAY)
    MeetingFactory(group=group, starts_at=timezone.now() + 6 * DAY)
    return group


def test_finished_means_it_had_meetings_and_the_last_one_has_passed():
    unplanned = GroupPageFactory()
    running = running_group()
    finished = finished_group()
    # A coming meeting that was called off does not keep a group running.
    called_off = finished_group()
    MeetingFactory(group=called_off, starts_at=timezone.now() + DAY, status=MeetingStatus.CANCELLED)
    assert set(GroupPage.objects.finished()) == {finished, called_off}
    assert set(GroupPage.objects.not_finished()) == {unplanned, running}
    assert [g.is_finished() for g in (unplanned, running, finished, called_off)] == [
        False,
        False,
        True,
        True,
    ]


def test_the_offer_shows_a_finished_group_under_finished_without_free_places(client):
    running_group(title="Budgetcursus Oost")
    finished_group(title="Budgetcursus West", capacity=5)
    page = client.get(group_index().url).content.decode()
    open_part, finished_part = page.split('id="finished-heading"')
    assert "Budgetcursus Oost" in open_part and "Budgetcursus West" not in open_part
    assert "Budgetcursus West" in finished_part
    assert "5 plekken vrij" not in page and "Afgelopen" in finished_part


def test_a_finished_group_cannot_be_signed_up_for(client, post):
    group = finished_group()
    person = UserFactory()
    with pytest.raises(ValidationError, match="laatste bijeenkomst is voorbij"):
        offer_services.enrolment_create(group=group, person=person)
    client.force_login(person)
    enrol = reverse("groups:enrolment_create", args=[group.pk])
    for response in (client.get(enrol, follow=True), post(enrol, follow=True)):
        assert response.redirect_chain[-1][0] == group.url
        assert "laatste bijeenkomst is voorbij" in response.content.decode()
    assert not Enrolment.objects.filter(person=person).exists()
    page = client.get(group.url).content.decode()
    assert f'href="{enrol}"' not in page


@pytest.mark.parametrize(
    "make_group",
    [
        lambda: finished_group(capacity=1),
        lambda: running_group(capacity=1, enrolment_closes=timezone.localdate() - DAY),
    ],
    ids=["group finished", "sign-up closed"],
)
def test_a_freed_place_is_not_offered_when_the_group_finished_or_sign_up_closed(sent, make_group):
    group = make_group()
    holder = EnrolmentFactory(group=group)
    waiting = EnrolmentFactory(group=group, status=EnrolmentStatus.WAITING)
    with sent():
        offer_services.enrolment_cancel(enrolment=holder)
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.WAITING
    assert mail.outbox == []


def test_mijn_waakvlam_shows_a_finished_group_as_finished_and_a_running_one_with_sign_out(client):
    person = UserFactory()
    done = EnrolmentFactory(group=finished_group(title="Cursus Klaar"), person=person)
    going = EnrolmentFactory(group=running_group(title="Cursus Bezig"), person=person)
    client.force_login(person)
    page = client.get(reverse("people:my")).content.decode()
    done_card = page[page.index("Cursus Klaar") : page.index("Cursus Bezig")]
    going_card = page[page.index("Cursus Bezig") :]
    assert "Afgelopen" in done_card and "Aangemeld" not in done_card
    assert reverse("groups:enrolment_cancel", args=[done.pk]) not in page
    assert "Aangemeld" in going_card
    assert f'href="{reverse("groups:enrolment_cancel", args=[going.pk])}"' in going_card


def test_the_waiting_list_of_a_finished_group_is_told_once(sent):
    group = finished_group(title="Spaarkring Zuid")
    EnrolmentFactory(group=group)
    waiting = EnrolmentFactory(
        group=group, status=EnrolmentStatus.WAITING, person=UserFactory(preferred_language="en")
    )
    EnrolmentFactory(group=running_group(), status=EnrolmentStatus.WAITING)
    with sent():
        assert tasks.tell_waiting_lists_of_finished_groups() == 1
        assert tasks.tell_waiting_lists_of_finished_groups() == 0
    assert [m.to for m in mail.outbox] == [[waiting.person.email]]
    assert mail.outbox[0].subject == "Waakvlam: Spaarkring Zuid has ended"
    assert "waiting list" in mail.outbox[0].body
    waiting.refresh_from_db()
    assert waiting.told_group_finished_at is not None


def test_telling_waiting_lists_is_scheduled_daily():
    schedule = Schedule.objects.get(func="groups.tasks.tell_waiting_lists_of_finished_groups")
    assert schedule.schedule_type == Schedule.DAILY


def test_a_trainer_still_adds_a_walk_in_to_the_last_meeting_but_no_invitation_is_sent():
    trainer = UserFactory()
    group = finished_group(trainers=[trainer])
    walk_in = offer_services.assisted_enrolment_create(
        group=group, full_name="Kees Bos", phone="06 12345678", by=trainer
    )
    assert walk_in.status == EnrolmentStatus.ENROLLED
    with pytest.raises(ValidationError, match="laatste bijeenkomst is voorbij"):
        offer_services.invitation_create(
            group=group, full_name="Henk", email="henk@example.org", by=trainer
        )


def test_an_invitation_sent_before_the_end_cannot_be_confirmed_after_it(sent):
    trainer = UserFactory()
    group = running_group(trainers=[trainer])
    henk = UserFactory(email="henk@example.org")
    invitation = offer_services.invitation_create(
        group=group, full_name="Henk", email=henk.email, by=trainer
    )
    group.meetings.filter(starts_at__gt=timezone.now()).update(status=MeetingStatus.CANCELLED)
    with pytest.raises(ValidationError, match="laatste bijeenkomst is voorbij"):
        offer_services.invitation_confirm(invitation=invitation, person=henk)
