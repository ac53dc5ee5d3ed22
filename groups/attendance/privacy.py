"""Attendance's part of a person's data download (AVG). Attendance rows stay
on anonymisation: they hold no name, and the reports must add up. Absences
announced ahead are removed: what counts afterwards is in the attendance.
The notes written about a person after an attention signal are erased."""

from .models import AbsenceNotice, Attendance, AttentionSignal


def export_attendance(user):
    return {
        "attendance": [
            {
                "group": row.meeting.group.title,
                "meeting": row.meeting.starts_at.isoformat(),
                "status": row.status,
            }
            for row in Attendance.objects.filter(person=user).select_related("meeting__group")
        ]
    }


def _iso(moment):
    return moment.isoformat() if moment else None


def export_attention_signals(user):
    """The signals raised because the person missed meetings in a row (or,
    without a group, by aftercare), with what happened afterwards and the
    note written about it."""
    signals = AttentionSignal.objects.filter(person=user).select_related("group")
    return {
        "attention_signals": [
            {
                "group": signal.place_label,
                "kind": signal.kind,
                "meetings_missed": signal.missed,
                "raised_at": signal.raised_at.isoformat(),
                "closed_at": _iso(signal.closed_at),
                "outcome": signal.outcome,
                "note": signal.note,
                "not_reached_at": _iso(signal.unreached_at),
                "sent_to_coordinators_at": _iso(signal.escalated_at),
            }
            for signal in signals.order_by("raised_at")
        ]
    }


def export_absence_notices(user):
    """The meetings the person said ahead they could not come to, and how."""
    notices = AbsenceNotice.objects.filter(person=user).select_related("meeting__group")
    return {
        "announced_absences": [
            {
                "group": notice.meeting.group.title,
                "meeting": notice.meeting.starts_at.isoformat(),
                "announced": notice.channel,
                "recorded_at": notice.recorded_at.isoformat(),
                "taken_back_at": notice.withdrawn_at.isoformat() if notice.withdrawn_at else None,
            }
            for notice in notices.order_by("recorded_at", "pk")
        ]
    }


def erase_absence_notices(user):
    AbsenceNotice.objects.filter(person=user).delete()


def erase_attention_notes(user):
    """The notes about the person go; that a signal was there and how it
    ended stay, without a name, for the organisation's overview."""
    AttentionSignal.objects.filter(person=user).exclude(note="").update(note="")
