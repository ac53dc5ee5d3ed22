"""E-mail goes through Waakvlam's outbox (people.outbox): a row per message
and a django-q2 task, carrying only the row's id, that runs after the
transaction commits. A rolled-back change sends nothing, a mail server that
is down loses nothing (the outbox tries again for days), and no body, link
or token waits in the task queue."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .models import OutboxKind, User
from .outbox import account_mail
from .outbox.context import SendTime, pack, send_time
from .outbox.services import outbox_add

__all__ = ["SendTime", "mail_suppressed", "send_templated_email", "send_time"]

_suppressed = ContextVar("mail_suppressed", default=False)


@contextmanager
def mail_suppressed():
    """Queue nothing inside this block (demo data, imports)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def _sendable(address):
    """Addresses under `.invalid` (no e-mail, anonymised) get nothing."""
    return bool(address) and not address.endswith(".invalid")


def _user_for(address, context):
    """The account the mail is for (for the person's data download and
    erasure); usually already in the context."""
    for key in ("person", "user"):
        user = context.get(key)
        if isinstance(user, User) and user.email.lower() == address.lower():
            return user
    return User.objects.filter(email__iexact=address).first()


def send_templated_email(*, to, template, context, language=None, attachments=()):
    """Queue `templates/<template>_subject.txt`, `_message.txt` and
    `_message.html`, rendered in the recipient's language when the mail
    leaves. `context` holds records and plain values; a link with a token
    is a `SendTime` value, made at send time."""
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [address for address in recipients if _sendable(address)]
    if not recipients or _suppressed.get():
        return
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        packed = pack(context)
    for address in recipients:
        outbox_add(
            to_address=address,
            user=_user_for(address, context),
            kind=OutboxKind.TEMPLATED,
            template=template,
            language=language,
            subject=f"Waakvlam: {subject}",
            context=packed,
            attachments=attachments,
        )


def queue_account_mail(*, template_prefix, email, context, request):
    """One of allauth's mails (people.adapters), in the language of the
    request; its token is made when it leaves (people.outbox.account_mail)."""
    if not _sendable(email) or _suppressed.get():
        return
    stored = account_mail.stored_context(template_prefix, context, request)
    outbox_add(
        to_address=email,
        user=_user_for(email, context),
        kind=OutboxKind.ACCOUNT,
        template=template_prefix,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        subject=account_mail.render_subject(template_prefix, context),
        context=pack(stored),
    )
