"""Meetings one by one and as a series: every week, every two weeks or
monthly on the same weekday, leaving out given dates and the days of the
organisation's closures. Re-exported by groups.offer.services."""

import datetime
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .closures.models import ClosureCalendar
from .models import Meeting


@transaction.atomic
def meeting_create(*, group, starts_at, ends_at, topic="", location=""):
    meeting = Meeting(
        group=group, starts_at=starts_at, ends_at=ends_at, topic=topic, location=location
    )
    meeting.full_clean()
    meeting.save()
    return meeting


FREQUENCIES = {"weekly": 1, "biweekly": 2}


def series_dates(
    *, first_date, frequency, count=None, until=None, skip=(), closed=None, after=None
):
    """Dates of a series on the weekday of `first_date`: every week, every
    two weeks, or monthly on the same weekday (the first Tuesday, ...).
    Days in `skip`, days for which `closed(day)` is true and days up to
    `after` are left out and do not count."""
    if not count and not until:
        raise ValidationError(_("Give a number of meetings or an end date."))
    if until and until < first_date:
        raise ValidationError(_("The series cannot end before it starts."))
    dates = []
    # Ten years of weekly meetings is more than any group plans.
    for index in range(520):
        if count and len(dates) >= count:
            break
        if frequency == "monthly":
            day = _nth_weekday_of_month(first_date, index)
        else:
            day = first_date + timedelta(weeks=FREQUENCIES[frequency] * index)
        if day is not None and until and day > until:
            break
        if day is None or day in skip or (after and day <= after):
            continue
        if closed is None or not closed(day):
            dates.append(day)
    return dates


def series_plan(*, group, first_date, frequency, count=None, until=None, skip=(), after=None):
    """(dates, skipped): the series' dates without the organisation's
    closures, and [(day, closure)] for each date a closure took out."""
    closures = ClosureCalendar(group.organisation_id, first_date)
    skipped = []

    def closed(day):
        closure = closures.covering(day)
        if closure is not None:
            skipped.append((day, closure))
        return closure is not None

    dates = series_dates(
        first_date=first_date,
        frequency=frequency,
        count=count,
        until=until,
        skip=set(skip),
        closed=closed,
        after=after,
    )
    return dates, skipped


def _nth_weekday_of_month(first_date, months_later):
    """The same weekday, in the same week of the month, `months_later` on."""
    month_index = first_date.month - 1 + months_later
    year, month = first_date.year + month_index // 12, month_index % 12 + 1
    nth = (first_date.day - 1) // 7
    first_of_month = datetime.date(year, month, 1)
    offset = (first_date.weekday() - first_of_month.weekday()) % 7
    day = first_of_month + timedelta(days=offset + 7 * nth)
    return day if day.month == month else None


@transaction.atomic
def meeting_series_create(
    *,
    group,
    first_date,
    start_time,
    end_time,
    frequency,
    count=None,
    until=None,
    skip=(),
    topic="",
    after=None,
):
    """The meetings of a series; days in a closure of the group's
    organisation are skipped (series_plan)."""
    if end_time <= start_time:
        raise ValidationError(_("A meeting must end after it starts."))
    dates, _skipped = series_plan(
        group=group,
        first_date=first_date,
        frequency=frequency,
        count=count,
        until=until,
        skip=skip,
        after=after,
    )
    return _meetings_on(group, dates, start_time, end_time, topic)


def _meetings_on(group, dates, start_time, end_time, topic):
    zone = timezone.get_default_timezone()
    meetings = []
    for day in dates:
        meetings.append(
            meeting_create(
                group=group,
                starts_at=datetime.datetime.combine(day, start_time, tzinfo=zone),
                ends_at=datetime.datetime.combine(day, end_time, tzinfo=zone),
                topic=topic,
            )
        )
    return meetings
