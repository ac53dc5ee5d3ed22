"""The outbox's part of a person's data download and of erasure (AVG)."""

from django.db.models import Q

from .models import OutboxMessage, OutboxStatus

ERASED = "Account removed"


def _mails_to(user):
    return OutboxMessage.objects.filter(Q(user=user) | Q(to_address__iexact=user.email))


def export_mails(user):
    """The mails sent (or meant) for the person: what about and when, no body."""
    return {
        "emails": [
            {
                "subject": message.subject,
                "template": message.template,
                "status": message.status,
                "created_at": message.created_at.isoformat(),
                "sent_at": message.sent_at.isoformat() if message.sent_at else None,
            }
            for message in _mails_to(user).order_by("created_at", "pk")
        ]
    }


def erase_mails(user):
    """Keep that a mail existed, not to whom or what about; a mail still
    waiting is not sent to someone who left."""
    mails = _mails_to(user)
    mails.filter(status=OutboxStatus.QUEUED).update(
        status=OutboxStatus.FAILED, next_attempt_at=None, last_error=ERASED
    )
    mails.update(to_address="", subject="", context={}, attachments=[])
