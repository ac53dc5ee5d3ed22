"""The e-mails of the offer: who gets which, once, after the commit.

People here read English (preferred_language="en") so that the texts can be
checked before the Dutch catalogue is compiled; one test checks the Dutch
dates."""

import datetime
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule
from icalendar import Calendar

from groups import tasks
from groups.models import Enrolment, EnrolmentStatus, MeetingReminder, MeetingStatus
from groups.offer import services as offer_services
from people.models import ANONYMISED_DOMAIN
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def person(**kwargs):
    return UserFactory(preferred_language="en", **kwargs)


def local(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def in_days(days, hour=19):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMSTERDAM)


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def the_mail_to(user):
    (message,) = mails_to(user)
    return message


def calendar_attachment(message):
    (attachment,) = message.attachments
    name, content, mimetype = attachment
    assert name.endswith(".ics")
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content)


def link_in(message, path_prefix):
    """The absolute link starting with SITE_URL + path_prefix in the text."""
    pattern = re.escape(settings.SITE_URL + path_prefix) + r"\S+"
    (url,) = set(re.findall(pattern, message.body))
    assert url in message.alternatives[0].content
    return urlsplit(url).path


# Enrolment and the waiting list -------------------------------------------


def test_enrolment_sends_a_confirmation_with_the_meetings_as_calendar_file(sent):
    group = GroupPageFactory(title="Rondkomen met uw geld")
    planned = [MeetingFactory(group=group, starts_at=in_days(n)) for n in (7, 14)]
    MeetingFactory(group=group, starts_at=in_days(21), status=MeetingStatus.CANCELLED)
    MeetingFactory(group=group, starts_at=in_days(-7))
    fatima = person(full_name="Fatima el Amrani")

    with sent():
        enrolment = offer_services.enrolment_create(group=group, person=fatima)
        assert mail.outbox == []  # only after the commit

    assert enrolment.status == EnrolmentStatus.ENROLLED
    message = the_mail_to(fatima)
    assert message.subject == "Waakvlam: You are signed up for Rondkomen met uw geld"
    assert message.body.startswith("Hello Fatima,")
    assert message.body.rstrip().endswith("Waakvlam")
    assert f"{settings.SITE_URL}/mijn/" in message.body
    assert "calendar" in message.body
    html = message.alternatives[0].content
    assert message.alternatives[0].mimetype == "text/html"
    assert '<html lang="en">' in html
    assert f'href="{settings.SITE_URL}/mijn/"' in html

    calendar = calendar_attachment(message)
    assert sorted(str(event["UID"]) for event in calendar.events) == sorted(
        f"{meeting.uid}@waakvlam" for meeting in planned
    )
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_dutch_mail_shows_meetings_in_amsterdam_time_with_dutch_names(sent):
    group = GroupPageFactory(venue_name="Buurthuis De Linde", place="Utrecht")
    # Stored in UTC: 17:00 in summer time and 18:00 in winter time are both
    # 19:00 in Amsterdam.
    MeetingFactory(group=group, starts_at=local(2030, 3, 28, 19), topic="Post ordenen")
    MeetingFactory(group=group, starts_at=local(2030, 10, 24, 19))
    fatima = UserFactory(preferred_language="nl")

    with sent():
        offer_services.enrolment_create(group=group, person=fatima)

    message = the_mail_to(fatima)
    for text in (message.body, message.alternatives[0].content):
        assert "Donderdag 28 maart" in text
        assert "Donderdag 24 oktober" in text
        assert text.count("19:00") == 2
        assert "Buurthuis De Linde, Kerkstraat 1, 3511 AB Utrecht" in text
        assert "Post ordenen" in text
    assert message.body.startswith("Hallo ")
    assert "Met vriendelijke groet," in message.body


def test_the_waiting_list_mail_gives_the_position(sent):
    group = GroupPageFactory(capacity=1)
    EnrolmentFactory(group=group)
    first, second = person(), person()

    with sent():
        offer_services.enrolment_create(group=group, person=first)
        offer_services.enrolment_create(group=group, person=second)

    assert "You are number 1 on the waiting list." in the_mail_to(first).body
    message = the_mail_to(second)
    assert message.subject.startswith("Waakvlam: You are on the waiting list for")
    assert "You are number 2 on the waiting list." in message.body
    assert "number 2" in message.alternatives[0].content
    assert message.attachments == []


def test_a_freed_place_is_offered_to_the_first_waiting_person_with_a_working_link(client, sent):
    group = GroupPageFactory(capacity=1, title="Spaarkring Noord")
    leaving = EnrolmentFactory(group=group)
    first, second = person(), person()
    with sent():
        offer_services.enrolment_create(group=group, person=first)
        offer_services.enrolment_create(group=group, person=second)
    mail.outbox.clear()

    with sent():
        offer_services.enrolment_cancel(enrolment=leaving, by=leaving.person)

    assert mails_to(second) == []
    message = the_mail_to(first)
    assert message.subject == "Waakvlam: There is a place for you in Spaarkring Noord"
    offer = Enrolment.objects.get(group=group, person=first)
    assert offer.status == EnrolmentStatus.OFFERED
    # The time to answer and its end, in Amsterdam time.
    # Django keeps "2 days" together with a non-breaking space.
    assert "You have 2 days to answer" in message.body.replace("\xa0", " ")
    deadline = timezone.localtime(offer.offer_expires_at, AMSTERDAM)
    assert f"{deadline:%H:%M}" in message.body
    path = link_in(message, "/groepen/plek/")

    client.force_login(first)
    assert client.get(path).status_code == 200
    with sent():
        response = client.post(path)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == EnrolmentStatus.ENROLLED
    assert mails_to(first)[-1].subject == "Waakvlam: You are signed up for Spaarkring Noord"


def test_an_expired_offer_passes_on_and_both_people_hear_it(sent):
    group = GroupPageFactory(capacity=1)
    leaving = EnrolmentFactory(group=group)
    first, second = person(), person()
    with sent():
        offer_services.enrolment_create(group=group, person=first)
        offer_services.enrolment_create(group=group, person=second)
        offer_services.enrolment_cancel(enrolment=leaving)
    Enrolment.objects.filter(group=group, person=first).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    mail.outbox.clear()

    with sent():
        assert tasks.expire_offers() == 1

    assert Enrolment.objects.get(group=group, person=first).status == EnrolmentStatus.EXPIRED
    assert Enrolment.objects.get(group=group, person=second).status == EnrolmentStatus.OFFERED
    assert "has expired" in the_mail_to(first).subject
    assert "There is a place for you" in the_mail_to(second).subject
    link_in(the_mail_to(second), "/groepen/plek/")

    with sent():
        assert tasks.expire_offers() == 0
    assert len(mail.outbox) == 2


def test_an_offer_that_is_still_valid_stays(sent):
    group = GroupPageFactory(capacity=1)
    leaving = EnrolmentFactory(group=group)
    waiting = person()
    with sent():
        offer_services.enrolment_create(group=group, person=waiting)
        offer_services.enrolment_cancel(enrolment=leaving)
    mail.outbox.clear()

    with sent():
        assert tasks.expire_offers() == 0

    assert Enrolment.objects.get(person=waiting).status == EnrolmentStatus.OFFERED
    assert mail.outbox == []


# Reminders ----------------------------------------------------------------


def test_each_enrolled_person_is_reminded_once_of_tomorrows_meeting(sent):
    group = GroupPageFactory(directions="Bus 12 tot halte Dom.")
    meeting = MeetingFactory(group=group, starts_at=in_days(1, hour=10))
    enrolled = [EnrolmentFactory(group=group, person=person()).person for _ in range(2)]
    waiting = EnrolmentFactory(group=group, person=person(), status=EnrolmentStatus.WAITING)
    gone = EnrolmentFactory(group=group, person=person(), status=EnrolmentStatus.CANCELLED)
    no_address = EnrolmentFactory(
        group=group, person=UserFactory(email=f"x@{ANONYMISED_DOMAIN}")
    ).person
    cancelled = MeetingFactory(starts_at=in_days(1), status=MeetingStatus.CANCELLED)
    of_cancelled = EnrolmentFactory(group=cancelled.group, person=person()).person
    later = MeetingFactory(starts_at=in_days(2))
    of_later = EnrolmentFactory(group=later.group, person=person()).person

    with sent():
        assert tasks.send_meeting_reminders() == 2
    with sent():
        assert tasks.send_meeting_reminders() == 0

    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in enrolled)
    message = the_mail_to(enrolled[0])
    assert message.subject == f"Waakvlam: Tomorrow: {group.title}"
    assert "10:00" in message.body
    assert "Kerkstraat 1, 3511 AB Utrecht" in message.body
    assert "Bus 12 tot halte Dom." in message.body
    for somebody in (waiting.person, gone.person, no_address, of_cancelled, of_later):
        assert mails_to(somebody) == []
    assert set(MeetingReminder.objects.values_list("meeting", "person")) == {
        (meeting.pk, enrolled[0].pk),
        (meeting.pk, enrolled[1].pk),
    }


def test_tomorrow_is_a_day_in_amsterdam_also_when_the_clocks_change(sent):
    # 00:30 on Sunday 29 March 2026 in Amsterdam, still Saturday in UTC.
    now = datetime.datetime(2026, 3, 28, 23, 30, tzinfo=datetime.UTC)
    starts = {
        "today": local(2026, 3, 29, 10),
        "just after midnight": local(2026, 3, 30, 0, 30),
        "late in the evening": local(2026, 3, 30, 23, 30),
        "the day after": local(2026, 3, 31, 0, 30),
    }
    people = {}
    for when, starts_at in starts.items():
        meeting = MeetingFactory(starts_at=starts_at)
        people[when] = EnrolmentFactory(group=meeting.group, person=person()).person

    with sent():
        assert tasks.send_meeting_reminders(now=now) == 2

    reminded = {when for when, somebody in people.items() if mails_to(somebody)}
    assert reminded == {"just after midnight", "late in the evening"}


def test_a_reminder_already_recorded_by_another_worker_is_not_sent_again(sent):
    meeting = MeetingFactory(starts_at=in_days(1))
    somebody = EnrolmentFactory(group=meeting.group, person=person()).person
    # The other worker committed its row after this one made its list.
    MeetingReminder.objects.create(meeting=meeting, person=somebody)

    with sent():
        assert tasks._remind(meeting, somebody) is False

    assert mail.outbox == []
    assert MeetingReminder.objects.count() == 1


def test_the_jobs_are_scheduled():
    reminders = Schedule.objects.get(func="groups.tasks.send_meeting_reminders")
    assert reminders.schedule_type == Schedule.HOURLY
    assert reminders.repeats == -1
    offers = Schedule.objects.get(func="groups.tasks.expire_offers")
    assert (offers.schedule_type, offers.minutes) == (Schedule.MINUTES, 15)


# Moved and cancelled meetings ---------------------------------------------


def test_moving_a_meeting_tells_everyone_with_a_place_and_the_trainers(sent):
    trainer = person()
    group = GroupPageFactory(trainers=[trainer])
    meeting = MeetingFactory(group=group, starts_at=in_days(7))
    enrolled = EnrolmentFactory(group=group, person=person()).person
    waiting = EnrolmentFactory(group=group, person=person(), status=EnrolmentStatus.WAITING)
    new_start = in_days(8, hour=14)

    with sent():
        offer_services.meeting_move(
            meeting=meeting,
            starts_at=new_start,
            ends_at=new_start + datetime.timedelta(hours=2),
            location="Bibliotheek, Oudegracht 2",
        )

    assert sorted(m.to[0] for m in mail.outbox) == sorted([enrolled.email, trainer.email])
    assert mails_to(waiting.person) == []
    message = the_mail_to(enrolled)
    assert message.subject == f"Waakvlam: Meeting changed: {group.title}"
    assert "from 14:00 to 16:00" in message.body
    assert "Bibliotheek, Oudegracht 2" in message.body
    (event,) = calendar_attachment(message).events
    assert event["SEQUENCE"] == 1
    assert event.start == new_start


def test_moving_a_meeting_to_the_same_time_sends_nothing(sent):
    meeting = MeetingFactory()
    EnrolmentFactory(group=meeting.group)

    with sent():
        offer_services.meeting_move(
            meeting=meeting, starts_at=meeting.starts_at, ends_at=meeting.ends_at
        )

    assert mail.outbox == []


def test_cancelling_a_meeting_tells_everyone_enrolled(sent):
    meeting = MeetingFactory(starts_at=local(2030, 10, 24, 19))
    enrolled = [EnrolmentFactory(group=meeting.group, person=person()).person for _ in range(2)]
    EnrolmentFactory(group=meeting.group, status=EnrolmentStatus.CANCELLED)

    with sent():
        offer_services.meeting_cancel(meeting=meeting)
    with sent():
        offer_services.meeting_cancel(meeting=meeting)  # twice: told once

    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in enrolled)
    message = the_mail_to(enrolled[0])
    assert message.subject == f"Waakvlam: Meeting cancelled: {meeting.group.title}"
    assert "on Thursday 24 October at 19:00 does not take place" in message.body
    (event,) = calendar_attachment(message).events
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1


# After the commit, and only to real addresses ------------------------------


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    group = GroupPageFactory()
    MeetingFactory(group=group)
    fatima = person()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        offer_services.enrolment_create(group=group, person=fatima)
        raise RuntimeError("something went wrong after the enrolment")

    assert callbacks == []
    assert mail.outbox == []
    assert not Enrolment.objects.filter(person=fatima).exists()


def test_nothing_is_sent_to_addresses_under_invalid(sent):
    trainer = person()
    group = GroupPageFactory()
    meeting = MeetingFactory(group=group, starts_at=in_days(1))
    anonymised = EnrolmentFactory(
        group=group, person=UserFactory(email=f"x@{ANONYMISED_DOMAIN}")
    ).person

    with sent():
        # Signed up by a volunteer without an e-mail address.
        enrolment = offer_services.assisted_enrolment_create(
            group=group, full_name="Kees Klaassen", phone="06 12345678", by=trainer
        )
        offer_services.meeting_move(
            meeting=meeting,
            starts_at=meeting.starts_at + datetime.timedelta(hours=1),
            ends_at=meeting.ends_at + datetime.timedelta(hours=1),
        )
        tasks.send_meeting_reminders()

    assert enrolment.person.email.endswith(".invalid")
    assert anonymised.email.endswith(".invalid")
    assert mail.outbox == []
