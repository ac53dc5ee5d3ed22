"""Calendars after a closure or a pause: a meeting that no longer takes
place stays in the public and the personal feed with STATUS:CANCELLED, the
same UID and a higher SEQUENCE, so subscribed calendars update it; dates a
series skipped never appear. Read with icalendar and, independently, with
plain Python following RFC 5545 (unfold, split properties)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from groups.offer import services as offer_services
from groups.offer.closures import services as closure_services
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory

from .factories import ClosureFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(days, hour=19):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMSTERDAM)


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def by_icalendar(raw):
    """{uid: (status, sequence, description)} as icalendar reads it."""
    return {
        str(event["UID"]): (str(event["STATUS"]), int(event["SEQUENCE"]), str(event["DESCRIPTION"]))
        for event in Calendar.from_ical(raw).events
    }


def by_plain_python(raw):
    """The same, read without a library: unfold the lines (RFC 5545 3.1),
    then take the properties of each VEVENT."""
    lines = re.sub(r"\r\n[ \t]", "", raw.decode()).split("\r\n")
    events, current = {}, None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            description = current["DESCRIPTION"].replace("\\n", "\n").replace("\\,", ",")
            events[current["UID"]] = (current["STATUS"], int(current["SEQUENCE"]), description)
            current = None
        elif current is not None and ":" in line:
            name, value = line.split(":", 1)
            current[name.split(";", 1)[0]] = value
    return events


def read(raw):
    events = by_icalendar(raw)
    assert by_plain_python(raw) == events
    return events


def test_meetings_cancelled_for_a_closure_stay_in_both_feeds_as_cancelled(client):
    group = GroupPageFactory()
    person = EnrolmentFactory(group=group).person
    inside = MeetingFactory(group=group, starts_at=at(20))
    outside = MeetingFactory(group=group, starts_at=at(27))
    public = f"{group.url}agenda.ics"
    token = offer_services.calendar_token_for(user=person)
    personal = reverse("groups:personal_feed", kwargs={"token": token.token})
    before = read(fetch(client, public))
    assert before[f"{inside.uid}@waakvlam"][:2] == ("CONFIRMED", 0)

    closure = ClosureFactory(
        organisation=group.organisation,
        name="Herfstvakantie",
        first_day=at(18).date(),
        last_day=at(22).date(),
    )
    closure_services.closure_cancel_meetings(closure=closure)

    for url in (public, personal):
        after = read(fetch(client, url))
        status, sequence, description = after[f"{inside.uid}@waakvlam"]
        assert (status, sequence) == ("CANCELLED", 1)
        assert description.startswith("Herfstvakantie")
        assert after[f"{outside.uid}@waakvlam"][:2] == ("CONFIRMED", 0)
        assert set(after) == set(before)


def test_a_paused_groups_coming_meetings_are_cancelled_in_the_feed(client):
    group = GroupPageFactory()
    meetings = [MeetingFactory(group=group, starts_at=at(days)) for days in (3, 10)]
    closure_services.group_pause(group=group, by=None, reason="De zaal wordt verbouwd.")
    events = read(fetch(client, f"{group.url}agenda.ics"))
    for meeting in meetings:
        status, sequence, description = events[f"{meeting.uid}@waakvlam"]
        assert (status, sequence) == ("CANCELLED", 1)
        assert "De zaal wordt verbouwd." in description


def test_dates_a_series_skipped_are_not_in_the_feed(client):
    group = GroupPageFactory()
    first = at(7).date()
    ClosureFactory(
        organisation=group.organisation,
        first_day=first + datetime.timedelta(days=7),
        last_day=first + datetime.timedelta(days=7),
    )
    offer_services.meeting_series_create(
        group=group,
        first_date=first,
        start_time=datetime.time(19),
        end_time=datetime.time(21),
        frequency="weekly",
        count=3,
    )
    raw = fetch(client, f"{group.url}agenda.ics")
    starts = sorted(
        event.start.astimezone(AMSTERDAM).date() for event in Calendar.from_ical(raw).events
    )
    week = datetime.timedelta(days=7)
    assert starts == [first, first + 2 * week, first + 3 * week]
    assert len(read(raw)) == 3
