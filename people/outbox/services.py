"""Putting a message in the outbox, and sending it from there.

A message is claimed before it is sent: the claim moves its next attempt a
lease ahead, in a transaction that skips rows another worker holds, so two
workers (or a task and the sweep) never send one message twice. A worker
killed while sending leaves the message queued; when the lease ends the
sweep tries again. Every failure is recorded on the row (the kind of error
only) and retried after MAIL_RETRY_DELAYS; after MAIL_RETRY_DAYS the message
is flagged as failed, where coordinators see it."""

import logging
import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from .context import RecordGone
from .models import OutboxMessage, OutboxStatus
from .rendering import pack_attachments, render

logger = logging.getLogger(__name__)

SEND_TASK = "people.tasks.send_outbox_message"


def _lease():
    # Longer than django-q2 lets a task run: a claimed message is either
    # finished or its worker was stopped.
    return timedelta(seconds=5 * settings.Q_CLUSTER["timeout"])


def _enqueue(message_id):
    """The task carries the id and nothing else."""
    transaction.on_commit(lambda: async_task(SEND_TASK, message_id, task_name="e-mail"))


def outbox_add(*, to_address, user, kind, template, language, subject, context, attachments=()):
    """Queue one message; its task is enqueued once the transaction commits
    (a rolled-back change sends nothing)."""
    now = timezone.now()
    message = OutboxMessage(
        to_address=to_address,
        user=user,
        kind=kind,
        template=template,
        language=language,
        subject=subject[:255],
        context=context,
        attachments=pack_attachments(attachments),
        next_attempt_at=now,
        queued_at=now,
        created_at=now,
    )
    # One INSERT per mail: the values come from code, not from a form, and
    # the database holds the constraints (checking them here would cost a
    # query each, for every mail a page queues).
    message.full_clean(exclude=["user"], validate_constraints=False)
    message.save()
    _enqueue(message.pk)
    return message


def outbox_claim(*, pk=None):
    """Lease the message `pk` (or the first due one) to this worker; None
    when it is not due, already sent, or held by another worker."""
    now = timezone.now()
    with transaction.atomic():
        due = OutboxMessage.objects.due(now).select_for_update(skip_locked=True)
        if pk is not None:
            due = due.filter(pk=pk)
        message = due.order_by("next_attempt_at", "pk").first()
        if message is None:
            return None
        message.attempts += 1
        message.next_attempt_at = now + _lease()
        message.save(update_fields=["attempts", "next_attempt_at"])
    return message


def short_error(error):
    """What went wrong, without the error's text: a template error can
    quote a link, an SMTP refusal an address."""
    name = type(error).__name__
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{name}: {error.smtp_code}"
    if isinstance(error, OSError) and error.strerror:
        return f"{name}: {error.strerror}"[:200]
    return name


def retry_delay(attempts):
    delays = settings.MAIL_RETRY_DELAYS
    return timedelta(seconds=delays[min(attempts, len(delays)) - 1])


def _update_queued(message, **fields):
    """Only a row still queued changes: an erasure in the meantime wins."""
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.QUEUED).update(**fields)
    for name, value in fields.items():
        setattr(message, name, value)


def _record_failure(message, error, *, final=False):
    now = timezone.now()
    give_up = final or now >= message.queued_at + timedelta(days=settings.MAIL_RETRY_DAYS)
    if give_up:
        _update_queued(message, status=OutboxStatus.FAILED, next_attempt_at=None, last_error=error)
    else:
        next_attempt = now + retry_delay(message.attempts)
        _update_queued(message, next_attempt_at=next_attempt, last_error=error)
    logger.warning(
        "E-mail %s not sent (attempt %s, %s)%s",
        message.pk,
        message.attempts,
        error,
        "; given up" if give_up else "",
    )


def outbox_deliver(*, message):
    """Render and send a claimed message; record how it went. Never raises:
    the outcome is on the row, and django-q2 must not retry on its own."""
    try:
        render(message).send(fail_silently=False)
    except RecordGone as error:
        _record_failure(message, f"RecordGone: {error}"[:200], final=True)
    except Exception as error:  # noqa: BLE001 - any failure is recorded and retried
        _record_failure(message, short_error(error))
    else:
        _update_queued(
            message,
            status=OutboxStatus.SENT,
            sent_at=timezone.now(),
            next_attempt_at=None,
            last_error="",
            context={},
            attachments=[],
        )
    return message.status


def outbox_send(*, pk):
    """The task of one message: send it if it is (still) due."""
    message = outbox_claim(pk=pk)
    return outbox_deliver(message=message) if message else "skipped"


def outbox_send_due(*, budget_seconds=None):
    """The sweep: send every due message, one claim at a time, until none is
    due or the time is up (the next sweep goes on). Returns how many were
    tried."""
    if budget_seconds is None:
        budget_seconds = settings.Q_CLUSTER["timeout"] / 2
    deadline = time.monotonic() + budget_seconds
    tried = 0
    while time.monotonic() < deadline:
        message = outbox_claim()
        if message is None:
            break
        outbox_deliver(message=message)
        tried += 1
    return tried


@transaction.atomic
def outbox_retry(*, message):
    """A coordinator sends a failed message again: a new round of retries."""
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.status != OutboxStatus.FAILED:
        raise ValidationError(_("Only an e-mail that failed can be sent again."))
    if not message.to_address or not message.template:
        raise ValidationError(_("This e-mail can no longer be sent: the address was removed."))
    now = timezone.now()
    message.status = OutboxStatus.QUEUED
    message.attempts = 0
    message.next_attempt_at = now
    message.queued_at = now
    message.full_clean()
    message.save()
    _enqueue(message.pk)
    return message
