"""Attendance's part of a person's data download (AVG). Attendance rows stay
on anonymisation: they hold no name, and the reports must add up."""

from .models import Attendance, AttentionSignal


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


def export_attention_signals(user):
    """The signals raised because the person missed meetings in a row."""
    signals = AttentionSignal.objects.filter(person=user).select_related("group")
    return {
        "attention_signals": [
            {
                "group": signal.group.title,
                "meetings_missed": signal.missed,
                "raised_at": signal.raised_at.isoformat(),
                "resolved_at": signal.resolved_at.isoformat() if signal.resolved_at else None,
            }
            for signal in signals.order_by("raised_at")
        ]
    }
