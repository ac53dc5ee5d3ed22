"""Writes of attendance: saving a meeting's attendance, and the attention
signals that follow from it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import User

from ..offer.pages import GroupPage
from ..offer.selectors import member_ids
from . import notifications
from .models import (
    RECORDED_CLOSING,
    Attendance,
    AttendanceStatus,
    AttentionSignal,
    SignalKind,
    SignalOutcome,
)
from .signals import attendance_recorded
from .streaks import streaks


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


def _wanted(streak):
    """(kind, count) of the signal `streak` calls for, or None."""
    if streak.absent >= settings.ATTENTION_MISSED_IN_A_ROW:
        return SignalKind.UNANNOUNCED, streak.absent
    if streak.excused >= settings.ATTENTION_EXCUSED_IN_A_ROW:
        return SignalKind.ANNOUNCED, streak.excused
    return None


def _outcomes_recorded(group):
    """{person id: when someone last closed their signal with an outcome}."""
    rows = (
        AttentionSignal.objects.filter(group=group, outcome__in=RECORDED_CLOSING)
        .values("person_id")
        .annotate(last=Max("closed_at"))
        .values_list("person_id", "last")
    )
    return dict(rows)


def signals_update(*, group):
    """Open an attention signal for everyone enrolled whose streak (see
    streaks) reaches a threshold, and close it when they come again.
    Unannounced absences raise the signal and mail the trainers once (also
    when a softer signal turns into one); announced absences raise the
    softer signal, shown but not mailed. A signal someone closed with an
    outcome stays closed; a new streak after it raises a new one. A fixed
    number of queries, however many people."""
    enrolled = member_ids(group)
    open_signals = {
        signal.person_id: signal for signal in AttentionSignal.objects.open().filter(group=group)
    }
    raised, changed, resolved, mailed = [], [], [], []
    for person_id, streak in streaks(group=group, since=_outcomes_recorded(group)).items():
        signal = open_signals.get(person_id)
        wanted = _wanted(streak) if person_id in enrolled else None
        if wanted is None:
            if signal is not None and person_id in enrolled:
                resolved.append(signal.pk)
            continue
        kind, count = wanted
        told_before = signal is not None and signal.kind == SignalKind.UNANNOUNCED
        if signal is None:
            signal = AttentionSignal(
                organisation_id=group.organisation_id,
                group=group,
                person_id=person_id,
                kind=kind,
                missed=count,
            )
            raised.append(signal)
        elif (signal.kind, signal.missed) != wanted:
            signal.kind, signal.missed = kind, count
            changed.append(signal)
        if kind == SignalKind.UNANNOUNCED and not told_before:
            mailed.append(signal)
    if resolved:
        # Coming again closes the signal with its own outcome.
        AttentionSignal.objects.filter(pk__in=resolved).update(
            closed_at=timezone.now(), outcome=SignalOutcome.RETURNED
        )
    if changed:
        AttentionSignal.objects.bulk_update(changed, ["kind", "missed"])
    if raised:
        AttentionSignal.objects.bulk_create(raised)
    if mailed:
        # The mails need each person and the trainers: one query each.
        people = User.objects.in_bulk([signal.person_id for signal in mailed])
        prefetch_related_objects([group], "trainers")
        for signal in mailed:
            signal.person = people[signal.person_id]
            notifications.attention_needed(signal)


def signals_close_for(*, enrolment):
    """Someone who left a group is no longer "slipping away" from it."""
    AttentionSignal.objects.open().filter(
        group_id=enrolment.group_id, person_id=enrolment.person_id
    ).update(closed_at=enrolment.cancelled_at, outcome=SignalOutcome.LEFT)
