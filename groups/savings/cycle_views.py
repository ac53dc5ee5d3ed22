"""Pages of a savings round: booking the pay-outs, closing the round, the
round's statement, and the member's own "Gelukt!" line.

Booking and closing are for the circle's trainers and the organisation's
coordinators (not the bookkeeper, who is a member); a member edits only
their own line. Anyone else gets a 404."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from people.audit.services import VIEW, audit_log
from people.messages import error_message
from people.permissions import may_record_deposits

from ..offer.kinds import GroupKind
from ..offer.pages import GroupPage
from . import cycles, services
from .forms import CycleCloseForm, PayoutForm, SuccessStoryForm, euro
from .models import SavingsCycle, SavingsSuccess
from .statements import cycle_rows


def _paying_group(request, group_id):
    group = get_object_or_404(GroupPage, pk=group_id, kind=GroupKind.SAVINGS_CIRCLE)
    if not may_record_deposits(request.user, group):
        raise Http404
    return group


def _open_cycle(group):
    circle = services.savings_circle_for(group=group)
    return cycles.savings_cycle_open(circle=circle)


def _book(request, cycle, rows):
    form = PayoutForm(request.POST)
    people = {row["person"].pk: row["person"] for row in rows}
    if not form.is_valid() or form.cleaned_data["person"] not in people:
        raise Http404
    person = people[form.cleaned_data["person"]]
    try:
        entry = cycles.payout_book(cycle=cycle, person=person, by=request.user)
    except ValidationError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(
            request,
            _("Paid out to %(name)s: € %(amount)s. This is booked.")
            % {"name": person.full_name, "amount": euro(entry.amount)},
        )
    return f"#payout-{person.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def payouts(request, group_id):
    """Every member's amount to pay out in the open round, booked one by one."""
    group = _paying_group(request, group_id)
    cycle = _open_cycle(group)
    if request.method == "POST":
        anchor = _book(request, cycle, cycle_rows(cycle)["rows"])
        return redirect(reverse("groups:payouts", args=[group.pk]) + anchor)
    audit_log(
        user=request.user, action=VIEW, label=group.title, obj=group, data={"page": "payouts"}
    )
    return render(
        request,
        "groups/savings/payouts.html",
        {"group": group, "cycle": cycle, **cycle_rows(cycle)},
    )


def _next_payout_day(cycle):
    """The same length as this round, from today."""
    length = cycle.payout_planned_on - cycle.starts_on
    return timezone.localdate() + max(length, datetime.timedelta(days=1))


@login_required
@require_http_methods(["GET", "POST"])
def cycle_close(request, group_id):
    """Close the open round once every pay-out is booked; the next starts."""
    group = _paying_group(request, group_id)
    cycle = _open_cycle(group)
    form = CycleCloseForm(
        request.POST or None, initial={"payout_planned_on": _next_payout_day(cycle)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            following = cycles.cycle_close(
                cycle=cycle,
                by=request.user,
                payout_planned_on=form.cleaned_data["payout_planned_on"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "payout_planned_on" in error.error_dict:
                form.add_error("payout_planned_on", error.error_dict["payout_planned_on"])
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Round %(closed)s is closed. Round %(next)s has started.")
                % {"closed": cycle.number, "next": following.number},
            )
            return redirect("groups:cycle_statement", group_id=group.pk, number=cycle.number)
    return render(
        request,
        "groups/savings/cycle_close.html",
        {"group": group, "cycle": cycle, "form": form, **cycle_rows(cycle)},
    )


@login_required
def cycle_statement(request, group_id, number):
    """The printable statement of a round for the circle: per member and in
    total, for the trainers and coordinators."""
    group = _paying_group(request, group_id)
    cycle = get_object_or_404(
        SavingsCycle.objects.select_related("circle__group__organisation", "closed_by"),
        circle__group=group,
        number=number,
    )
    audit_log(
        user=request.user, action=VIEW, label=group.title, obj=group, data={"page": "statement"}
    )
    return render(
        request,
        "groups/savings/cycle_statement.html",
        {
            "group": group,
            "organisation": group.organisation,
            "cycle": cycle,
            **cycle_rows(cycle),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_success(request, group_id, number):
    """The member writes what they saved for, and chooses to share it."""
    success = get_object_or_404(
        SavingsSuccess.objects.select_related("cycle__circle__group"),
        cycle__circle__group_id=group_id,
        cycle__number=number,
        person=request.user,
    )
    group = success.cycle.circle.group
    form = SuccessStoryForm(request.POST or None, instance=success, prefix=f"success-{success.pk}")
    if request.method == "POST" and form.is_valid():
        form.save()
        if success.story_shared and success.story:
            messages.success(request, _("Saved. Your savings circle can read it."))
        else:
            messages.success(request, _("Saved. Only you can see it."))
        return redirect(reverse("people:my") + f"#savings-{group.pk}")
    return render(
        request,
        "groups/savings/my_success.html",
        {"group": group, "success": success, "form": form},
    )
