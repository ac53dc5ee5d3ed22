from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .audit.services import audit_entries_prune
from .digest import weekly_digest_send
from .invitations.services import role_invitations_prune
from .models import User
from .outbox.services import outbox_send, outbox_send_due
from .services import user_anonymise


def send_outbox_message(message_id):
    """Send one outbox message. The only argument is the row's id, so the
    task queue holds no address, body or link; the outcome is recorded on
    the row, and a failure is retried by the outbox, not by django-q2."""
    return outbox_send(pk=message_id)


def send_due_mail():
    """Every minute (website.setup.SCHEDULES): send what is due again, and
    what a stopped worker left behind."""
    return outbox_send_due()


def anonymise_inactive_users():
    """Scheduled daily: anonymise accounts unused for ANONYMISE_AFTER_DAYS."""
    cutoff = timezone.now() - timedelta(days=settings.ANONYMISE_AFTER_DAYS)
    users = User.objects.not_anonymised().inactive_since(cutoff)
    count = 0
    for user in users.iterator():
        user_anonymise(user=user)
        count += 1
    return count


def prune_audit_entries():
    """Scheduled daily: the audit trail keeps AUDIT_RETENTION_DAYS."""
    return audit_entries_prune()


def prune_role_invitations():
    """Scheduled daily: answered or expired role invitations are kept
    INVITATION_RETENTION_DAYS."""
    return role_invitations_prune()


def send_weekly_digest():
    """Scheduled weekly: everyone with something to read gets one e-mail
    (people.digest)."""
    return weekly_digest_send(timezone.localdate())
