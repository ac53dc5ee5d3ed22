"""Reads of attendance: the rows of a meeting's attendance page, streaks of
missed meetings, and what a trainer still has to do. A fixed number of
queries whatever the number of people or meetings."""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..offer.models import Enrolment, EnrolmentStatus, Meeting
from .models import (
    AbsenceChannel,
    AbsenceNotice,
    Attendance,
    AttendanceStatus,
    AttentionSignal,
    SignalKind,
)

# Unregistered meetings older than this are left out of "My Waakvlam":
# after two months nobody remembers who was there.
UNREGISTERED_WINDOW = timedelta(weeks=8)


@dataclass
class PersonRow:
    """One person on the page: what was saved, and what the form shows."""

    person: object
    saved: Attendance | None
    chosen: str
    signal: AttentionSignal | None
    # Said in advance that they cannot come ("met bericht afwezig").
    notice: AbsenceNotice | None = None
    # Beside a name that looks like another one ("Fatima", "Fatima de Vries").
    hint: str = ""

    @property
    def saved_text(self):
        return saved_text(self.saved)

    @property
    def attention_text(self):
        return attention_text(self.signal)

    @property
    def notice_text(self):
        return notice_text(self.notice)


def saved_text(attendance):
    """ "Saved by Henk, 19:42"; the date too when it was another day."""
    if attendance is None:
        return _("Not saved yet")
    at = timezone.localtime(attendance.recorded_at)
    when = date_format(at, "H:i" if at.date() == timezone.localdate() else "j F, H:i")
    if attendance.recorded_by is None:  # the recorder's account was deleted
        return _("Saved, %(time)s") % {"time": when}
    return _("Saved by %(name)s, %(time)s") % {
        "name": attendance.recorded_by.get_short_name(),
        "time": when,
    }


def attention_text(signal):
    if signal is None:
        return ""
    if signal.kind == SignalKind.AFTERCARE_CONCERNS:
        return _("Concerns at a contact moment")
    if signal.kind == SignalKind.AFTERCARE_UNREACHED:
        return ngettext(
            "Not reached %(counter)s time in a row",
            "Not reached %(counter)s times in a row",
            signal.missed,
        ) % {"counter": signal.missed}
    if signal.kind == SignalKind.ANNOUNCED:
        return ngettext(
            "Absent with notice %(counter)s time in a row",
            "Absent with notice %(counter)s times in a row",
            signal.missed,
        ) % {"counter": signal.missed}
    return ngettext(
        "Missed %(counter)s meeting in a row",
        "Missed %(counter)s meetings in a row",
        signal.missed,
    ) % {"counter": signal.missed}


def notice_text(notice):
    """ "Said they cannot come: herself, on My Waakvlam, 2 December 18:03"."""
    if notice is None:
        return ""
    when = date_format(timezone.localtime(notice.recorded_at), "j F, H:i")
    if notice.channel == AbsenceChannel.TRAINER:
        name = notice.recorded_by.get_short_name() if notice.recorded_by else ""
        return _("Cannot come: told %(name)s, %(time)s") % {"name": name, "time": when}
    how = notice.get_channel_display()
    return _("Cannot come: said so %(how)s, %(time)s") % {"how": how, "time": when}


def standing_notices(meeting_ids):
    """{(meeting id, person id): notice} of absences announced for these
    meetings and not taken back: one query."""
    notices = AbsenceNotice.objects.standing().filter(meeting_id__in=meeting_ids)
    return {
        (notice.meeting_id, notice.person_id): notice
        for notice in notices.select_related("recorded_by")
    }


def meeting_rows(meeting, chosen=None):
    """Everyone enrolled, by name, in four queries whatever their number.
    Who said they cannot come has "excused" chosen until something is
    saved for them."""
    enrolments = (
        Enrolment.objects.filter(group_id=meeting.group_id, status=EnrolmentStatus.ENROLLED)
        .select_related("person")
        .order_by("person__full_name", "person_id")
    )
    saved = {
        row.person_id: row
        for row in Attendance.objects.filter(meeting=meeting).select_related("recorded_by")
    }
    signals = {
        signal.person_id: signal
        for signal in AttentionSignal.objects.open().filter(group_id=meeting.group_id)
    }
    notices = standing_notices([meeting.pk])
    chosen = chosen or {}
    rows = []
    enrolments = list(enrolments)
    hints = look_alike_hints(enrolments)
    for enrolment in enrolments:
        person_id = enrolment.person_id
        attendance = saved.get(person_id)
        notice = notices.get((meeting.pk, person_id))
        default = attendance.status if attendance else (AttendanceStatus.EXCUSED if notice else "")
        rows.append(
            PersonRow(
                person=enrolment.person,
                saved=attendance,
                chosen=chosen.get(person_id) or default,
                signal=signals.get(person_id),
                notice=notice,
                hint=hints.get(person_id, ""),
            )
        )
    return rows


def _first_name(person):
    words = person.full_name.split()
    return words[0].casefold() if words else ""


def _hint(enrolment, with_date):
    digits = re.sub(r"\D", "", enrolment.person.phone)[-3:]
    signed_up = enrolment.created_at
    date = _("signed up %(date)s") % {"date": date_format(timezone.localtime(signed_up), "j F Y")}
    if not digits:
        return date
    phone = _("phone ends in %(digits)s") % {"digits": digits}
    return f"{phone}, {date}" if with_date else phone


def look_alike_hints(enrolments):
    """{person id: a short text telling them apart} for people whose first
    names are the same: the last digits of their phone number, and the day
    they signed up when those do not tell them apart either."""
    by_first_name = defaultdict(list)
    for enrolment in enrolments:
        by_first_name[_first_name(enrolment.person)].append(enrolment)
    hints = {}
    for group in by_first_name.values():
        if len(group) < 2:
            continue
        short = [_hint(enrolment, with_date=False) for enrolment in group]
        unclear = len(set(short)) < len(short)
        for enrolment in group:
            hints[enrolment.person_id] = _hint(enrolment, with_date=unclear)
    return hints


def unregistered_meetings(in_care, today_start):
    """Planned meetings of the groups `in_care` (a queryset of ids) that
    ended without any attendance, newest first."""
    return list(
        Meeting.objects.planned()
        .filter(
            group__in=in_care,
            ends_at__lt=today_start,
            starts_at__gte=today_start - UNREGISTERED_WINDOW,
        )
        .filter(~Exists(Attendance.objects.filter(meeting=OuterRef("pk"))))
        # Nobody enrolled: nothing to register, so it would never leave the list.
        .filter(Exists(_enrolled_in(OuterRef("group"))))
        .select_related("group")
        .order_by("-starts_at")
    )


def open_signals(in_care):
    """Open attention signals of people still signed up for the groups
    `in_care`, the longest absent first."""
    return list(
        AttentionSignal.objects.open()
        .filter(group__in=in_care)
        # Who left the group needs no call about it.
        .filter(Exists(_enrolled_in(OuterRef("group")).filter(person=OuterRef("person"))))
        .select_related("person", "group", "unreached_by")
        .order_by("-missed", "person__full_name", "pk")
    )


def _enrolled_in(group):
    return Enrolment.objects.filter(group=group, status=EnrolmentStatus.ENROLLED)


def my_announced(user):
    """Ids of the coming meetings `user` said they cannot come to: one query."""
    return set(
        AbsenceNotice.objects.standing()
        .filter(person=user, meeting__ends_at__gte=timezone.now())
        .values_list("meeting_id", flat=True)
    )


def announced_counts(meeting_ids):
    """{meeting id: number of people who said they cannot come}: one query."""
    rows = (
        AbsenceNotice.objects.standing()
        .filter(meeting_id__in=meeting_ids)
        .values("meeting_id")
        .annotate(count=Count("pk"))
        .values_list("meeting_id", "count")
    )
    return dict(rows)
