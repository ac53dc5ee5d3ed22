"""Aftercare on the organisation's attention list (the same list as group
absences, groups.attendance): two "niet bereikt" in a row, or "zorgen",
raise a signal without a group for the coordinators; a later moment that
goes well closes it. The signal holds no note from the moment: the plan
keeps those."""

from django.urls import reverse

from groups.attendance.models import SignalKind
from groups.attendance.person_signals import attention_signal_raise, attention_signals_close

from .models import AftercarePlan, Outcome

# "Niet bereikt" this many times in a row raises a signal.
UNREACHED_IN_A_ROW = 2
AFTERCARE_KINDS = [SignalKind.AFTERCARE_UNREACHED, SignalKind.AFTERCARE_CONCERNS]
# The coordinators' plan screen (the aftercare_plans admin viewset's "edit"
# view), below the admin's home.


def _unreached_in_a_row(plan):
    outcomes = plan.moments.done().order_by("-done_on", "-pk").values_list("outcome", flat=True)
    count = 0
    for outcome in outcomes[:50]:
        if outcome != Outcome.UNREACHED:
            break
        count += 1
    return count


def attention_after_moment(moment):
    """After `moment` was recorded: raise or close the plan's signals."""
    plan = moment.plan
    if plan.person_id is None:
        return
    where = {"organisation": plan.organisation, "person": plan.person}
    if moment.outcome == Outcome.CONCERNS:
        attention_signal_raise(**where, kind=SignalKind.AFTERCARE_CONCERNS)
    elif moment.outcome == Outcome.UNREACHED:
        count = _unreached_in_a_row(plan)
        if count >= UNREACHED_IN_A_ROW:
            attention_signal_raise(**where, kind=SignalKind.AFTERCARE_UNREACHED, count=count)
    elif moment.outcome == Outcome.WELL:
        attention_signals_close(**where, kinds=AFTERCARE_KINDS, by=moment.done_by)


def plan_admin_url(plan_id):
    return reverse("aftercare_plans:inspect", args=[plan_id])


def plan_admin_urls(signals):
    """{signal id: the admin URL of the person's plan} for aftercare's
    signals (groups.hooks.ATTENTION_SOURCE_URL): one query."""
    signals = [signal for signal in signals if signal.kind in AFTERCARE_KINDS]
    if not signals:
        return {}
    plans = AftercarePlan.objects.filter(
        organisation_id__in={signal.organisation_id for signal in signals},
        person_id__in={signal.person_id for signal in signals},
    ).order_by("opened_on", "pk")
    # The newest plan of a person in an organisation wins.
    rows = plans.values_list("organisation_id", "person_id", "pk")
    latest = {(organisation_id, person_id): pk for organisation_id, person_id, pk in rows}
    return {
        signal.pk: plan_admin_url(latest[key])
        for signal in signals
        if (key := (signal.organisation_id, signal.person_id)) in latest
    }
