"""Closed plans are kept for AFTERCARE_RETENTION_MONTHS, then anonymised:
the person and everything they told go; what the reports count (phases,
moments with their outcomes, referrals, successes) stays, without a name."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import (
    AftercarePlan,
    ContactMoment,
    HelpCardPerson,
    HelpCardService,
    Phase,
    PlanHistory,
    Referral,
    Rhythm,
    Success,
    SuccessKind,
)


@transaction.atomic
def plans_anonymise(*, now=None):
    """Anonymise the plans closed more than AFTERCARE_RETENTION_MONTHS ago;
    returns how many."""
    now = now or timezone.now()
    cutoff = timezone.localdate(now) - relativedelta(months=settings.AFTERCARE_RETENTION_MONTHS)
    plans = AftercarePlan.objects.filter(
        phase=Phase.CLOSED, closed_on__lt=cutoff, anonymised_at__isnull=True
    )
    ids = list(plans.values_list("pk", flat=True))
    if not ids:
        return 0
    ContactMoment.objects.filter(plan__in=ids).update(note="", next_step="", life_event="")
    Referral.objects.filter(plan__in=ids).update(note="")
    HelpCardPerson.objects.filter(plan__in=ids).delete()
    HelpCardService.objects.filter(plan__in=ids).update(for_what="")
    # A reason (a pause for a hospital stay) can say something about the person.
    PlanHistory.objects.filter(plan__in=ids).update(reason="")
    # What the person wrote down themselves becomes "written down".
    Success.objects.filter(plan__in=ids, kind=SuccessKind.OWN).update(
        title=str(SuccessKind.OWN.label)
    )
    AftercarePlan.objects.filter(pk__in=ids).update(
        person=None,
        anonymised_at=now,
        preferred_way="",
        rhythm=Rhythm.AFTER_3_6_12,
        interval_weeks=None,
        wants_to_prevent="",
        watch_out_for="",
        consent_on=None,
        consent_way="",
        consent_recorded_by=None,
    )
    return len(ids)
