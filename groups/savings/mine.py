"""What "Mijn Waakvlam" shows of the savings circles a person is in: their
own savings in the open round, their goal, the group's total, their
successes ("Gelukt!") and what others in the group chose to share. A fixed
number of queries whatever the size of the group or the number of rounds."""

from django.db.models import Count, Q

from ..offer.kinds import GroupKind
from ..offer.models import Enrolment, EnrolmentStatus
from ..offer.pages import GroupPage
from .models import (
    LedgerSummary,
    SavingsCircle,
    SavingsCycle,
    SavingsEntry,
    SavingsGoal,
    SavingsSuccess,
)
from .selectors import MIN_MEMBERS_FOR_GROUP_TOTAL, progress


def _own_circles(user):
    """The circles `user` is (or was) in, the savings-circle groups they are
    in whose ledger nobody opened yet, and the groups whose books they keep.
    Subqueries on the user's own rows, never an OR across joins (which
    reads every sign-up and entry)."""
    enrolled = Enrolment.objects.filter(person=user, status=EnrolmentStatus.ENROLLED).values(
        "group_id"
    )
    circles = list(
        SavingsCircle.objects.filter(
            Q(group__in=enrolled)
            | Q(pk__in=SavingsEntry.objects.filter(person=user).values("circle_id"))
        )
        .select_related("group")
        .order_by("group__title")
    )
    without_circle = list(
        GroupPage.objects.filter(
            kind=GroupKind.SAVINGS_CIRCLE, pk__in=enrolled, savings_circle__isnull=True
        ).order_by("title")
    )
    books_kept = SavingsCircle.objects.filter(bookkeeper=user, group__in=enrolled).values(
        "group_id"
    )
    keeping = list(
        GroupPage.objects.filter(kind=GroupKind.SAVINGS_CIRCLE)
        .filter(Q(pk__in=user.led_groups.values("pk")) | Q(pk__in=books_kept))
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
    open_cycles = {
        cycle.circle_id: cycle
        for cycle in SavingsCycle.objects.filter(circle_id__in=ids, closed_at__isnull=True)
    }
    open_ids = [cycle.pk for cycle in open_cycles.values()]
    own = SavingsEntry.objects.filter(cycle_id__in=open_ids, person=user).summary_by("cycle_id")
    groups_saved = SavingsEntry.objects.filter(cycle_id__in=open_ids).summary_by("cycle_id")
    members = _member_counts(circles)
    goals = {
        goal.circle_id: goal for goal in SavingsGoal.objects.filter(circle_id__in=ids, person=user)
    }
    successes = _successes(user, open_cycles)
    shared = _shared_stories(user, circles, open_cycles)
    cards = []
    for circle in circles:
        cycle = open_cycles.get(circle.pk)
        summary = (own.get(cycle.pk) if cycle else None) or LedgerSummary.empty()
        goal = goals.get(circle.pk)
        shows_total = members.get(circle.group_id, 0) >= MIN_MEMBERS_FOR_GROUP_TOTAL
        cards.append(
            {
                "group": circle.group,
                "circle": circle,
                "summary": summary,
                "group_saved": (
                    (groups_saved.get(cycle.pk) if cycle else None) or LedgerSummary.empty()
                ).saved
                if shows_total
                else None,
                "cycle": cycle,
                "goal": goal,
                "progress": progress(summary.saved, goal.target_amount) if goal else None,
                "successes": successes.get(circle.pk, []),
                "shared": shared.get(circle.pk, []),
            }
        )
    # A circle whose ledger nobody opened yet: the member can set a goal already.
    cards += [_unopened_card(group) for group in without_circle]
    return {"cards": cards, "keeping": keeping}


def _member_counts(circles):
    """{group id: members signed up now}, in one query."""
    return dict(
        Enrolment.objects.filter(
            group_id__in=[circle.group_id for circle in circles], status=EnrolmentStatus.ENROLLED
        )
        .values("group_id")
        .annotate(count=Count("pk"))
        .values_list("group_id", "count")
    )


def _unopened_card(group):
    return {
        "group": group,
        "circle": None,
        "summary": LedgerSummary.empty(),
        "group_saved": None,
        "cycle": None,
        "goal": None,
        "progress": None,
        "successes": [],
        "shared": [],
    }


def _recent(cycle, open_cycles):
    """A success is shown in the open round and the one closed just before."""
    current = open_cycles.get(cycle.circle_id)
    return current is not None and cycle.number >= current.number - 1


def _successes(user, open_cycles):
    """{circle id: [success, ...]} of `user`, newest round first, each with
    `paid_out`: the amount paid out in its round (0 when not paid out)."""
    successes = [
        success
        for success in SavingsSuccess.objects.filter(
            person=user, cycle__circle_id__in=list(open_cycles)
        )
        .select_related("cycle")
        .order_by("-cycle__number")
        if _recent(success.cycle, open_cycles)
    ]
    paid = SavingsEntry.objects.filter(
        person=user, cycle_id__in=[success.cycle_id for success in successes]
    ).summary_by("cycle_id")
    by_circle = {}
    for success in successes:
        summary = paid.get(success.cycle_id) or LedgerSummary.empty()
        success.paid_out = summary.paid_out
        by_circle.setdefault(success.cycle.circle_id, []).append(success)
    return by_circle


def _shared_stories(user, circles, open_cycles):
    """{circle id: [success, ...]}: what other members chose to share, only
    in the circles `user` is signed up for now (never after leaving)."""
    enrolled_groups = set(
        Enrolment.objects.filter(
            person=user,
            status=EnrolmentStatus.ENROLLED,
            group_id__in=[circle.group_id for circle in circles],
        ).values_list("group_id", flat=True)
    )
    ids = [circle.pk for circle in circles if circle.group_id in enrolled_groups]
    return shared_stories(ids, open_cycles, exclude=user)


def shared_stories(circle_ids, open_cycles, *, exclude=None):
    """{circle id: [success, ...]} shared with the group in recent rounds.
    Only for the members and trainers of these circles (the callers check)."""
    stories = (
        SavingsSuccess.objects.filter(cycle__circle_id__in=circle_ids, story_shared=True)
        .exclude(story="")
        .select_related("person", "cycle")
        .order_by("-cycle__number", "person__full_name", "pk")
    )
    if exclude is not None:
        stories = stories.exclude(person=exclude)
    by_circle = {}
    for story in stories:
        if _recent(story.cycle, open_cycles):
            by_circle.setdefault(story.cycle.circle_id, []).append(story)
    return by_circle
