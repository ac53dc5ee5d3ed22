"""Recording referrals (doorverwijzen en meenemen) and how they went. A
referral plans a short follow-up a week later: "is het gelukt?"."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..moments.models import Purpose
from ..moments.services import moment_add
from .models import Referral

FOLLOW_UP_DAYS = 7

NO_NOTE_WITHOUT_CONSENT = gettext_lazy("Without consent no note can be kept.")


def _check_writable(plan, note):
    if plan.is_closed or plan.person_id is None:
        raise ValidationError(_("This plan is closed: nothing can be added."))
    if note and not plan.has_consent:
        raise ValidationError({"note": NO_NOTE_WITHOUT_CONSENT})


@transaction.atomic
def referral_record(*, plan, service, by, referred_on, accompanied, note=""):
    """Write down that the person was sent (or taken along) to `service`,
    and plan the follow-up moment a week later."""
    note = note.strip()
    _check_writable(plan, note)
    referral = Referral(
        plan=plan,
        service=service,
        referred_on=referred_on,
        accompanied=accompanied,
        note=note,
        recorded_by=by,
    )
    referral.full_clean()
    referral.save()
    referral.follow_up = moment_add(
        plan=plan,
        # Written down late: the follow-up is today at the earliest.
        due_on=max(referred_on + datetime.timedelta(days=FOLLOW_UP_DAYS), timezone.localdate()),
        by=by,
        purpose=Purpose.FOLLOW_UP,
    )
    referral.save(update_fields=["follow_up"])
    return referral


@transaction.atomic
def referral_outcome_record(*, referral, outcome, by, note=None):
    """How the referral went; `note` (when given) replaces the note."""
    note = referral.note if note is None else note.strip()
    _check_writable(referral.plan, note if note != referral.note else "")
    referral.outcome = outcome
    referral.note = note
    referral.full_clean()
    referral.save(update_fields=["outcome", "note"])
    return referral
