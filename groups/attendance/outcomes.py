"""Recording what happened after an attention signal.

"Niet bereikt" records the attempt (who, when, the note) and keeps the
signal open: nobody has spoken to the person yet, so someone should try
again, and the signal still reaches the coordinators when it stays open too
long. Every other outcome closes the signal."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.permissions import may_record_attention_outcome

from .models import RECORDABLE_OUTCOMES, AttentionSignal, SignalOutcome


@transaction.atomic
def signal_outcome_record(*, signal, outcome, note, by):
    """Write down what happened after `signal`, by a trainer of its group or
    a coordinator of its organisation. Returns the signal as saved."""
    if not may_record_attention_outcome(by, signal):
        raise PermissionDenied
    # Two people recording at once: the second sees the first one's outcome.
    signal = (
        AttentionSignal.objects.select_for_update(of=("self",))
        .select_related("group")
        .get(pk=signal.pk)
    )
    if not signal.is_open:
        raise ValidationError(_("Someone already closed this signal."))
    if outcome not in RECORDABLE_OUTCOMES:
        raise ValidationError({"outcome": _("Choose what happened.")})
    now = timezone.now()
    signal.note = (note or "").strip()
    if outcome == SignalOutcome.NOT_REACHED:
        signal.unreached_at, signal.unreached_by = now, by
    else:
        signal.closed_at, signal.closed_by, signal.outcome = now, by, outcome
    signal.full_clean()
    signal.save()
    return signal
