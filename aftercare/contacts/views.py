"""The steady contact's screens on the site, made for a phone and working
without JavaScript: recording and moving a moment, the plan as the contact
sees it, a referral and its outcome, a success written down by hand.

Only the plan's steady contact and the organisation's coordinators
(people.permissions.may_record_contact); anyone else gets a 404, so the
page does not even tell that the plan exists. A coordinator's visit leaves
an audit entry. A closed or anonymised plan is shown, never changed."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from knowledge.social_map import Service
from knowledge.views import clean_query
from people.admin_kit.views import add_service_error
from people.audit.services import VIEW, audit_log
from people.permissions import may_record_contact

from ..models import AftercarePlan, ContactMoment, Referral, SuccessKind
from ..moments.services import moment_move, moment_record
from ..referrals.services import referral_outcome_record, referral_record
from ..successes.services import success_record
from . import forms, selectors
from .help import life_event_help
from .links import reach_links

# A life event's help stays on the plan page for a while after it was told.
HELP_DAYS = 60
MY_AFTERCARE = "#aftercare-contacts-heading"


def _long_date(value):
    return date_format(value, "l j F Y")


def _allowed(request, plan):
    """The plan for the steady contact or a coordinator, else a 404; a
    coordinator's visit is written in the audit trail."""
    if plan is None or not may_record_contact(request.user, plan):
        raise Http404
    if request.user.pk != plan.contact_id:
        audit_log(
            user=request.user,
            action=VIEW,
            label=str(plan),
            obj=plan,
            subject=plan.person,
            data={"page": request.resolver_match.url_name},
        )
    return plan


def writable(plan):
    return not plan.is_closed and plan.person_id is not None


def _refuse_if_read_only(request, plan):
    """A closed or anonymised plan: a message and back to the plan."""
    if writable(plan):
        return None
    messages.error(request, _("This plan is closed: nothing can be added."))
    return redirect("aftercare:contact_plan", plan_id=plan.pk)


def _moment_or_404(request, moment_id):
    moment = (
        ContactMoment.objects.select_related("plan__person", "plan__organisation")
        .filter(pk=moment_id)
        .first()
    )
    _allowed(request, moment.plan if moment else None)
    return moment


def record_message(moment, next_moment):
    name = moment.plan.person.first_name
    said = moment.get_outcome_display()
    if next_moment is None:
        return _("Written down: %(outcome)s. No next moment is planned with %(name)s.") % {
            "outcome": said,
            "name": name,
        }
    return _("Written down: %(outcome)s. The next moment with %(name)s is on %(date)s.") % {
        "outcome": said,
        "name": name,
        "date": _long_date(next_moment.due_on),
    }


@login_required
def moment_record_view(request, moment_id):
    moment = _moment_or_404(request, moment_id)
    plan = moment.plan
    if request.method == "POST" and (refused := _refuse_if_read_only(request, plan)):
        return refused
    form = forms.MomentRecordForm(request.POST or None, plan=plan)
    if request.method == "POST" and not moment.is_done and form.is_valid():
        values = form.service_values()
        try:
            next_moment = moment_record(moment=moment, by=request.user, **values)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, record_message(moment, next_moment))
            if values["life_event"]:
                # What may help after the change is on the plan's page.
                return redirect(reverse("aftercare:contact_plan", args=[plan.pk]) + "#help")
            return redirect(reverse("people:my") + MY_AFTERCARE)
    return render(
        request,
        "aftercare/contacts/moment_record.html",
        {
            "moment": moment,
            "plan": plan,
            "form": form,
            "links": reach_links(plan),
            "writable": writable(plan) and not moment.is_done,
            "referral": Referral.objects.filter(follow_up=moment).select_related("service").first(),
        },
    )


@login_required
def moment_move_view(request, moment_id):
    moment = _moment_or_404(request, moment_id)
    plan = moment.plan
    if request.method == "POST" and (refused := _refuse_if_read_only(request, plan)):
        return refused
    form = forms.MomentMoveForm(request.POST or None, initial={"due_on": moment.due_on})
    if request.method == "POST" and form.is_valid():
        try:
            moment_move(moment=moment, due_on=form.cleaned_data["due_on"], by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Moved: the moment with %(name)s is now on %(date)s.")
                % {"name": plan.person.first_name, "date": _long_date(moment.due_on)},
            )
            return redirect(reverse("people:my") + MY_AFTERCARE)
    return render(
        request,
        "aftercare/contacts/moment_move.html",
        {"moment": moment, "plan": plan, "form": form, "writable": writable(plan)},
    )


def _help(request, plan, moments, today):
    """What may help after the latest life event, if it was recent."""
    since = today - datetime.timedelta(days=HELP_DAYS)
    told = [m for m in moments if m.life_event and m.done_on >= since]
    if not told:
        return None
    latest = max(told, key=lambda m: (m.done_on, m.pk))
    return {"moment": latest, "links": life_event_help(request, plan, latest.life_event)}


@login_required
def plan_view(request, plan_id):
    plan = _allowed(request, selectors.plan_for_contact(plan_id))
    today = timezone.localdate()
    moments = list(plan.moments.all())
    done = sorted((m for m in moments if m.is_done), key=lambda m: (m.done_on, m.pk), reverse=True)
    return render(
        request,
        "aftercare/contacts/plan.html",
        {
            "plan": plan,
            "today": today,
            "done": done,
            "planned": [m for m in moments if not m.is_done],
            "referrals": list(plan.referrals.all()),
            "successes": list(plan.successes.all()),
            "links": reach_links(plan),
            "writable": writable(plan),
            "help": _help(request, plan, done, today) if plan.has_consent else None,
        },
    )


def _plan_or_404(request, plan_id):
    plan = AftercarePlan.objects.select_related("person", "organisation").filter(pk=plan_id).first()
    return _allowed(request, plan)


def _services(query):
    services = Service.objects.all()
    if query:
        services = services.filter(
            Q(name__icontains=query) | Q(place__icontains=query) | Q(helps_with__icontains=query)
        )
    return services


@login_required
def referral_add(request, plan_id):
    plan = _plan_or_404(request, plan_id)
    if refused := _refuse_if_read_only(request, plan):
        return refused
    query = clean_query(request.GET.get("zoek", ""))
    form = forms.ReferralForm(
        request.POST or None,
        plan=plan,
        services=None if request.method == "POST" else _services(query),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = referral_record(
                plan=plan,
                service=data["service"],
                by=request.user,
                referred_on=data["referred_on"],
                accompanied=data["accompanied"],
                note=data.get("note", ""),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Written down: %(service)s. On %(date)s you ask whether it worked.")
                % {"service": referral.service.name, "date": _long_date(referral.follow_up.due_on)},
            )
            return redirect("aftercare:contact_plan", plan_id=plan.pk)
    return render(
        request,
        "aftercare/contacts/referral_add.html",
        {"plan": plan, "form": form, "query": query},
    )


@login_required
def referral_outcome(request, referral_id):
    referral = (
        Referral.objects.select_related("plan__person", "plan__organisation", "service")
        .filter(pk=referral_id)
        .first()
    )
    plan = _allowed(request, referral.plan if referral else None)
    if request.method == "POST" and (refused := _refuse_if_read_only(request, plan)):
        return refused
    form = forms.ReferralOutcomeForm(
        request.POST or None,
        plan=plan,
        initial={"outcome": referral.outcome or None, "note": referral.note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral_outcome_record(
                referral=referral,
                outcome=form.cleaned_data["outcome"],
                by=request.user,
                note=form.cleaned_data.get("note"),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Written down for %(service)s: %(outcome)s.")
                % {"service": referral.service.name, "outcome": referral.get_outcome_display()},
            )
            return redirect("aftercare:contact_plan", plan_id=plan.pk)
    return render(
        request,
        "aftercare/contacts/referral_outcome.html",
        {"plan": plan, "referral": referral, "form": form, "writable": writable(plan)},
    )


@login_required
def success_add(request, plan_id):
    plan = _plan_or_404(request, plan_id)
    if refused := _refuse_if_read_only(request, plan):
        return refused
    form = forms.SuccessForm(request.POST or None) if plan.has_consent else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            success = success_record(
                plan=plan,
                kind=SuccessKind.OWN,
                title=form.cleaned_data["title"],
                by=request.user,
                happened_on=form.cleaned_data["happened_on"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Written down: %(title)s.") % {"title": success.title})
            return redirect(reverse("aftercare:contact_plan", args=[plan.pk]) + "#successes")
    return render(request, "aftercare/contacts/success_add.html", {"plan": plan, "form": form})
