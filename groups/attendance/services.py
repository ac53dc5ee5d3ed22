"""Writes of attendance: saving a meeting's attendance, and the attention
signals that follow from it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import User

from ..offer.pages import GroupPage
from ..offer.selectors import member_ids
from . import notifications
from .models import Attendance, AttendanceStatus, AttentionSignal
from .selectors import missed_in_a_row
from .signals import attendance_recorded


@transaction.atomic
def attendance_record(*, meeting, statuses, by):
    """Save attendance for a meeting: `statuses` maps person id to a status.

    One row per person and meeting, however often or by how many trainers
    at once it is saved (an upsert on the unique constraint). Refuses the
    whole save, changing nothing, when a status or person is not valid."""
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting was cancelled."))
    if not meeting.day_has_come():
        raise ValidationError(_("Attendance can be registered from the day of the meeting."))
    # Two trainers saving at once: the second waits, so attention signals
    # are raised once.
    GroupPage.objects.select_for_update().get(pk=meeting.group_id)
    valid_people = member_ids(meeting.group)
    rows = []
    now = timezone.now()
    for person_id, status in statuses.items():
        if status not in AttendanceStatus.values:
            raise ValidationError(_("Choose present, late, excused or absent."))
        if person_id not in valid_people:
            raise ValidationError(_("This person is not signed up for this group."))
        rows.append(
            Attendance(
                meeting=meeting, person_id=person_id, status=status, recorded_by=by, recorded_at=now
            )
        )
    Attendance.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["meeting", "person"],
        update_fields=["status", "recorded_by", "recorded_at"],
    )
    signals_update(group=meeting.group)
    transaction.on_commit(
        lambda: attendance_recorded.send(sender=Attendance, meeting=meeting, by=by)
    )
    return rows


def signals_update(*, group):
    """Open an attention signal (and mail the trainers once) for everyone
    enrolled who missed ATTENTION_MISSED_IN_A_ROW meetings in a row; close it
    when they come again. A fixed number of queries, however many people."""
    threshold = settings.ATTENTION_MISSED_IN_A_ROW
    streaks = missed_in_a_row(group=group)
    enrolled = member_ids(group)
    open_signals = {
        signal.person_id: signal
        for signal in AttentionSignal.objects.filter(group=group, resolved_at__isnull=True)
    }
    raised, changed, resolved = [], [], []
    for person_id, streak in streaks.items():
        signal = open_signals.get(person_id)
        if streak >= threshold and person_id in enrolled:
            if signal is None:
                raised.append(AttentionSignal(group=group, person_id=person_id, missed=streak))
            elif signal.missed != streak:
                signal.missed = streak
                changed.append(signal)
        elif signal is not None and streak < threshold:
            resolved.append(signal.pk)
    if resolved:
        AttentionSignal.objects.filter(pk__in=resolved).update(resolved_at=timezone.now())
    if changed:
        AttentionSignal.objects.bulk_update(changed, ["missed"])
    if raised:
        AttentionSignal.objects.bulk_create(raised)
        # The mails need each person and the trainers: one query each.
        people = User.objects.in_bulk([signal.person_id for signal in raised])
        prefetch_related_objects([group], "trainers")
        for signal in raised:
            signal.person = people[signal.person_id]
            notifications.attention_needed(signal)


def signals_close_for(*, enrolment):
    """Someone who left a group is no longer "slipping away" from it."""
    AttentionSignal.objects.filter(
        group_id=enrolment.group_id, person_id=enrolment.person_id, resolved_at__isnull=True
    ).update(resolved_at=enrolment.cancelled_at)
