"""Retries with back-off for days, then flagged as failed; a message is
sent once, also with two workers or a worker that was stopped."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.models import Schedule, Task
from django_q.scheduler import scheduler

from people.mail import send_templated_email
from people.models import OutboxMessage, OutboxStatus
from people.outbox.services import outbox_claim, outbox_deliver, outbox_send_due

pytestmark = pytest.mark.django_db

MINUTE, HOUR = 60, 3600


def queue(sent, count=1):
    with sent():
        for n in range(count):
            send_templated_email(to=f"persoon{n}@example.org", template="email/test", context={})


def test_a_failing_mail_is_retried_with_back_off_for_three_days_then_flagged(
    sent, clock, mail_server_down
):
    start = clock.now
    queue(sent)
    message = OutboxMessage.objects.get()
    delays = []
    while message.status == OutboxStatus.QUEUED:
        delays.append((message.next_attempt_at - clock.now).total_seconds())
        clock.now = message.next_attempt_at
        outbox_send_due()
        message.refresh_from_db()

    assert delays[:8] == [
        MINUTE,
        5 * MINUTE,
        15 * MINUTE,
        HOUR,
        3 * HOUR,
        6 * HOUR,
        12 * HOUR,
        12 * HOUR,
    ]
    assert set(delays[7:]) == {12 * HOUR}
    assert message.status == OutboxStatus.FAILED
    assert clock.now - start >= timedelta(days=3)
    assert clock.now - start < timedelta(days=3, hours=12)
    assert message.attempts == len(delays) + 1
    assert message.last_error == "SMTPServerDisconnected"
    assert message.next_attempt_at is None
    assert mail.outbox == []


def test_a_mail_server_that_is_back_gets_the_waiting_mail(sent, clock, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    working = EmailBackend.send_messages

    def refuse(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    queue(sent)
    message = OutboxMessage.objects.get()
    assert message.last_error == "ConnectionRefusedError: Connection refused"
    assert outbox_send_due() == 0, "not due before its next attempt"

    monkeypatch.setattr(EmailBackend, "send_messages", working)
    clock.now += timedelta(hours=1)
    assert outbox_send_due() == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.sent_at == clock.now
    assert len(mail.outbox) == 1


def test_a_message_claimed_by_one_worker_is_not_sent_by_another(sent, clock, mail_server_down):
    queue(sent)  # first attempt fails
    clock.now += timedelta(minutes=2)
    message = outbox_claim()
    assert message is not None
    assert outbox_claim() is None
    assert outbox_send_due() == 0


def test_a_worker_stopped_while_sending_leaves_the_message_for_the_sweep(
    sent, clock, mail_server_down, monkeypatch
):
    queue(sent)
    clock.now += timedelta(minutes=2)
    outbox_claim()  # ... and the worker is killed before it sends
    assert outbox_send_due() == 0, "held while its lease lasts"
    monkeypatch.undo()  # the mail server works again (and the clock is real)
    clock.now += timedelta(minutes=10)
    monkeypatch.setattr("django.utils.timezone.now", lambda: clock.now)
    assert outbox_send_due() == 1
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT
    assert len(mail.outbox) == 1


def test_the_task_of_a_sent_message_sends_nothing_more(sent):
    queue(sent)
    message = OutboxMessage.objects.get()
    assert outbox_claim(pk=message.pk) is None
    assert outbox_send_due() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_every_message_exactly_once(sent, mail_server_down, clock):
    queue(sent, count=12)  # all twelve wait for a retry
    clock.now += timedelta(minutes=2)
    delivered = []

    def record(self, messages):
        delivered.extend(message.to[0] for message in messages)
        return len(messages)

    from django.core.mail.backends.locmem import EmailBackend

    EmailBackend.send_messages, original = record, EmailBackend.send_messages
    barrier = threading.Barrier(2)

    def sweep():
        barrier.wait()
        try:
            outbox_send_due()
        finally:
            connection.close()

    try:
        workers = [threading.Thread(target=sweep) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        EmailBackend.send_messages = original
    assert sorted(delivered) == sorted(f"persoon{n}@example.org" for n in range(12))
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


def test_a_message_about_a_record_that_is_gone_fails_at_once(sent, clock):
    from tests.factories import UserFactory

    person = UserFactory()
    with sent():
        send_templated_email(
            to="fatima@example.org", template="email/test", context={"name": person}
        )
    message = OutboxMessage.objects.get()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.QUEUED,
        sent_at=None,
        next_attempt_at=clock.now,
        context={"name": {"$model": "people.user", "pk": person.pk + 1000}},
    )
    outbox_send_due()
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.last_error == "RecordGone: people.user"


def test_the_schedule_runs_the_sweep_every_minute_and_keeps_no_result(sent, mail_server_down):
    queue(sent)
    message = OutboxMessage.objects.get()
    OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    schedule = Schedule.objects.get(func="people.tasks.send_due_mail")
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, 1)
    Schedule.objects.exclude(pk=schedule.pk).delete()
    Schedule.objects.filter(pk=schedule.pk).update(next_run=timezone.now() - timedelta(minutes=1))

    scheduler(broker=get_broker())  # runs the task inline (Q_CLUSTER["sync"])

    message.refresh_from_db()
    assert message.attempts == 2
    assert not Task.objects.filter(func="people.tasks.send_due_mail").exists()


def test_outbox_deliver_never_raises(sent, clock, monkeypatch):
    queue(sent)
    message = OutboxMessage.objects.get()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.QUEUED, sent_at=None, next_attempt_at=clock.now, template="email/gone"
    )
    claimed = outbox_claim()
    assert outbox_deliver(message=claimed) == OutboxStatus.QUEUED
    claimed.refresh_from_db()
    assert claimed.last_error == "TemplateDoesNotExist"
