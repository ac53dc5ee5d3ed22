"""Savings-circle (spaarkring) pages: deposits per meeting, the ledger, a
member's own savings on "Mijn Waakvlam", and the pay-out statement.

Who sees what: trainers, coordinators and the bookkeeper keep the books and
see every member; a member sees only their own amounts and the group total.
Anyone else gets a 404, so not even the existence of an entry is hinted at.
The pages work for unpublished groups too: a cycle is paid out after the
group has gone off the offer."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from people.models import User
from people.permissions import may_record_deposits

from . import services
from .models import (
    Enrolment,
    EnrolmentStatus,
    EntryKind,
    GroupKind,
    GroupPage,
    LedgerSummary,
    Meeting,
    SavingsCircle,
    SavingsEntry,
    SavingsGoal,
)
from .savings_forms import CorrectionForm, DepositsForm, GoalForm, OwnGoalForm, euro

MILESTONES = (25, 50, 75, 100)
MIN_MEMBERS_FOR_GROUP_TOTAL = 3


def _savings_group(group_id):
    return get_object_or_404(GroupPage, pk=group_id, kind=GroupKind.SAVINGS_CIRCLE)


def _books_group(request, group_id):
    group = _savings_group(group_id)
    if not services.may_keep_books(request.user, group):
        raise Http404
    return group


def _members(group):
    """The people signed up now, by name."""
    return [
        enrolment.person
        for enrolment in Enrolment.objects.filter(group=group, status=EnrolmentStatus.ENROLLED)
        .select_related("person")
        .order_by("person__full_name", "person_id")
    ]


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


@login_required
def deposits(request, pk):
    """Record every member's deposit for one meeting, all at once."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("group"), pk=pk, group__kind=GroupKind.SAVINGS_CIRCLE
    )
    group = meeting.group
    if not services.may_keep_books(request.user, group):
        raise Http404
    circle = services.savings_circle_for(group=group)
    members = _members(group)
    recorded = {}
    # What stands for this meeting (corrected lines left out), shown per member.
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
    refusal = services.deposits_refusal(meeting)
    form_kwargs = {"members": members, "recorded": recorded}
    if request.method == "POST" and not refusal:
        form = DepositsForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                entries = services.deposits_record(
                    circle=circle,
                    meeting=meeting,
                    amounts=form.amounts(),
                    by=request.user,
                    seen_up_to=form.cleaned_data["seen"],
                )
            except ValidationError as error:
                form.add_error(None, error)
                # What is recorded now is shown; the next save is checked
                # against that.
                form.data = form.data.copy()
                form.data["seen"] = services.last_entry_id(circle=circle, meeting=meeting)
            else:
                messages.success(request, _saved_message(entries))
                return redirect("groups:deposits", pk=meeting.pk)
    else:
        form = DepositsForm(
            initial={"seen": services.last_entry_id(circle=circle, meeting=meeting)},
            **form_kwargs,
        )
    return render(
        request,
        "groups/savings/deposits.html",
        {
            "group": group,
            "meeting": meeting,
            "circle": circle,
            "form": form,
            "refusal": refusal,
            "fine_amount": circle.fine_amount if circle.fines_enabled else None,
        },
    )


def _saved_message(entries):
    deposited = sum(1 for entry in entries if entry.kind == EntryKind.DEPOSIT)
    fined = len(entries) - deposited
    message = ngettext("%(count)s deposit saved.", "%(count)s deposits saved.", deposited) % {
        "count": deposited
    }
    if fined:
        message += " " + ngettext(
            "%(count)s fine for a missed deposit.", "%(count)s fines for a missed deposit.", fined
        ) % {"count": fined}
    return message


@login_required
def ledger(request, group_id):
    """Every member's total, goal and entries; goals can be set here."""
    group = _books_group(request, group_id)
    circle = services.savings_circle_for(group=group)
    members = _members(group)
    bound_goal_form = None
    if request.method == "POST":
        person = next((m for m in members if str(m.pk) == request.POST.get("person")), None)
        if person is None:
            raise Http404
        bound_goal_form = GoalForm(request.POST, prefix=f"goal-{person.pk}")
        if bound_goal_form.is_valid():
            try:
                services.savings_goal_set(
                    circle=circle,
                    person=person,
                    purpose=bound_goal_form.cleaned_data["purpose"],
                    target_amount=bound_goal_form.cleaned_data["target_amount"],
                )
            except ValidationError as error:
                bound_goal_form.add_error(None, error)
            else:
                messages.success(
                    request, _("The goal of %(name)s is saved.") % {"name": person.full_name}
                )
                return redirect(reverse("groups:ledger", args=[group.pk]) + f"#member-{person.pk}")
        bound_goal_form.person_id = person.pk
    return render(
        request,
        "groups/savings/ledger.html",
        {
            "group": group,
            "circle": circle,
            # The bookkeeper is a member: statements are for trainers.
            "may_see_statements": may_record_deposits(request.user, group),
            **_ledger_rows(circle, members, bound_goal_form),
        },
    )


def _ledger_rows(circle, members, bound_goal_form):
    """One row per member (and per former member with entries), in a fixed
    number of queries whatever the size of the group."""
    entries = list(
        SavingsEntry.objects.filter(circle=circle)
        .select_related("person", "meeting")
        .order_by("recorded_at", "pk")
    )
    by_id = {entry.pk: entry for entry in entries}
    corrected = {entry.corrects_id for entry in entries if entry.corrects_id}
    people = {person.pk: person for person in members}
    lines = {}
    for entry in entries:
        if entry.corrects_id:
            entry.corrects = by_id[entry.corrects_id]  # for .effect, without a query
        entry.is_corrected = entry.pk in corrected
        entry.may_correct = entry.kind != EntryKind.CORRECTION and not entry.is_corrected
        people.setdefault(entry.person_id, entry.person)
        lines.setdefault(entry.person_id, []).append(entry)
    summaries = SavingsEntry.objects.filter(circle=circle).summary_by("person_id")
    goals = {goal.person_id: goal for goal in SavingsGoal.objects.filter(circle=circle)}
    enrolled = {person.pk for person in members}
    rows = []
    for person_id, person in sorted(
        people.items(), key=lambda item: (item[0] not in enrolled, item[1].full_name, item[0])
    ):
        summary = summaries.get(person_id) or LedgerSummary.empty()
        goal = goals.get(person_id)
        if bound_goal_form is not None and bound_goal_form.person_id == person_id:
            goal_form = bound_goal_form
        elif person_id in enrolled:
            initial = (
                {"purpose": goal.purpose, "target_amount": euro(goal.target_amount)} if goal else {}
            )
            goal_form = GoalForm(initial=initial, prefix=f"goal-{person_id}")
        else:
            goal_form = None
        rows.append(
            {
                "person": person,
                "enrolled": person_id in enrolled,
                "summary": summary,
                "goal": goal,
                "progress": progress(summary.saved, goal.target_amount) if goal else None,
                "entries": lines.get(person_id, []),
                "goal_form": goal_form,
            }
        )
    group_summary = sum(summaries.values(), start=LedgerSummary.empty())
    meetings = [
        meeting
        for meeting in Meeting.objects.filter(group_id=circle.group_id).order_by("-starts_at")
        if services.deposits_refusal(meeting) is None
    ]
    return {"rows": rows, "group_summary": group_summary, "meetings": meetings}


@login_required
def entry_correct(request, group_id, entry_id):
    """Confirm, then cancel one entry with a correction entry."""
    group = _books_group(request, group_id)
    entry = get_object_or_404(
        SavingsEntry.objects.select_related("person", "meeting"),
        pk=entry_id,
        circle__group=group,
    )
    back = reverse("groups:ledger", args=[group.pk]) + f"#member-{entry.person_id}"
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_correct(entry=entry, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The entry is corrected. Record the right amount again."))
        return redirect(back)
    return render(
        request,
        "groups/savings/entry_correct.html",
        {"group": group, "entry": entry, "form": form, "back": back},
    )


@login_required
def payout(request, group_id, person_id):
    """The printable pay-out statement of one member: for that member and
    for the group's trainers and coordinators; a 404 for anyone else."""
    group = _savings_group(group_id)
    if person_id != request.user.pk and not may_record_deposits(request.user, group):
        raise Http404
    circle = get_object_or_404(
        SavingsCircle.objects.select_related("group__organisation"), group=group
    )
    person = get_object_or_404(
        User.objects.filter(
            Q(enrolments__group=group) | Q(savings_entries__circle=circle)
        ).distinct(),
        pk=person_id,
    )
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
    return render(
        request,
        "groups/savings/payout.html",
        {
            "group": group,
            "organisation": circle.group.organisation,
            "circle": circle,
            "person": person,
            "entries": entries,
            "summary": summary,
            "goal": SavingsGoal.objects.filter(circle=circle, person=person).first(),
        },
    )


def _enrolled_savings_group(request, group_id):
    group = _savings_group(group_id)
    if not Enrolment.objects.filter(
        group=group, person=request.user, status=EnrolmentStatus.ENROLLED
    ).exists():
        raise Http404
    return group


@login_required
def my_goal(request, group_id):
    """A member sets their own goal, once; after that the trainer changes it."""
    group = _enrolled_savings_group(request, group_id)
    back = reverse("people:my") + f"#savings-{group.pk}"
    if SavingsGoal.objects.filter(circle__group=group, person=request.user).exists():
        messages.info(request, _("Your goal is already set. Ask your trainer to change it."))
        return redirect(back)
    form = OwnGoalForm(request.POST or None, prefix=f"goal-{group.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            services.savings_goal_set(
                circle=services.savings_circle_for(group=group),
                person=request.user,
                purpose=form.cleaned_data["purpose"],
                target_amount=form.cleaned_data["target_amount"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your goal is saved. Good luck with saving!"))
            return redirect(back)
    return render(request, "groups/savings/my_goal.html", {"group": group, "form": form})


def my_savings_section(request):
    """The savings part of "Mijn Waakvlam": per savings circle the person is
    in, their own total and goal, and only the group's total; for those who
    keep the books, a way to the ledger."""
    user = request.user
    enrolled = Q(group__enrolments__person=user, group__enrolments__status=EnrolmentStatus.ENROLLED)
    circles = list(
        SavingsCircle.objects.filter(enrolled | Q(entries__person=user))
        .distinct()
        .select_related("group")
        .order_by("group__title")
    )
    # A circle whose ledger nobody opened yet: the member can set a goal already.
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
    if not circles and not without_circle and not keeping:
        return None
    ids = [circle.pk for circle in circles]
    own = SavingsEntry.objects.filter(circle_id__in=ids, person=user).summary_by("circle_id")
    groups_saved = SavingsEntry.objects.filter(circle_id__in=ids).summary_by("circle_id")
    # In a very small circle the group total would give away what the
    # others saved, so it is only shown from this many members.
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
        cards.append(
            {
                "group": circle.group,
                "circle": circle,
                "summary": summary,
                "group_saved": (groups_saved.get(circle.pk) or LedgerSummary.empty()).saved
                if members.get(circle.group_id, 0) >= MIN_MEMBERS_FOR_GROUP_TOTAL
                else None,
                "goal": goal,
                "progress": progress(summary.saved, goal.target_amount) if goal else None,
                "goal_form": None if goal else OwnGoalForm(prefix=f"goal-{circle.group_id}"),
            }
        )
    for group in without_circle:
        cards.append(
            {
                "group": group,
                "circle": None,
                "summary": LedgerSummary.empty(),
                "group_saved": None,
                "goal": None,
                "progress": None,
                "goal_form": OwnGoalForm(prefix=f"goal-{group.pk}"),
            }
        )
    return {"cards": cards, "keeping": keeping}
