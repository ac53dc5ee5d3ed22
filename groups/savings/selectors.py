"""Reads of the savings-circle ledger: a member's progress, the ledger of a
circle, and a person's own circles for "Mijn Waakvlam". A fixed number of
queries whatever the size of the group."""

from decimal import Decimal

from ..offer.models import Meeting
from .models import EntryKind, LedgerSummary, SavingsEntry, SavingsGoal
from .services import deposits_refusal

MILESTONES = (25, 50, 75, 100)
# In a very small circle the group total would give away what the others
# saved, so it is only shown from this many members.
MIN_MEMBERS_FOR_GROUP_TOTAL = 3


def progress(saved, target):
    """How far `saved` is towards `target`, with the last milestone passed."""
    if not target:
        return None
    percent = max(int(saved * 100 / target), 0)  # rounded down: 99.9% is not 100%
    reached = max((step for step in MILESTONES if percent >= step), default=None)
    return {
        "percent": percent,
        "bar": min(percent, 100),
        "reached": reached,
        "left": max(target - saved, Decimal("0.00")),
    }


def recorded_for_meeting(circle, meeting):
    """{person id: [(kind, amount), ...]}: the deposits and fines that stand
    for `meeting` (corrected lines left out)."""
    recorded = {}
    for person_id, kind, amount in (
        SavingsEntry.objects.filter(
            circle=circle,
            meeting=meeting,
            kind__in=[EntryKind.DEPOSIT, EntryKind.FINE],
            corrected_by__isnull=True,
        )
        .order_by("pk")
        .values_list("person_id", "kind", "amount")
    ):
        recorded.setdefault(person_id, []).append((kind, amount))
    return recorded


def entries_booked(circle, ids):
    """The entries with these ids, as just booked: member, kind and amount,
    and the total of the deposits among them."""
    entries = list(
        SavingsEntry.objects.filter(circle=circle, pk__in=ids)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    total = sum((e.amount for e in entries if e.kind == EntryKind.DEPOSIT), Decimal("0"))
    return {"entries": entries, "total": total}


def _entries_by_person(cycle, people):
    """Every entry of the round per person, marked as corrected or not;
    people with entries who are no longer members are added to `people`."""
    entries = list(
        SavingsEntry.objects.filter(cycle=cycle)
        .select_related("person", "meeting", "recorded_by")
        .order_by("recorded_at", "pk")
    )
    by_id = {entry.pk: entry for entry in entries}
    corrected = {entry.corrects_id for entry in entries if entry.corrects_id}
    lines = {}
    for entry in entries:
        if entry.corrects_id:
            entry.corrects = by_id[entry.corrects_id]  # for .effect, without a query
        entry.is_corrected = entry.pk in corrected
        entry.may_correct = entry.kind != EntryKind.CORRECTION and not entry.is_corrected
        people.setdefault(entry.person_id, entry.person)
        lines.setdefault(entry.person_id, []).append(entry)
    return lines


def ledger(cycle, members):
    """One row per member (and per former member with entries) in the open
    round, the round's summary, and the meetings deposits can be recorded for."""
    circle = cycle.circle
    people = {person.pk: person for person in members}
    lines = _entries_by_person(cycle, people)
    summaries = SavingsEntry.objects.filter(cycle=cycle).summary_by("person_id")
    goals = {goal.person_id: goal for goal in SavingsGoal.objects.filter(circle=circle)}
    enrolled = {person.pk for person in members}
    rows = []
    for person_id, person in sorted(
        people.items(), key=lambda item: (item[0] not in enrolled, item[1].full_name, item[0])
    ):
        summary = summaries.get(person_id) or LedgerSummary.empty()
        goal = goals.get(person_id)
        rows.append(
            {
                "person": person,
                "enrolled": person_id in enrolled,
                "summary": summary,
                "goal": goal,
                "progress": progress(summary.saved, goal.target_amount) if goal else None,
                "entries": lines.get(person_id, []),
            }
        )
    meetings = [
        meeting
        for meeting in Meeting.objects.filter(group_id=circle.group_id).order_by("-starts_at")
        if deposits_refusal(meeting) is None
    ]
    return {
        "rows": rows,
        "group_summary": sum(summaries.values(), start=LedgerSummary.empty()),
        "meetings": meetings,
    }


def payout_statement(cycle, person):
    """A member's entries in a round (marked as corrected or not) and their
    summary."""
    entries = list(
        SavingsEntry.objects.filter(cycle=cycle, person=person)
        .select_related("meeting", "corrects__meeting", "recorded_by")
        .order_by("recorded_at", "pk")
    )
    corrected = {entry.corrects_id for entry in entries if entry.corrects_id}
    for entry in entries:
        entry.is_corrected = entry.pk in corrected
    summary = (
        SavingsEntry.objects.filter(cycle=cycle, person=person)
        .summary_by("person_id")
        .get(person.pk)
        or LedgerSummary.empty()
    )
    return entries, summary
