"""The groups part of a person's data download and of anonymisation (AVG)."""

from .models import (
    Attendance,
    CalendarToken,
    Enrolment,
    SavingsEntry,
    SavingsGoal,
)


def export_group_data(user):
    return {
        "sign_ups": [
            {
                "group": enrolment.group.title,
                "status": enrolment.status,
                "signed_up_at": enrolment.created_at.isoformat(),
                "cancelled_at": enrolment.cancelled_at.isoformat()
                if enrolment.cancelled_at
                else None,
            }
            for enrolment in Enrolment.objects.filter(person=user).select_related("group")
        ],
        "attendance": [
            {
                "group": row.meeting.group.title,
                "meeting": row.meeting.starts_at.isoformat(),
                "status": row.status,
            }
            for row in Attendance.objects.filter(person=user).select_related("meeting__group")
        ],
        "savings_goals": [
            {
                "group": goal.circle.group.title,
                "saving_for": goal.purpose,
                "target": str(goal.target_amount),
            }
            for goal in SavingsGoal.objects.filter(person=user).select_related("circle__group")
        ],
        "savings_entries": [
            {
                "group": entry.circle.group.title,
                "kind": entry.kind,
                "amount": str(entry.amount),
                "recorded_at": entry.recorded_at.isoformat(),
                "note": entry.note,
            }
            for entry in SavingsEntry.objects.filter(person=user).select_related("circle__group")
        ],
    }


def erase_group_data(user):
    """Keep the records that make attendance and the ledger add up, but
    remove the free text that could say who someone is, and the calendar
    links."""
    SavingsGoal.objects.filter(person=user).update(purpose="")
    SavingsEntry.objects.filter(person=user).update(note="")
    CalendarToken.objects.filter(user=user).delete()
