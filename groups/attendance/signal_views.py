"""Recording what happened after an attention signal, on the site: the
small form beside each signal on Mijn Waakvlam posts here; this page shows
the form again when something was not right, with what was typed kept.
Only the group's trainers and the organisation's coordinators; anyone else,
a signal that is closed, and a signal without a group (aftercare: the
admin's attention list only) gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from people.admin_kit.views import add_service_error
from people.audit.services import VIEW, audit_log
from people.permissions import may_record_signal_outcome

from .forms import SignalOutcomeForm
from .models import AttentionSignal, SignalOutcome
from .outcomes import signal_outcome_record
from .selectors import attention_text


def _signal_or_404(request, signal_id):
    signal = (
        AttentionSignal.objects.open()
        .select_related("group", "person", "unreached_by")
        .filter(pk=signal_id, group__isnull=False)
        .first()
    )
    if signal is None or not may_record_signal_outcome(request.user, signal.group):
        raise Http404
    return signal


def outcome_message(signal):
    if signal.is_open:
        return _("Written down: %(name)s was not reached. Try again another time.") % {
            "name": signal.person.full_name
        }
    return _("Written down for %(name)s: %(outcome)s.") % {
        "name": signal.person.full_name,
        "outcome": signal.get_outcome_display(),
    }


@login_required
def signal_outcome(request, signal_id):
    signal = _signal_or_404(request, signal_id)
    form = SignalOutcomeForm(request.POST or None, prefix=f"signal-{signal.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            saved = signal_outcome_record(
                signal=signal,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, outcome_message(saved))
            return redirect(reverse("people:my") + "#attention-heading")
    audit_log(
        user=request.user,
        action=VIEW,
        label=signal.group.title,
        obj=signal,
        data={"page": "signal_outcome"},
    )
    return render(
        request,
        "groups/attendance/signal_outcome.html",
        {
            "signal": signal,
            "form": form,
            "attention": attention_text(signal),
            "not_reached": SignalOutcome.NOT_REACHED,
        },
    )
