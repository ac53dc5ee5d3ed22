"""Reads of the savings-circle ledger: a member's progress, the ledger of a
circle, and a person's own circles for "Mijn Waakvlam". A fixed number of
queries whatever the size of the group."""

from decimal import Decimal

from django.db.models import Count, Q

from ..offer.kinds import GroupKind
from ..offer.models import Enrolment, EnrolmentStatus, Meeting
from ..offer.pages import GroupPage
from .models import EntryKind, LedgerSummary, SavingsCircle, SavingsEntry, SavingsGoal
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


def _entries_by_person(circle, people):
    """Every entry of the circle per person, marked as corrected or not;
    people with entries who are no longer members are added to `people`."""
    entries = list(
        SavingsEntry.objects.filter(circle=circle)
        .select_related("person", "meeting")
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


def ledger(circle, members):
    """One row per member (and per former member with entries), the group's
    summary, and the meetings deposits can be recorded for."""
    people = {person.pk: person for person in members}
    lines = _entries_by_person(circle, people)
    summaries = SavingsEntry.objects.filter(circle=circle).summary_by("person_id")
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


def payout_statement(circle, person):
    """A member's entries (marked as corrected or not) and their summary."""
    entries = list(
        SavingsEntry.objects.filter(circle=circle, person=person)
        .select_related("meeting", "corrects__meeting")
        .order_by("recorded_at", "pk")
    )
    corrected = {entry.corrects_id for entry in entries if entry.corrects_id}
    for entry in entries:
        entry.is_corrected = entry.pk in corrected
    summary = (
        SavingsEntry.objects.filter(circle=circle, person=person)
        .summary_by("person_id")
        .get(person.pk)
        or LedgerSummary.empty()
    )
    return entries, summary


def _own_circles(user):
    """The circles `user` is (or was) in, the savings-circle groups they are
    in whose ledger nobody opened yet, and the groups whose books they keep."""
    enrolled = Q(group__enrolments__person=user, group__enrolments__status=EnrolmentStatus.ENROLLED)
    circles = list(
        SavingsCircle.objects.filter(enrolled | Q(entries__person=user))
        .distinct()
        .select_related("group")
        .order_by("group__title")
    )
    without_circle = list(
        GroupPage.objects.filter(
            kind=GroupKind.SAVINGS_CIRCLE,
            enrolments__person=user,
            enrolments__status=EnrolmentStatus.ENROLLED,
            savings_circle__isnull=True,
        )
        .distinct()
        .order_by("title")
    )
    keeping = list(
        GroupPage.objects.filter(kind=GroupKind.SAVINGS_CIRCLE)
        .filter(
            Q(trainers=user)
            | Q(
                savings_circle__bookkeeper=user,
                enrolments__person=user,
                enrolments__status=EnrolmentStatus.ENROLLED,
            )
        )
        .distinct()
        .order_by("title")
    )
    return circles, without_circle, keeping


def my_savings(user):
    """Per savings circle `user` is in: their own total and goal, and only
    the group's total; for those who keep the books, the groups. None when
    there is nothing to show."""
    circles, without_circle, keeping = _own_circles(user)
    if not circles and not without_circle and not keeping:
        return None
    ids = [circle.pk for circle in circles]
    own = SavingsEntry.objects.filter(circle_id__in=ids, person=user).summary_by("circle_id")
    groups_saved = SavingsEntry.objects.filter(circle_id__in=ids).summary_by("circle_id")
    members = dict(
        Enrolment.objects.filter(
            group_id__in=[circle.group_id for circle in circles], status=EnrolmentStatus.ENROLLED
        )
        .values("group_id")
        .annotate(count=Count("pk"))
        .values_list("group_id", "count")
    )
    goals = {
        goal.circle_id: goal for goal in SavingsGoal.objects.filter(circle_id__in=ids, person=user)
    }
    cards = []
    for circle in circles:
        summary = own.get(circle.pk) or LedgerSummary.empty()
        goal = goals.get(circle.pk)
        shows_total = members.get(circle.group_id, 0) >= MIN_MEMBERS_FOR_GROUP_TOTAL
        cards.append(
            {
                "group": circle.group,
                "circle": circle,
                "summary": summary,
                "group_saved": (groups_saved.get(circle.pk) or LedgerSummary.empty()).saved
                if shows_total
                else None,
                "goal": goal,
                "progress": progress(summary.saved, goal.target_amount) if goal else None,
            }
        )
    # A circle whose ledger nobody opened yet: the member can set a goal already.
    for group in without_circle:
        cards.append(
            {
                "group": group,
                "circle": None,
                "summary": LedgerSummary.empty(),
                "group_saved": None,
                "goal": None,
                "progress": None,
            }
        )
    return {"cards": cards, "keeping": keeping}
