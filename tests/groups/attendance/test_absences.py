"""Saying ahead "ik kan er deze keer niet zijn": on Mijn Waakvlam, with the
reminder e-mail's signed link, and by the trainer on the attendance page;
taking it back; what the trainer sees on the day.

People here read English (preferred_language="en") so that the texts can
be checked before the Dutch catalogue is compiled."""

import datetime
import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from groups import tasks
from groups.attendance import absences
from groups.attendance.links import absence_token, from_token
from groups.models import (
    AbsenceChannel,
    AbsenceNotice,
    Attendance,
    AttendanceStatus,
    EnrolmentStatus,
    MeetingStatus,
)
from people.models import OutboxMessage
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory

from .test_attendance import checked, meeting_on, page_url, trainer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return trainer_of(user__full_name="Henk de Vries")


@pytest.fixture
def group(trainer):
    return GroupPageFactory(organisation=trainer.memberships.get().organisation, trainers=[trainer])


@pytest.fixture
def anna(group):
    return EnrolmentFactory(
        group=group, person=UserFactory(full_name="Anna Jansen", preferred_language="en")
    ).person


def in_days(days, hour=19):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


@pytest.fixture
def coming(group):
    return MeetingFactory(group=group, starts_at=in_days(3), topic="Post openen")


def standing(meeting, person):
    return AbsenceNotice.objects.standing().filter(meeting=meeting, person=person).first()


# --- Mijn Waakvlam ----------------------------------------------------------------


def test_on_my_waakvlam_one_tap_says_i_cannot_come_and_another_takes_it_back(client, anna, coming):
    client.force_login(anna)
    html = client.get(reverse("people:my")).content.decode()
    assert reverse("groups:absence", args=[coming.pk]) in html
    assert "I cannot come this time" in html

    response = client.post(reverse("groups:absence", args=[coming.pk]), {"answer": "absent"})
    assert response.status_code == 302
    notice = standing(coming, anna)
    assert (notice.channel, notice.recorded_by) == (AbsenceChannel.MY_WAAKVLAM, anna)
    html = client.get(reverse("people:my")).content.decode()
    assert "You cannot come this time." in html and "I am coming after all" in html

    client.post(reverse("groups:absence", args=[coming.pk]), {"answer": "coming"})
    assert standing(coming, anna) is None
    # Taken back, never deleted: one row, however often.
    client.post(reverse("groups:absence", args=[coming.pk]), {"answer": "absent"})
    assert AbsenceNotice.objects.filter(meeting=coming, person=anna).count() == 1


def test_the_page_behind_the_button_asks_first_and_a_get_changes_nothing(client, anna, coming):
    client.force_login(anna)
    html = client.get(reverse("groups:absence", args=[coming.pk])).content.decode()
    assert "Can you not come this time?" in html and coming.group.title in html
    assert not AbsenceNotice.objects.exists()


def test_only_a_meeting_of_ones_own_group_before_it_starts(client, anna, group, coming):
    other = MeetingFactory(starts_at=in_days(3))
    client.force_login(anna)
    assert (
        client.post(reverse("groups:absence", args=[other.pk]), {"answer": "absent"}).status_code
        == 404
    )
    assert client.get(reverse("groups:absence", args=[987654])).status_code == 404

    started = meeting_on(group, 0)
    cancelled = MeetingFactory(group=group, starts_at=in_days(2), status=MeetingStatus.CANCELLED)
    for meeting in (started, cancelled):
        response = client.post(
            reverse("groups:absence", args=[meeting.pk]), {"answer": "absent"}, follow=True
        )
        assert response.status_code == 200
    assert not AbsenceNotice.objects.exists()

    with pytest.raises(ValidationError):
        absences.absence_announce(
            meeting=coming, person=UserFactory(), by=anna, channel=AbsenceChannel.MY_WAAKVLAM
        )


def test_bad_answers_change_nothing(client, anna, coming):
    client.force_login(anna)
    for data in ({}, {"answer": "maybe"}, {"answer": ["absent", "\x00"]}):
        response = client.post(reverse("groups:absence", args=[coming.pk]), data, follow=True)
        assert response.status_code == 200
        assert "Choose whether you can come." in response.content.decode()
    assert not AbsenceNotice.objects.exists()


# --- The trainer ------------------------------------------------------------------


def test_the_trainer_writes_down_ahead_who_cannot_come(client, trainer, anna, coming):
    client.force_login(trainer)
    html = client.get(page_url(coming)).content.decode()
    assert "Who cannot come?" in html and "Anna cannot come" in html

    client.post(page_url(coming), {"person": anna.pk, "answer": "absent"})
    notice = standing(coming, anna)
    assert (notice.channel, notice.recorded_by) == (AbsenceChannel.TRAINER, trainer)
    html = client.get(page_url(coming)).content.decode()
    assert "Cannot come: told Henk" in html and "Anna is coming after all" in html

    client.post(page_url(coming), {"person": anna.pk, "answer": "coming"})
    assert standing(coming, anna) is None


def test_the_trainer_cannot_announce_for_someone_outside_the_group(client, trainer, coming):
    stranger = EnrolmentFactory().person
    client.force_login(trainer)
    for person in (stranger.pk, "abc", 10**30, ""):
        response = client.post(
            page_url(coming), {"person": person, "answer": "absent"}, follow=True
        )
        assert response.status_code == 200
    assert not AbsenceNotice.objects.exists()


def test_another_trainer_gets_a_404(client, anna, coming):
    client.force_login(trainer_of())
    response = client.post(page_url(coming), {"person": anna.pk, "answer": "absent"})
    assert response.status_code == 404
    assert not AbsenceNotice.objects.exists()


def test_on_the_day_excused_is_chosen_and_the_trainer_can_still_change_it(
    client, trainer, group, anna
):
    (ben,) = [EnrolmentFactory(group=group).person]
    meeting = meeting_on(group, 0)
    AbsenceNotice.objects.create(
        meeting=meeting, person=anna, channel=AbsenceChannel.EMAIL, recorded_by=anna
    )
    client.force_login(trainer)
    html = client.get(page_url(meeting)).content.decode()
    assert checked(html, anna, "excused") and not checked(html, ben, "excused")
    assert "Cannot come: said so from the reminder e-mail" in html

    # She came after all: the trainer taps "present".
    client.post(page_url(meeting), {f"status-{anna.pk}": "present"})
    assert Attendance.objects.get(person=anna).status == AttendanceStatus.PRESENT
    assert checked(client.get(page_url(meeting)).content.decode(), anna, "present")


def test_my_waakvlam_tells_the_trainer_how_many_cannot_come(client, trainer, anna, coming):
    AbsenceNotice.objects.create(meeting=coming, person=anna, channel=AbsenceChannel.TRAINER)
    client.force_login(trainer)
    html = client.get(reverse("people:my")).content.decode()
    assert f'href="{page_url(coming)}">1 person cannot come</a>' in html


# --- The reminder e-mail's link ------------------------------------------------------


def test_the_reminder_carries_a_link_whose_token_is_never_stored(sent, anna, group):
    meeting = MeetingFactory(group=group, starts_at=in_days(1))
    with sent():
        tasks.send_meeting_reminders()
    (message,) = mail.outbox
    token = absence_token(meeting, anna)
    assert reverse("groups:absence_link", args=[token]) in message.body
    stored = json.dumps(list(OutboxMessage.objects.values("context", "subject", "template")))
    assert token not in stored and token.rsplit("-", 1)[-1] not in stored


def test_the_link_asks_first_then_one_tap_records_it_without_logging_in(client, anna, coming):
    url = reverse("groups:absence_link", args=[absence_token(coming, anna)])
    # Not signed in: the site's language, Dutch.
    html = client.get(url).content.decode()
    assert "Ik kan er deze keer niet zijn" in html and coming.group.title in html
    # Opening the link (a mail scanner does) changes nothing.
    assert not AbsenceNotice.objects.exists()

    html = client.post(url, {"answer": "absent"}).content.decode()
    assert "Bedankt voor uw bericht." in html
    notice = standing(coming, anna)
    assert (notice.channel, notice.recorded_by) == (AbsenceChannel.EMAIL, anna)

    html = client.post(url, {"answer": "coming"}).content.decode()
    assert "Fijn dat u toch komt." in html
    assert standing(coming, anna) is None


def test_the_link_is_for_its_person_whoever_is_logged_in(client, anna, group, coming):
    other = EnrolmentFactory(group=group).person
    client.force_login(other)
    client.post(
        reverse("groups:absence_link", args=[absence_token(coming, anna)]), {"answer": "absent"}
    )
    assert standing(coming, anna) is not None and standing(coming, other) is None


def test_a_changed_or_made_up_link_is_a_calm_404_and_changes_nothing(client, anna, group, coming):
    other_meeting = MeetingFactory(group=group, starts_at=in_days(5))
    token = absence_token(coming, anna)
    meeting_id, person_id, signature = token.split("-")
    forged = [
        f"{other_meeting.pk}-{person_id}-{signature}",
        f"{meeting_id}-{int(person_id) + 1}-{signature}",
        # The last character changed (never to itself: "0" unless it is one).
        f"{meeting_id}-{person_id}-{signature[:-1]}{'1' if signature.endswith('0') else '0'}",
        f"{meeting_id}-{person_id}",
        "geen-bestaand-token",
        f"987654-{person_id}-{signature}",
    ]
    for bad in forged:
        assert from_token(bad) is None
        response = client.post(reverse("groups:absence_link", args=[bad]), {"answer": "absent"})
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()
    assert not AbsenceNotice.objects.exists()


def test_after_the_meeting_started_the_link_says_so_and_changes_nothing(client, anna, group):
    meeting = meeting_on(group, 0)
    url = reverse("groups:absence_link", args=[absence_token(meeting, anna)])
    assert "al begonnen of voorbij" in client.get(url).content.decode()
    response = client.post(url, {"answer": "absent"})
    assert response.status_code == 200
    assert "al begonnen of voorbij" in response.content.decode()
    assert not AbsenceNotice.objects.exists()


def test_after_signing_out_of_the_group_the_link_does_nothing(client, anna, coming):
    anna.enrolments.update(status=EnrolmentStatus.CANCELLED)
    url = reverse("groups:absence_link", args=[absence_token(coming, anna)])
    assert "niet meer aangemeld" in client.get(url).content.decode()
    client.post(url, {"answer": "absent"})
    assert not AbsenceNotice.objects.exists()


# --- Query counts ------------------------------------------------------------------

# The session, the meeting and the permission check, the audit entry, who is
# in the group, who said they cannot come, open signals, Wagtail's site and
# menu: the same for 3 or 30 people.
AHEAD_PAGE_QUERIES = 20


def test_the_attendance_page_before_the_day_does_not_grow_with_the_group(
    client, assert_page_queries
):
    for size in (3, 30):
        trainer = trainer_of()
        group = GroupPageFactory(
            organisation=trainer.memberships.get().organisation, trainers=[trainer]
        )
        meeting = MeetingFactory(group=group, starts_at=in_days(4))
        for index in range(size):
            person = EnrolmentFactory(group=group).person
            if index % 2:
                AbsenceNotice.objects.create(
                    meeting=meeting,
                    person=person,
                    channel=AbsenceChannel.TRAINER,
                    recorded_by=trainer,
                )
        client.force_login(trainer)
        response = assert_page_queries(page_url(meeting), AHEAD_PAGE_QUERIES)
        assert response.content.decode().count("is coming after all") == size // 2
