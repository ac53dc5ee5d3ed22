"""The savings part of a person's data download and of anonymisation (AVG):
the ledger keeps its amounts (totals must add up), but loses the free text
that could say who someone is."""

from .models import SavingsCircle, SavingsEntry, SavingsGoal


def export_savings(user):
    return {
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
        "savings_circles_kept": [
            {"group": circle.group.title}
            for circle in SavingsCircle.objects.filter(bookkeeper=user).select_related("group")
        ],
    }


def erase_savings_text(user):
    SavingsGoal.objects.filter(person=user).update(purpose="")
    SavingsEntry.objects.filter(person=user).update(note="")
