"""Opening, changing, pausing and closing aftercare plans. Every write is
atomic, checks the model's rules and leaves a line in the plan's history."""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import mail
from ..moments.services import moments_plan
from ..selectors import eligible_contacts
from ..successes.services import success_record
from .models import (
    DEFAULT_AFTERCARE_MONTHS,
    AftercarePlan,
    HistoryKind,
    Phase,
    PlanHistory,
    default_aftercare_until,
)

# The order of the phases; closing the one before is a success.
PHASE_ORDER = (Phase.STABILISATION, Phase.DEVELOPMENT, Phase.AFTERCARE)
CHOICE_FIELDS = ("preferred_way", "rhythm", "interval_weeks", "wants_to_prevent", "watch_out_for")


def _history(plan, kind, by, **values):
    PlanHistory.objects.create(plan=plan, kind=kind, by=by, **values)


def _check_contact(organisation, contact):
    if contact is not None and not eligible_contacts(organisation).filter(pk=contact.pk).exists():
        raise ValidationError(
            {"contact": _("This person cannot be a steady contact of this organisation.")}
        )


@transaction.atomic
def plan_open(
    *,
    organisation,
    person,
    contact,
    by,
    debt_ended_on=None,
    aftercare_until=None,
    phase=Phase.STABILISATION,
):
    """Open a plan with the person; the choices follow with
    `plan_choices_record` once they have been asked."""
    _check_contact(organisation, contact)
    plan = AftercarePlan(
        organisation=organisation,
        person=person,
        contact=contact,
        phase=phase,
        debt_ended_on=debt_ended_on,
        opened_by=by,
    )
    plan.aftercare_until = aftercare_until or default_aftercare_until(plan.start_date)
    plan.full_clean()
    plan.save()
    _history(plan, HistoryKind.OPENED, by, new_value=plan.get_phase_display())
    moments_plan(plan=plan)
    if contact is not None:
        mail.contact_introduce(plan)
    return plan


@transaction.atomic
def plan_choices_record(*, plan, by, consent_on=None, consent_way="", **choices):
    """Write down the person's choices (how and how often, what they want to
    prevent, what they watch out for) with their consent, and plan the
    moments anew. Without consent (none recorded before either) the choices
    are not kept, except how often: the organisation's rhythm."""
    unknown = set(choices) - set(CHOICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown choices: {sorted(unknown)}")
    # What is stored counts, not what an earlier refused attempt left behind.
    plan.refresh_from_db()
    if consent_on is not None and plan.consent_on is None:
        plan.consent_on, plan.consent_way, plan.consent_recorded_by = consent_on, consent_way, by
        _history(plan, HistoryKind.CONSENT, by, new_value=plan.get_consent_way_display())
    for name, value in choices.items():
        setattr(plan, name, value.strip() if isinstance(value, str) else value)
    if not plan.has_consent and (plan.preferred_way or plan.wants_to_prevent or plan.watch_out_for):
        raise ValidationError(_("Ask for consent first: without it these choices are not kept."))
    plan.full_clean()
    plan.save()
    _history(plan, HistoryKind.CHOICES, by, new_value=plan.get_rhythm_display())
    moments_plan(plan=plan)
    return plan


@transaction.atomic
def plan_consent_withdraw(*, plan, by):
    """The person no longer wants their details kept: the choices and every
    note go; the person, the contact and the dates stay."""
    plan.consent_on, plan.consent_way, plan.consent_recorded_by = None, "", None
    plan.preferred_way = plan.wants_to_prevent = plan.watch_out_for = ""
    plan.full_clean()
    plan.save()
    plan.moments.update(note="", next_step="", life_event="")
    plan.referrals.update(note="")
    _history(plan, HistoryKind.CONSENT, by, new_value=_("withdrawn"))
    return plan


@transaction.atomic
def plan_contact_change(*, plan, contact, reason, by):
    """Continuity: someone else becomes the steady contact, on purpose and
    with a reason; the person is told; the notes stay with the plan."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the contact changes.")})
    if contact.pk == plan.contact_id:
        raise ValidationError({"contact": _("This is already the steady contact.")})
    _check_contact(plan.organisation, contact)
    old = plan.contact
    plan.contact = contact
    plan.full_clean()
    plan.save()
    _history(
        plan,
        HistoryKind.CONTACT,
        by,
        old_value=old.full_name if old else "",
        new_value=contact.full_name,
        old_contact=old,
        reason=reason.strip(),
    )
    mail.contact_introduce(plan)
    return plan


@transaction.atomic
def plan_phase_change(*, plan, phase, by, reason=""):
    """What the plan is mainly about now; moving on from a phase is a success."""
    if phase == Phase.CLOSED:
        return plan_close(plan=plan, by=by, reason=reason)
    if plan.is_closed:
        raise ValidationError(_("Reopen the plan first."))
    old = plan.phase
    if old == phase:
        return plan
    plan.phase = phase
    plan.full_clean()
    plan.save()
    _history(
        plan,
        HistoryKind.PHASE,
        by,
        old_value=Phase(old).label,
        new_value=plan.get_phase_display(),
        reason=reason.strip(),
    )
    if PHASE_ORDER.index(phase) > PHASE_ORDER.index(old):
        _phase_success(plan, old, by)
    return plan


def _phase_success(plan, phase, by):
    success_record(
        plan=plan,
        kind="phase",
        title=_("Phase %(phase)s completed") % {"phase": Phase(phase).label},
        source=f"phase:{phase}:{plan.history.count()}",
        by=by,
    )


@transaction.atomic
def plan_until_change(*, plan, aftercare_until, reason, by):
    """ "Zo kort als kan, zo lang als nodig": a longer or shorter aftercare."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why aftercare ends on another day.")})
    old = plan.aftercare_until
    plan.aftercare_until = aftercare_until
    plan.full_clean()
    plan.save()
    _history(
        plan,
        HistoryKind.UNTIL,
        by,
        old_value=old.isoformat(),
        new_value=aftercare_until.isoformat(),
        reason=reason.strip(),
    )
    moments_plan(plan=plan)
    return plan


@transaction.atomic
def plan_pause(*, plan, by, reason=""):
    """A pause (a hospital stay, a hard time): no moments until resumed."""
    if plan.is_closed or plan.is_paused:
        raise ValidationError(_("This plan cannot be paused now."))
    plan.paused_on = timezone.localdate()
    plan.save(update_fields=["paused_on"])
    _history(plan, HistoryKind.PAUSED, by, reason=reason.strip())
    moments_plan(plan=plan)
    return plan


@transaction.atomic
def plan_resume(*, plan, by):
    if not plan.is_paused:
        raise ValidationError(_("This plan is not paused."))
    plan.paused_on = None
    plan.save(update_fields=["paused_on"])
    _history(plan, HistoryKind.RESUMED, by)
    moments_plan(plan=plan)
    return plan


@transaction.atomic
def plan_close(*, plan, by, reason=""):
    """Close the plan: no more moments; the person keeps their help card."""
    if plan.is_closed:
        raise ValidationError(_("This plan is already closed."))
    old = plan.phase
    plan.phase, plan.closed_on, plan.paused_on = Phase.CLOSED, timezone.localdate(), None
    plan.full_clean()
    plan.save()
    plan.moments.open().delete()
    _history(plan, HistoryKind.CLOSED, by, old_value=Phase(old).label, reason=reason.strip())
    _phase_success(plan, old, by)
    return plan


@transaction.atomic
def plan_reopen(*, plan, by, reason, phase=Phase.AFTERCARE):
    """ "De cirkel draait door": a closed plan runs again, with the same
    contact and choices, for a new round counted from today."""
    if not plan.is_closed:
        raise ValidationError(_("Only a closed plan can be reopened."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the plan is reopened.")})
    today = timezone.localdate()
    plan.phase, plan.closed_on, plan.restarted_on = phase, None, today
    plan.aftercare_until = max(
        plan.aftercare_until, today + relativedelta(months=DEFAULT_AFTERCARE_MONTHS)
    )
    plan.full_clean()
    plan.save()
    _history(
        plan,
        HistoryKind.REOPENED,
        by,
        new_value=plan.get_phase_display(),
        reason=reason.strip(),
    )
    moments_plan(plan=plan)
    return plan
