"""The courses part of a person's data download (AVG)."""

from .models import Completion


def export_completions(user):
    return {
        "certificates": [
            {
                "course": completion.group.title,
                "organisation": completion.group.organisation.name,
                "from": completion.first_date.isoformat(),
                "until": completion.last_date.isoformat(),
                "meetings_attended": completion.attended,
                "meetings_held": completion.meetings,
                "completed_at": completion.completed_at.isoformat(),
            }
            for completion in Completion.objects.filter(person=user)
            .select_related("group__organisation")
            .order_by("completed_at")
        ]
    }
