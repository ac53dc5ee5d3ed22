"""The steady contact's reminder the week before a moment: one e-mail per
moment, also when the job runs twice or in two workers at once; it names
the person's first name and the day, never a note or a choice."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_q.models import Schedule

from aftercare import tasks
from aftercare.moments.reminders import moment_remind, moments_to_remind
from aftercare.plans.services import plan_pause
from people.models import OutboxMessage

from .helpers import TODAY, contact_with_plans, in_days

pytestmark = pytest.mark.django_db


def test_each_moment_is_told_once_also_when_run_twice(sent):
    contact, (plan,) = contact_with_plans(watch_out_for="Geheim-Brieven-4716")

    with sent():
        assert tasks.remind_contact_moments() == 1
    with sent():
        assert tasks.remind_contact_moments() == 0

    (message,) = mail.outbox
    assert message.to == [contact.email]
    assert "Anna" in message.subject
    assert "Anna" in message.body and str(in_days(2).year) in message.body
    assert "/mijn/#aftercare-contacts-heading" in message.body
    assert "Geheim-Brieven-4716" not in message.body
    assert "Geheim-Brieven-4716" not in message.alternatives[0][0]
    assert plan.moments.filter(reminded_at__isnull=False).count() == 1


def test_a_moment_claimed_by_another_worker_is_not_sent_again(sent):
    contact, (plan,) = contact_with_plans()
    (moment,) = moments_to_remind(TODAY)
    # The other worker claimed it after this one made its list.
    type(moment).objects.filter(pk=moment.pk).update(reminded_at=timezone.now())

    with sent():
        assert moment_remind(moment, timezone.now()) is False

    assert mail.outbox == []


def test_nothing_for_paused_plans_or_moments_further_ahead(sent):
    contact, (paused, running) = contact_with_plans(2)
    plan_pause(plan=paused, by=contact)
    running.moments.open().filter(due_on=in_days(2)).update(due_on=in_days(8))

    with sent():
        assert tasks.remind_contact_moments() == 0

    with sent():
        assert tasks.remind_contact_moments(today=in_days(1)) == 1


def test_the_job_is_scheduled_daily():
    schedule = Schedule.objects.get(func="aftercare.tasks.remind_contact_moments")
    assert (schedule.schedule_type, schedule.repeats) == (Schedule.DAILY, -1)


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_once():
    contact, plans = contact_with_plans(6)
    start = threading.Barrier(2)
    counts, errors = [], []

    def worker():
        try:
            start.wait()
            counts.append(tasks.remind_contact_moments())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sum(counts) == 6
    assert OutboxMessage.objects.filter(to_address=contact.email).count() == 6
