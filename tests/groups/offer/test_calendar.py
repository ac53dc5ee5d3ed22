"""The iCalendar feeds: right times across daylight saving, stable UIDs,
SEQUENCE and STATUS for changes, and private feeds only for their owner."""

import datetime
import secrets
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from groups.models import CalendarToken, EnrolmentStatus
from groups.offer import services as offer_services
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory
from tests.helpers import nl

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC


def public_feed_url(group):
    return f"{group.url}agenda.ics"


def personal_feed_url(user):
    token = offer_services.calendar_token_for(user=user)
    return reverse("groups:personal_feed", kwargs={"token": token.token})


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content


def unfolded(raw):
    """Long lines are folded at 75 octets; a name could hide across a fold."""
    return raw.replace(b"\r\n ", b"").decode()


def events_of(raw):
    return list(Calendar.from_ical(raw).events)


def uids(raw):
    return sorted(str(event["UID"]) for event in events_of(raw))


def the_event(raw):
    (event,) = events_of(raw)
    return event


def in_a_week(hour=19):
    day = timezone.localdate() + datetime.timedelta(days=7)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMSTERDAM)


# The public feed ----------------------------------------------------------


def test_public_feed_has_the_timezone_and_one_event_per_meeting(client):
    group = GroupPageFactory()
    meetings = [
        MeetingFactory(group=group, starts_at=in_a_week() + datetime.timedelta(weeks=n))
        for n in range(3)
    ]
    MeetingFactory()  # another group's meeting stays out

    raw = fetch(client, public_feed_url(group))
    calendar = Calendar.from_ical(raw)

    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert uids(raw) == sorted(f"{meeting.uid}@waakvlam" for meeting in meetings)
    event = calendar.events[0]
    assert event.start.tzinfo.key == "Europe/Amsterdam"
    assert event.start == meetings[0].starts_at


def test_public_feed_carries_no_personal_data(client):
    trainer = UserFactory(full_name="Truus Trainer", email="truus@example.org")
    group = GroupPageFactory(trainers=[trainer])
    MeetingFactory(group=group, starts_at=in_a_week())
    people = [
        UserFactory(full_name="Fatima el Amrani", email="fatima@example.org"),
        UserFactory(full_name="Jan Jansen", email="jan.jansen@example.org"),
    ]
    EnrolmentFactory(group=group, person=people[0], enrolled_by=trainer)
    EnrolmentFactory(group=group, person=people[1], status=EnrolmentStatus.WAITING)

    raw = fetch(client, public_feed_url(group))

    text = unfolded(raw)
    for person in [trainer, *people]:
        assert person.full_name not in text
        assert person.email not in text
        assert person.email.split("@")[0] not in text
    for event in events_of(raw):
        assert "ATTENDEE" not in event
        assert "ORGANIZER" not in event


def test_meetings_across_the_change_to_winter_time_keep_their_local_time(client):
    group = GroupPageFactory()
    # Thursdays at 19:00; the clocks go back on Sunday 25 October 2026.
    meetings = offer_services.meeting_series_create(
        group=group,
        first_date=datetime.date(2026, 10, 22),
        start_time=datetime.time(19),
        end_time=datetime.time(21),
        frequency="weekly",
        until=datetime.date(2026, 11, 5),
    )
    assert [m.starts_at.astimezone(UTC).hour for m in meetings] == [17, 18, 18]

    raw = fetch(client, public_feed_url(group))

    events = sorted(events_of(raw), key=lambda event: event.start)
    assert [event.start.date() for event in events] == [
        datetime.date(2026, 10, 22),
        datetime.date(2026, 10, 29),
        datetime.date(2026, 11, 5),
    ]
    assert [(event.start.hour, event.end.hour) for event in events] == [(19, 21)] * 3
    assert [event.start.astimezone(UTC).hour for event in events] == [17, 18, 18]
    # Written as local time with its zone, not as UTC, so calendars follow
    # the rules in the VTIMEZONE.
    text = unfolded(raw)
    assert "DTSTART;TZID=Europe/Amsterdam:20261022T190000" in text
    assert "DTSTART;TZID=Europe/Amsterdam:20261029T190000" in text
    (zone,) = Calendar.from_ical(raw).walk("VTIMEZONE")
    assert {part.name for part in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_uids_are_stable_across_requests(client):
    group = GroupPageFactory()
    MeetingFactory(group=group)
    MeetingFactory(group=group, starts_at=in_a_week(hour=10))

    first = fetch(client, public_feed_url(group))
    second = fetch(client, public_feed_url(group))

    assert uids(first) == uids(second)
    assert len(set(uids(first))) == 2


def test_moving_a_meeting_raises_its_sequence_and_keeps_its_uid(client):
    meeting = MeetingFactory(starts_at=in_a_week())
    before = the_event(fetch(client, public_feed_url(meeting.group)))

    offer_services.meeting_move(
        meeting=meeting,
        starts_at=meeting.starts_at + datetime.timedelta(days=1),
        ends_at=meeting.ends_at + datetime.timedelta(days=1),
    )
    after = the_event(fetch(client, public_feed_url(meeting.group)))

    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.start == before.start + datetime.timedelta(days=1)


def test_cancelling_a_meeting_gives_status_cancelled(client):
    meeting = MeetingFactory(starts_at=in_a_week())
    before = the_event(fetch(client, public_feed_url(meeting.group)))
    assert before["STATUS"] == "CONFIRMED"

    offer_services.meeting_cancel(meeting=meeting)
    after = the_event(fetch(client, public_feed_url(meeting.group)))

    assert after["STATUS"] == "CANCELLED"
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]


# The personal feed --------------------------------------------------------


def test_personal_feed_shows_only_the_owners_groups(client):
    owner, other = UserFactory(), UserFactory()
    enrolled = MeetingFactory(starts_at=in_a_week())
    EnrolmentFactory(group=enrolled.group, person=owner)
    led = MeetingFactory(group=GroupPageFactory(trainers=[owner]), starts_at=in_a_week(10))
    waiting = MeetingFactory()
    EnrolmentFactory(group=waiting.group, person=owner, status=EnrolmentStatus.WAITING)
    cancelled = MeetingFactory()
    EnrolmentFactory(group=cancelled.group, person=owner, status=EnrolmentStatus.CANCELLED)
    someone_elses = MeetingFactory()
    EnrolmentFactory(group=someone_elses.group, person=other)
    # Groups where the owner waits or left, while someone else has a place:
    # status and person must be checked on the same enrolment.
    EnrolmentFactory(group=waiting.group, person=other)
    EnrolmentFactory(group=cancelled.group, person=other)
    EnrolmentFactory(group=enrolled.group, person=other)

    raw = fetch(client, personal_feed_url(owner))

    assert uids(raw) == sorted(f"{m.uid}@waakvlam" for m in [enrolled, led])
    text = unfolded(raw)
    assert other.email not in text
    assert other.full_name not in text
    assert uids(fetch(client, personal_feed_url(other))) == sorted(
        f"{m.uid}@waakvlam" for m in [enrolled, waiting, cancelled, someone_elses]
    )


def test_a_renewed_link_replaces_the_old_one(client):
    user = UserFactory()
    MeetingFactory(group=GroupPageFactory(trainers=[user]))
    old_url = personal_feed_url(user)
    fetch(client, old_url)

    offer_services.calendar_token_renew(user=user)
    new_url = personal_feed_url(user)

    assert new_url != old_url
    assert client.get(old_url).status_code == 404
    assert len(events_of(fetch(client, new_url))) == 1


def test_renewing_through_my_waakvlam_revokes_the_old_link(client):
    user = UserFactory()
    old_url = personal_feed_url(user)
    client.force_login(user)

    response = client.post(reverse("groups:feed_renew"))

    assert response.status_code == 302
    assert client.get(old_url).status_code == 404
    assert client.get(personal_feed_url(user)).status_code == 200
    assert client.get(reverse("groups:feed_renew")).status_code == 405


def test_an_unknown_token_is_not_found(client):
    UserFactory()
    url = reverse("groups:personal_feed", kwargs={"token": secrets.token_urlsafe(32)})
    assert client.get(url).status_code == 404


def test_tokens_are_random_and_at_least_128_bits():
    tokens = [offer_services.calendar_token_for(user=UserFactory()).token for _ in range(3)]
    # token_urlsafe(32): 32 random bytes, 43 characters; 128 bits need 22.
    assert all(len(token) >= len(secrets.token_urlsafe(32)) for token in tokens)
    assert len(set(tokens)) == 3
    assert CalendarToken._meta.get_field("token").max_length >= 43


# Query counts -------------------------------------------------------------


PUBLIC_FEED_QUERIES = 4
PERSONAL_FEED_QUERIES = 2


def test_public_feed_queries_do_not_grow_with_the_meetings(client, django_assert_max_num_queries):
    group = GroupPageFactory()
    for n in range(2):
        MeetingFactory(group=group, starts_at=in_a_week() + datetime.timedelta(weeks=n))
    url = public_feed_url(group)
    fetch(client, url)  # Wagtail's site root paths are cached on first use.
    with django_assert_max_num_queries(PUBLIC_FEED_QUERIES):
        fetch(client, url)

    for n in range(2, 20):
        MeetingFactory(group=group, starts_at=in_a_week() + datetime.timedelta(weeks=n))
    with django_assert_max_num_queries(PUBLIC_FEED_QUERIES):
        assert len(events_of(fetch(client, url))) == 20


def test_personal_feed_queries_do_not_grow_with_the_groups(client, django_assert_max_num_queries):
    user = UserFactory()

    def add_groups(count):
        for _ in range(count):
            meeting = MeetingFactory(starts_at=in_a_week())
            EnrolmentFactory(group=meeting.group, person=user)
            MeetingFactory(group=GroupPageFactory(trainers=[user]), starts_at=in_a_week(10))

    add_groups(1)
    url = personal_feed_url(user)
    fetch(client, url)
    with django_assert_max_num_queries(PERSONAL_FEED_QUERIES):
        fetch(client, url)

    add_groups(9)
    with django_assert_max_num_queries(PERSONAL_FEED_QUERIES):
        assert len(events_of(fetch(client, url))) == 20


def test_my_waakvlam_offers_the_calendar_as_a_subscription_a_link_to_copy_and_help(client):
    user = EnrolmentFactory().person
    client.force_login(user)
    response = client.get(reverse("people:my"))
    page = response.content.decode()
    path = personal_feed_url(user)
    # One tap: phones and Outlook open a webcal: link as a subscription.
    assert f'href="webcal://testserver{path}"' in page
    assert nl("Put in my calendar") in page
    # The same address to copy (the button appears only with JavaScript).
    assert f'value="http://testserver{path}"' in page
    assert "data-copy-button" in page and "js/copy.js" in page
    for platform in ("an iPhone", "Android", "Outlook"):
        assert nl(f"How do I do that {'in' if platform == 'Outlook' else 'on'} {platform}?") in page
    # The group's own .ics download stays on its page.
    group = user.enrolments.get().group
    assert f"{group.url}agenda.ics" in client.get(group.url).content.decode()
