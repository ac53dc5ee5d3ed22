"""iCalendar (RFC 5545) files of meetings, with icalendar 7.

Times are written in Europe/Amsterdam with its VTIMEZONE, so a calendar
keeps meetings right across daylight-saving changes. UIDs are stable per
meeting; SEQUENCE rises with every move or cancellation.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Waakvlam//Bijeenkomsten//NL"


def _description(meeting):
    """A cancelled meeting says why (a closure, a pause) before the intro."""
    if meeting.is_cancelled and meeting.cancel_reason:
        return f"{meeting.cancel_reason}\n\n{meeting.group.intro}"
    return meeting.group.intro


def build_calendar(meetings, *, name, uid, url=""):
    """`uid` names the calendar itself; it must stay the same between
    fetches of one feed."""
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar.new(prodid=PRODID, name=name, uid=uid)
    first = last = None
    for meeting in meetings:
        start = meeting.starts_at.astimezone(zone)
        end = meeting.ends_at.astimezone(zone)
        group = meeting.group
        summary = group.title if not meeting.topic else f"{group.title}: {meeting.topic}"
        event = Event.new(
            uid=f"{meeting.uid}@waakvlam",
            summary=summary,
            start=start,
            end=end,
            stamp=meeting.updated_at or timezone.now(),
            sequence=meeting.sequence,
            location=meeting.where or None,
            description=_description(meeting),
            status="CANCELLED" if meeting.is_cancelled else "CONFIRMED",
            url=f"{settings.SITE_URL}{url or group.url}" if (url or group.url) else None,
        )
        calendar.add_component(event)
        first = min(first, start.date()) if first else start.date()
        last = max(last, end.date()) if last else end.date()
    if first:
        # Only the years the meetings need, not 1970–2038: a small file.
        calendar.add_missing_timezones(
            first_date=datetime.date(first.year, 1, 1), last_date=datetime.date(last.year + 1, 1, 1)
        )
    return calendar.to_ical()
