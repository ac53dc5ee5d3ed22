"""Attention signals a higher app raises for a person in an organisation,
without a group (aftercare: not reached twice in a row, concerns). They sit
on the organisation's attention list beside the groups' signals and reach
the coordinators by the same rules (escalation); no trainer sees them."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import GROUPLESS_KINDS, AttentionSignal, SignalOutcome


def _open(organisation, person, kinds):
    return AttentionSignal.objects.open().filter(
        organisation=organisation, person=person, group__isnull=True, kind__in=kinds
    )


@transaction.atomic
def attention_signal_raise(*, organisation, person, kind, count=1):
    """Open the organisation's signal of `kind` for `person`, or bring the
    open one up to date (`count`: how many times in a row). One open signal
    per organisation, person and kind, also when two raise it at once."""
    if kind not in GROUPLESS_KINDS:
        raise ValidationError({"kind": _("This kind of signal belongs to a group.")})
    signal = _open(organisation, person, [kind]).select_for_update().first()
    if signal is None:
        signal = AttentionSignal(organisation=organisation, person=person, kind=kind, missed=count)
    elif signal.missed == count:
        return signal
    signal.missed = count
    signal.full_clean(validate_constraints=False)
    try:
        # A savepoint: a concurrent raise must not break the caller's work.
        with transaction.atomic():
            signal.save()
    except IntegrityError:
        return _open(organisation, person, [kind]).get()
    return signal


@transaction.atomic
def attention_signals_close(*, organisation, person, kinds, by):
    """Things went well after all: close the person's open signals of
    `kinds` as "doing fine", by `by`. Returns how many were closed."""
    return _open(organisation, person, kinds).update(
        closed_at=timezone.now(), closed_by=by, outcome=SignalOutcome.FINE
    )
