"""The person's own pages, on a phone and without JavaScript: how and how
often to keep in touch, pause or resume, stop. Anyone but the person gets a
404; a closed plan sends them back to Mijn Waakvlam, where its help card is."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from people.messages import error_message
from people.permissions import may_change_own_plan

from ..models import AftercarePlan, ConsentWay
from ..plans.services import plan_choices_record, plan_pause, plan_resume
from .forms import ContactForm, PauseForm
from .section import next_moment_sentence
from .services import plan_stop


def own_plan_or_404(request, plan_id):
    plans = AftercarePlan.objects.select_related("organisation", "contact")
    plan = plans.filter(pk=plan_id).first()
    if plan is None or not may_change_own_plan(request.user, plan):
        raise Http404
    return plan


def _posted(request):
    # An empty POST is still a POST: the form says what is missing.
    return request.POST if request.method == "POST" else None


def back_to_my(plan):
    return redirect(f"{reverse('people:my')}#nazorg-{plan.pk}")


def _closed(request, plan):
    messages.info(request, _("This aftercare has ended. Your help card is still here."))
    return back_to_my(plan)


def _next(plan):
    """The sentence about the next moment, as "Mijn nazorg" shows it."""
    moment = plan.moments.open().order_by("due_on", "pk").first()
    return next_moment_sentence(
        plan, moment.due_on if moment else None, moment.way if moment else ""
    )


@login_required
def contact(request, plan_id):
    """ "Hoe wilt u contact houden?": the way and the rhythm, kept only with
    the person's consent."""
    plan = own_plan_or_404(request, plan_id)
    if plan.is_closed:
        return _closed(request, plan)
    form = ContactForm(_posted(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        consent = (
            {"consent_on": timezone.localdate(), "consent_way": ConsentWay.ONLINE}
            if form.needs_consent
            else {}
        )
        try:
            plan_choices_record(plan=plan, by=request.user, **consent, **form.choices())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Saved. %(next)s") % {"next": _next(plan)})
            return back_to_my(plan)
    return render(request, "aftercare/mine/contact.html", {"plan": plan, "form": form})


@login_required
def pause(request, plan_id):
    """Pause for a while (a hospital stay, a hard time), or begin again."""
    plan = own_plan_or_404(request, plan_id)
    if plan.is_closed:
        return _closed(request, plan)
    if request.method == "POST" and "resume" in request.POST:
        return _resume(request, plan)
    form = PauseForm(_posted(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plan_pause(plan=plan, by=request.user, reason=form.cleaned_data.get("reason", ""))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request, _("Aftercare is paused. Begin again whenever you want, here.")
            )
            return back_to_my(plan)
    return render(request, "aftercare/mine/pause.html", {"plan": plan, "form": form})


def _resume(request, plan):
    try:
        plan_resume(plan=plan, by=request.user)
    except ValidationError as error:
        messages.error(request, error_message(error))
        return redirect("aftercare:mine_pause", plan.pk)
    messages.success(request, _("Good to have you back. %(next)s") % {"next": _next(plan)})
    return back_to_my(plan)


@login_required
def stop(request, plan_id):
    """Stop aftercare: first a page that asks if the person is sure."""
    plan = own_plan_or_404(request, plan_id)
    if plan.is_closed:
        return _closed(request, plan)
    if request.method == "POST":
        plan_stop(plan=plan, by=request.user)
        messages.success(
            request,
            _("Aftercare has stopped. You keep your help card. You can always come back."),
        )
        return back_to_my(plan)
    return render(request, "aftercare/mine/stop.html", {"plan": plan})
