"""Steps every invitation's services share; they run inside the caller's
transaction (the callers are atomic)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .base import EXPIRED


def renewable(unanswered):
    """The open invitation among `unanswered` (a queryset for one address
    and purpose) to renew, locked; an expired one is closed, so a fresh one
    takes its place. None when there is none."""
    invitation = unanswered.select_for_update().first()
    if invitation is not None and not invitation.is_open:
        close(invitation, EXPIRED)
        return None
    return invitation


def save_with_token(invitation):
    """Save, and store the hash of the token, which needs the row's pk."""
    invitation.full_clean(exclude=["token_hash"])
    invitation.save()
    if not invitation.token_hash:
        invitation.token_hash = invitation.hash_token(invitation.token())
        invitation.save(update_fields=["token_hash"])
    return invitation


def close(invitation, answer, **links):
    """Record the answer (and what it led to, e.g. enrolment=...)."""
    invitation.answer = answer
    invitation.answered_at = timezone.now()
    for name, value in links.items():
        setattr(invitation, name, value)
    invitation.full_clean()
    invitation.save()


def locked_open(invitation):
    invitation = type(invitation).objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer valid."))
    return invitation


def prune(model):
    """Remove `model`'s invitations answered or expired more than
    INVITATION_RETENTION_DAYS ago; returns how many."""
    cutoff = timezone.now() - timedelta(days=settings.INVITATION_RETENTION_DAYS)
    deleted, _rows = model.objects.closed_before(cutoff).delete()
    return deleted
