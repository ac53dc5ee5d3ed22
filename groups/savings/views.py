"""Savings-circle pages: deposits per meeting, the ledger, a member's own
goal, and the pay-out statement.

Who sees what: trainers, coordinators and the bookkeeper keep the books and
see every member; a member sees only their own amounts and the group total.
Anyone else gets a 404, so not even the existence of an entry is hinted at.
The pages work for unpublished groups too: a cycle is paid out after the
group has gone off the offer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from people.audit.services import VIEW, audit_log
from people.messages import error_message
from people.models import User
from people.permissions import may_keep_books, may_record_deposits

from ..offer.kinds import GroupKind
from ..offer.models import Enrolment, EnrolmentStatus, Meeting
from ..offer.pages import GroupPage
from ..offer.selectors import members
from . import cycles, selectors, services
from .forms import CorrectionForm, DepositsForm, GoalForm, OwnGoalForm, euro
from .mine import shared_stories
from .models import EntryKind, SavingsCycle, SavingsEntry, SavingsGoal
from .statements import closed_cycles


def _savings_group(group_id):
    return get_object_or_404(GroupPage, pk=group_id, kind=GroupKind.SAVINGS_CIRCLE)


def _books_group(request, group_id):
    group = _savings_group(group_id)
    if not may_keep_books(request.user, group):
        raise Http404
    return group


def _just_booked_key(meeting):
    return f"deposits-booked-{meeting.pk}"


def _deposits_form(request, circle, meeting, form_kwargs, refusal):
    """The bound form after a save that failed, or a fresh one; None after a
    save that worked (the caller redirects)."""
    if request.method != "POST" or refusal:
        seen = services.last_entry_id(circle=circle, meeting=meeting)
        return DepositsForm(initial={"seen": seen}, **form_kwargs)
    form = DepositsForm(request.POST, **form_kwargs)
    if not form.is_valid():
        return form
    try:
        entries = services.deposits_record(
            circle=circle,
            meeting=meeting,
            amounts=form.amounts(),
            by=request.user,
            seen_up_to=form.cleaned_data["seen"],
            repeat_confirmed=form.cleaned_data["repeat_confirmed"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        form.ask_repeat = getattr(error, "code", None) == services.REPEAT_DEPOSIT
        # What is recorded now is shown; the next save is checked against that.
        form.data = form.data.copy()
        form.data["seen"] = services.last_entry_id(circle=circle, meeting=meeting)
        return form
    messages.success(request, _saved_message(entries))
    # Shown once on the page the save redirects to: what was just booked.
    request.session[_just_booked_key(meeting)] = [entry.pk for entry in entries]
    return None


def _is_today(meeting):
    return timezone.localtime(meeting.starts_at).date() == timezone.localdate()


@login_required
def deposits(request, meeting_id):
    """Record every member's deposit for one meeting, all at once."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("group"),
        pk=meeting_id,
        group__kind=GroupKind.SAVINGS_CIRCLE,
    )
    group = meeting.group
    if not may_keep_books(request.user, group):
        raise Http404
    circle = services.savings_circle_for(group=group)
    cycle = cycles.savings_cycle_open(circle=circle)
    form_kwargs = {
        "members": members(group),
        "recorded": selectors.recorded_for_meeting(circle, meeting),
    }
    refusal = services.deposits_refusal(meeting)
    if refusal is None and cycles.standing_payouts(cycle).exists():
        refusal = services.PAYING_OUT
    form = _deposits_form(request, circle, meeting, form_kwargs, refusal)
    if form is None:
        return redirect("groups:deposits", meeting_id=meeting.pk)
    booked_ids = request.session.pop(_just_booked_key(meeting), None)
    return render(
        request,
        "groups/savings/deposits.html",
        {
            "group": group,
            "meeting": meeting,
            "is_today": _is_today(meeting),
            "circle": circle,
            "cycle": cycle,
            "form": form,
            "refusal": refusal,
            "fine_amount": circle.fine_amount if circle.fines_enabled else None,
            "booked": selectors.entries_booked(circle, booked_ids) if booked_ids else None,
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


def _goal_forms(rows, bound_form, bound_person_id):
    """A goal form on every member's row: the one just posted, or one
    filled in with the goal as it is."""
    for row in rows:
        person_id, goal = row["person"].pk, row["goal"]
        if bound_form is not None and bound_person_id == person_id:
            row["goal_form"] = bound_form
        elif row["enrolled"]:
            initial = (
                {"purpose": goal.purpose, "target_amount": euro(goal.target_amount)} if goal else {}
            )
            row["goal_form"] = GoalForm(initial=initial, prefix=f"goal-{person_id}")
        else:
            row["goal_form"] = None


@login_required
def ledger(request, group_id):
    """Every member's total, goal and entries; goals can be set here."""
    group = _books_group(request, group_id)
    circle = services.savings_circle_for(group=group)
    current = members(group)
    bound_form = person = None
    if request.method == "POST":
        person = next((m for m in current if str(m.pk) == request.POST.get("person")), None)
        if person is None:
            raise Http404
        bound_form = GoalForm(request.POST, prefix=f"goal-{person.pk}")
        if bound_form.is_valid():
            try:
                services.savings_goal_set(
                    circle=circle,
                    person=person,
                    purpose=bound_form.cleaned_data["purpose"],
                    target_amount=bound_form.cleaned_data["target_amount"],
                )
            except ValidationError as error:
                bound_form.add_error(None, error)
            else:
                messages.success(
                    request, _("The goal of %(name)s is saved.") % {"name": person.full_name}
                )
                return redirect(reverse("groups:ledger", args=[group.pk]) + f"#member-{person.pk}")
    cycle = cycles.savings_cycle_open(circle=circle)
    book = selectors.ledger(cycle, current)
    _goal_forms(book["rows"], bound_form, person.pk if person else None)
    audit_log(user=request.user, action=VIEW, label=group.title, obj=group, data={"page": "ledger"})
    # Shared lines are for the circle's trainers and members, not for every
    # coordinator or the bookkeeper's books.
    is_trainer = group.trainers.filter(pk=request.user.pk).exists()
    stories = shared_stories([circle.pk], {circle.pk: cycle}) if is_trainer else {}
    return render(
        request,
        "groups/savings/ledger.html",
        {
            "group": group,
            "circle": circle,
            "cycle": cycle,
            # The bookkeeper is a member: statements are for trainers.
            "may_see_statements": may_record_deposits(request.user, group),
            "closed_cycles": closed_cycles(circle),
            "stories": stories.get(circle.pk, []),
            **book,
        },
    )


@login_required
def entry_correct(request, group_id, entry_id):
    """Confirm, then cancel one entry with a correction entry."""
    group = _books_group(request, group_id)
    entry = get_object_or_404(
        SavingsEntry.objects.select_related("person", "meeting"),
        pk=entry_id,
        circle__group=group,
    )
    if entry.kind == EntryKind.PAYOUT and not may_record_deposits(request.user, group):
        raise Http404  # a pay-out is the trainers' and coordinators', not the bookkeeper's
    back = reverse("groups:ledger", args=[group.pk]) + f"#member-{entry.person_id}"
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_correct(entry=entry, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("The entry is corrected. Record the right amount again."))
        return redirect(back)
    return render(
        request,
        "groups/savings/entry_correct.html",
        {"group": group, "entry": entry, "form": form, "back": back},
    )


@login_required
def payout(request, group_id, person_id, number=None):
    """The printable statement of one member in a round (the open one
    without a number): for that member and for the group's trainers and
    coordinators; a 404 for anyone else."""
    group = _savings_group(group_id)
    if person_id != request.user.pk and not may_record_deposits(request.user, group):
        raise Http404
    cycles_of_group = SavingsCycle.objects.select_related(
        "circle__group__organisation", "closed_by"
    ).filter(circle__group=group)
    if number is None:
        cycle = get_object_or_404(cycles_of_group, closed_at__isnull=True)
    else:
        cycle = get_object_or_404(cycles_of_group, number=number)
    circle = cycle.circle
    person = get_object_or_404(
        User.objects.filter(
            Q(enrolments__group=group) | Q(savings_entries__circle=circle)
        ).distinct(),
        pk=person_id,
    )
    entries, summary = selectors.payout_statement(cycle, person)
    return render(
        request,
        "groups/savings/payout.html",
        {
            "group": group,
            "organisation": circle.group.organisation,
            "circle": circle,
            "cycle": cycle,
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
