"""Mijn hulpkaart: the printable card (the person, the steady contact and
the coordinators), filling it with services of the social map (the contact
and the coordinators), and the people of the person's own network (those
two, and the person on their own page). Anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from people.audit.services import VIEW, audit_log
from people.messages import error_message
from people.permissions import may_change_own_plan, may_edit_help_card, may_see_plan

from ..models import AftercarePlan, ConsentWay
from ..plans.services import plan_choices_record
from . import services
from .forms import CardPersonForm, CardServiceForm, RemoveForm

ADD, REMOVE = "add", "remove"


def _plan_or_404(plan_id, allowed, user):
    plan = AftercarePlan.objects.select_related("organisation", "person").filter(pk=plan_id).first()
    if plan is None or plan.person_id is None or not allowed(user, plan):
        raise Http404
    return plan


def _audit(request, plan, page):
    """Staff looking at someone's card leave a line in the audit trail."""
    if request.user.pk not in (plan.person_id, plan.contact_id):
        audit_log(
            user=request.user,
            action=VIEW,
            label=_("Help card"),
            obj=plan,
            subject=plan.person,
            data={"page": page},
        )


@login_required
def card(request, plan_id):
    plan = _plan_or_404(plan_id, may_see_plan, request.user)
    _audit(request, plan, "help_card")
    own = may_change_own_plan(request.user, plan)
    return render(
        request,
        "aftercare/helpcard/card.html",
        {
            "plan": plan,
            "services": plan.card_services.select_related("service"),
            "people": plan.card_people.all(),
            "own": own,
            "may_edit": may_edit_help_card(request.user, plan),
        },
    )


def _remove(request, plan, remove):
    form = RemoveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Something in the form is not right. Reload the page."))
        remove(plan=plan, item_id=form.cleaned_data["item"])
    except ValidationError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, _("Taken off the help card."))
    return redirect(request.path)


def _unknown_action(request):
    messages.error(request, _("Something in the form is not right. Reload the page."))
    return redirect(request.path)


@login_required
def card_services(request, plan_id):
    """The steady contact or a coordinator puts services on the card."""
    plan = _plan_or_404(plan_id, may_edit_help_card, request.user)
    form = CardServiceForm(request.POST if request.POST.get("action") == ADD else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == REMOVE:
            return _remove(request, plan, services.card_service_remove)
        if action != ADD:
            return _unknown_action(request)
        if form.is_valid():
            try:
                services.card_service_add(plan=plan, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("The service is on the help card."))
                return redirect(request.path)
    _audit(request, plan, "help_card_services")
    return render(
        request,
        "aftercare/helpcard/services.html",
        {"plan": plan, "form": form, "items": plan.card_services.select_related("service")},
    )


def _person_add(request, plan, form):
    if form.needs_consent:
        plan_choices_record(
            plan=plan,
            by=request.user,
            consent_on=timezone.localdate(),
            consent_way=ConsentWay.ONLINE,
        )
    fields = {key: form.cleaned_data[key] for key in ("name", "helps_with", "phone")}
    services.card_person_add(plan=plan, **fields)


@login_required
def card_people(request, plan_id, own):
    """People of the person's own network who help: the person adds them on
    their own page (`own`), the contact and coordinators on theirs."""
    allowed = may_change_own_plan if own else may_edit_help_card
    plan = _plan_or_404(plan_id, allowed, request.user)
    adding = request.POST.get("action") == ADD
    form = CardPersonForm(request.POST if adding else None, plan=plan, own=own)
    if request.method == "POST":
        if request.POST.get("action") == REMOVE:
            return _remove(request, plan, services.card_person_remove)
        if not adding:
            return _unknown_action(request)
        if form.is_valid():
            try:
                _person_add(request, plan, form)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("The person is on the help card."))
                return redirect(request.path)
    if not own:
        _audit(request, plan, "help_card_people")
    return render(
        request,
        "aftercare/helpcard/people.html",
        {"plan": plan, "form": form, "items": plan.card_people.all(), "own": own},
    )
