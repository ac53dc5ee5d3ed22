"""Attention signals that reach the coordinators: a signal still without an
outcome after ATTENTION_ESCALATION_DAYS, or a person with open signals in
two groups of the same organisation. Run hourly (groups.tasks); a second
signal is therefore passed on within the hour after it was raised. Signals
without a group (aftercare) are passed on when they stay open too long;
"two groups" counts groups' signals only.

"Told once" is `escalated_at`: it is set in the same transaction that
queues the mail, on rows locked first, so a second run or a second worker
finds nothing left to do. "Niet bereikt" is no outcome: it does not stop
the signal from reaching the coordinators."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from people.models import Membership, Role

from . import notifications
from .models import AttentionSignal


def _due(overdue_before):
    """(organisation id, person id) of everyone with a signal to pass on."""
    other_open = (
        AttentionSignal.objects.open()
        .filter(person=OuterRef("person"), organisation=OuterRef("organisation"))
        .filter(group__isnull=False)
        .exclude(pk=OuterRef("pk"))
    )
    return (
        AttentionSignal.objects.open()
        .filter(escalated_at__isnull=True)
        .filter(Q(raised_at__lte=overdue_before) | Q(Exists(other_open), group__isnull=False))
        .values_list("organisation_id", "person_id")
        .distinct()
    )


def _coordinators(organisation_id):
    memberships = (
        Membership.objects.filter(organisation_id=organisation_id, role=Role.COORDINATOR)
        .filter(user__is_active=True)
        # No address (anonymised): nothing to send.
        .exclude(user__email__endswith=".invalid")
        .select_related("user")
        .order_by("user_id")
    )
    return [membership.user for membership in memberships]


@transaction.atomic
def _escalate(organisation_id, person_id, *, now, overdue_before):
    """Pass on one person's open signals in one organisation: one mail to
    each coordinator. False when another run did it already."""
    signals = list(
        AttentionSignal.objects.open()
        .select_for_update(of=("self",))
        .filter(person_id=person_id, organisation_id=organisation_id)
        .select_related("group", "person")
        .order_by("raised_at", "pk")
    )
    several = sum(signal.group_id is not None for signal in signals) > 1
    due = [
        signal
        for signal in signals
        if signal.escalated_at is None
        and ((several and signal.group_id) or signal.raised_at <= overdue_before)
    ]
    if not due:
        return False
    AttentionSignal.objects.filter(pk__in=[signal.pk for signal in due]).update(escalated_at=now)
    notifications.attention_escalated(
        person=signals[0].person,
        signals=signals,
        coordinators=_coordinators(organisation_id),
        several_groups=several,
    )
    return True


def signals_escalate(now=None):
    """Pass on what is due; returns how many people were passed on."""
    now = now or timezone.now()
    overdue_before = now - timedelta(days=settings.ATTENTION_ESCALATION_DAYS)
    return sum(
        _escalate(organisation_id, person_id, now=now, overdue_before=overdue_before)
        for organisation_id, person_id in list(_due(overdue_before))
    )
