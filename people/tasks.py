from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from .models import User
from .services import user_anonymise


def deliver_email(payload):
    """Send one queued message. An error propagates so that django-q2 keeps
    the task and delivers it again later."""
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        reply_to=payload.get("reply_to") or None,
        headers=payload.get("headers") or None,
    )
    for content, mimetype in payload.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    for name, content, mimetype in payload.get("attachments", []):
        message.attach(name, content, mimetype)
    message.send(fail_silently=False)
    return len(payload["to"])


def anonymise_inactive_users():
    """Scheduled daily: anonymise accounts unused for ANONYMISE_AFTER_DAYS."""
    cutoff = timezone.now() - timedelta(days=settings.ANONYMISE_AFTER_DAYS)
    users = User.objects.not_anonymised().inactive_since(cutoff)
    count = 0
    for user in users.iterator():
        user_anonymise(user=user)
        count += 1
    return count
