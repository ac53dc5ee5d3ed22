"""E-mail leaves through a django-q2 task after the transaction commits, so a
rolled-back change sends nothing and a mail server that is down loses nothing
(the task is retried)."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_q.tasks import async_task

_suppressed = ContextVar("mail_suppressed", default=False)


@contextmanager
def mail_suppressed():
    """Queue nothing inside this block (demo data, imports)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def message_to_payload(message):
    """A plain dict of the message, safe to store in the task queue."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "reply_to": list(message.reply_to),
        "alternatives": [
            (content, mimetype) for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [
            (name, content, mimetype) for name, content, mimetype in message.attachments
        ],
        "headers": dict(message.extra_headers),
    }


def queue_message(message):
    if _suppressed.get():
        return
    payload = message_to_payload(message)
    transaction.on_commit(
        lambda: async_task("people.tasks.deliver_email", payload, task_name="e-mail")
    )


def send_templated_email(*, to, template, context, language=None, attachments=()):
    """Render `templates/<template>_subject.txt`, `_message.txt` and
    `_message.html` in the recipient's language and queue the message.
    Addresses under `.invalid` (no e-mail, anonymised) get nothing."""
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [address for address in recipients if not address.endswith(".invalid")]
    if not recipients or _suppressed.get():
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}_message.txt", context).strip()
        html = render_to_string(f"{template}_message.html", context)
    message = EmailMultiAlternatives(
        subject=f"Waakvlam: {subject}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    queue_message(message)
