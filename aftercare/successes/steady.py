"""3, 6 and 12 months without "zorgen": a success, counted from the plan's
start or from the last moment with concerns, once per plan and milestone
(the source "months:<n>"). Run daily (aftercare.tasks); running it again,
or in two workers, records nothing twice (success_record)."""

from dateutil.relativedelta import relativedelta
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import ngettext

from ..models import AftercarePlan, Outcome, Success, SuccessKind
from .services import success_record

MILESTONES = (3, 6, 12)


def _source(months):
    return f"months:{months}"


def steady_successes_record(today=None):
    """Record every milestone reached; returns how many were recorded. A
    fixed number of queries besides one write per new success."""
    today = today or timezone.localdate()
    plans = AftercarePlan.objects.active().annotate(
        last_concerns=Max("moments__done_on", filter=Q(moments__outcome=Outcome.CONCERNS))
    )
    plans = list(plans)
    recorded = set(
        Success.objects.filter(
            plan__in=plans, source__in=[_source(months) for months in MILESTONES]
        ).values_list("plan_id", "source")
    )
    count = 0
    for plan in plans:
        since = max(filter(None, [plan.start_date, plan.last_concerns]))
        for months in MILESTONES:
            reached_on = since + relativedelta(months=months)
            if reached_on > today or (plan.pk, _source(months)) in recorded:
                continue
            title = ngettext(
                "%(months)s month without concerns",
                "%(months)s months without concerns",
                months,
            ) % {"months": months}
            success_record(
                plan=plan,
                kind=SuccessKind.MONTHS_WITHOUT_CONCERNS,
                title=title,
                source=_source(months),
                happened_on=reached_on,
            )
            count += 1
    return count
