"""Signals that reach the coordinators (groups.attendance.escalation): still
without an outcome after ATTENTION_ESCALATION_DAYS, or a second open signal
for the same person in another group of the organisation; each once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from groups import tasks
from groups.attendance.escalation import signals_escalate
from groups.attendance.outcomes import signal_outcome_record
from groups.models import AttentionSignal, SignalKind
from tests.factories import OrganisationFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory
from website.setup import SCHEDULES

from .test_attendance import coordinator_of, trainer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.ATTENTION_ESCALATION_DAYS = 7
    organisation = OrganisationFactory()
    trainer = trainer_of(organisation)
    group = GroupPageFactory(organisation=organisation, title="Budgetcursus", trainers=[trainer])
    other_group = GroupPageFactory(organisation=organisation, title="Praatgroep")
    piet = EnrolmentFactory(group=group, person=UserFactory(full_name="Piet Paulusma")).person
    return {
        "organisation": organisation,
        "trainer": trainer,
        "group": group,
        "other_group": other_group,
        "piet": piet,
        "coordinators": [coordinator_of(organisation), coordinator_of(organisation)],
        "elsewhere": coordinator_of(OrganisationFactory()),
    }


def raised(group, person, days_ago, **kwargs):
    signal = AttentionSignal.objects.create(group=group, person=person, missed=2, **kwargs)
    AttentionSignal.objects.filter(pk=signal.pk).update(
        raised_at=timezone.now() - timedelta(days=days_ago)
    )
    return signal


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def _run():
        with django_capture_on_commit_callbacks(execute=True):
            return signals_escalate()

    return _run


def recipients():
    return sorted(message.to[0] for message in mail.outbox)


def test_a_signal_without_an_outcome_after_n_days_goes_to_the_coordinators_once(world, run):
    signal = raised(world["group"], world["piet"], days_ago=8)
    raised(world["group"], UserFactory(), days_ago=6)  # not yet
    assert run() == 1
    assert recipients() == sorted(user.email for user in world["coordinators"])
    message = mail.outbox[0]
    assert "Piet Paulusma" not in message.subject
    assert "Piet Paulusma needs attention." in message.body
    assert "Budgetcursus: absent without notice, since" in message.body
    assert "Nothing was written down for 7 days." in message.body
    assert "/admin/attention_signals/" in message.body
    signal.refresh_from_db()
    assert signal.escalated_at is not None

    # Run again: nothing more.
    assert run() == 0
    assert len(mail.outbox) == 2


def test_a_second_signal_in_another_group_goes_at_once(world, run):
    EnrolmentFactory(group=world["other_group"], person=world["piet"])
    raised(world["group"], world["piet"], days_ago=1)
    raised(world["other_group"], world["piet"], days_ago=0, kind=SignalKind.ANNOUNCED)
    assert run() == 1
    assert len(mail.outbox) == 2  # one per coordinator, both signals in it
    body = mail.outbox[0].body
    assert "more than one group" in body
    assert "Budgetcursus: absent without notice" in body
    assert "Praatgroep: often absent with notice" in body
    assert AttentionSignal.objects.filter(escalated_at__isnull=True).count() == 0
    assert run() == 0 and len(mail.outbox) == 2


def test_an_outcome_stops_it_and_not_reached_does_not(world, run):
    closed = raised(world["group"], world["piet"], days_ago=10)
    signal_outcome_record(signal=closed, outcome="fine", note="", by=world["trainer"])
    tried = raised(world["group"], UserFactory(full_name="Kees Kip"), days_ago=10)
    signal_outcome_record(signal=tried, outcome="not_reached", note="", by=world["trainer"])
    assert run() == 1
    assert all("Kees Kip" in message.body for message in mail.outbox)


def test_other_organisations_coordinators_and_the_trainers_never_hear(world, run):
    raised(world["group"], world["piet"], days_ago=8)
    run()
    assert world["elsewhere"].email not in recipients()
    assert world["trainer"].email not in recipients()
    # Nor does a signal of their own group reach this organisation.
    elsewhere_group = GroupPageFactory(
        organisation=world["elsewhere"].memberships.get().organisation
    )
    raised(elsewhere_group, world["piet"], days_ago=8)
    mail.outbox.clear()
    assert run() == 1
    assert recipients() == [world["elsewhere"].email]


def test_the_task_is_scheduled_and_escalates(world, django_capture_on_commit_callbacks):
    assert "groups.tasks.escalate_attention_signals" in [row[0] for row in SCHEDULES]
    raised(world["group"], world["piet"], days_ago=8)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.escalate_attention_signals() == 1
