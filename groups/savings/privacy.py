"""The savings part of a person's data download and of anonymisation (AVG):
the ledger keeps its amounts (totals must add up), but loses the free text
that could say who someone is, and what they saved for is no longer shared."""

from .models import SavingsCircle, SavingsCycle, SavingsEntry, SavingsGoal, SavingsSuccess


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
                "round": entry.cycle.number,
                "kind": entry.kind,
                "amount": str(entry.amount),
                "recorded_at": entry.recorded_at.isoformat(),
                "note": entry.note,
            }
            for entry in SavingsEntry.objects.filter(person=user).select_related(
                "circle__group", "cycle"
            )
        ],
        "savings_successes": [
            {
                "group": success.cycle.circle.group.title,
                "round": success.cycle.number,
                "goal_reached_at": success.goal_reached_at and success.goal_reached_at.isoformat(),
                "paid_out_at": success.paid_out_at and success.paid_out_at.isoformat(),
                "saved_for": success.story,
                "shared_with_the_group": success.story_shared,
            }
            for success in SavingsSuccess.objects.filter(person=user).select_related(
                "cycle__circle__group"
            )
        ],
        "savings_rounds_closed": [
            {
                "group": cycle.circle.group.title,
                "round": cycle.number,
                "closed_at": cycle.closed_at.isoformat(),
            }
            for cycle in SavingsCycle.objects.filter(closed_by=user).select_related("circle__group")
        ],
        "savings_circles_kept": [
            {"group": circle.group.title}
            for circle in SavingsCircle.objects.filter(bookkeeper=user).select_related("group")
        ],
    }


def erase_savings_text(user):
    SavingsGoal.objects.filter(person=user).update(purpose="")
    SavingsEntry.objects.filter(person=user).update(note="")
    SavingsSuccess.objects.filter(person=user).update(story="", story_shared=False)
