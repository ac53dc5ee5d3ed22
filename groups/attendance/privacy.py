"""Attendance's part of a person's data download (AVG). Attendance rows stay
on anonymisation: they hold no name, and the reports must add up."""

from .models import Attendance


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
