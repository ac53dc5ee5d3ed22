"""Aftercare on the attention list: two "niet bereikt" in a row, or
"zorgen", raise a signal without a group for the organisation's
coordinators; a later moment that goes well closes it. The coordinators of
another organisation and the trainers of the person's groups never see it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from aftercare.attention import plan_admin_url
from aftercare.models import Outcome, Rhythm
from aftercare.moments.services import moment_record
from groups.attendance.escalation import signals_escalate
from groups.attendance.person_signals import attention_signal_raise
from groups.models import AttentionSignal, SignalKind, SignalOutcome
from people.models import Role
from people.privacy import personal_data
from tests.aftercare.factories import plan_for
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

pytestmark = pytest.mark.django_db

LIST = reverse("attention_signals:index")
UNREACHED, CONCERNS = SignalKind.AFTERCARE_UNREACHED, SignalKind.AFTERCARE_CONCERNS


@pytest.fixture
def plan():
    return plan_for(person=UserFactory(full_name="Yara Visser"), rhythm=Rhythm.TWO_MONTHLY)


def record(plan, *outcomes):
    """Record the plan's next open moments with `outcomes`, by the contact."""
    for outcome in outcomes:
        moment = plan.moments.open().order_by("due_on", "pk").first()
        moment_record(moment=moment, by=plan.contact, outcome=outcome)


def coordinator(organisation):
    return MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user


def test_not_reached_twice_in_a_row_raises_a_signal_without_a_group(plan):
    record(plan, Outcome.UNREACHED)
    assert not AttentionSignal.objects.exists()
    record(plan, Outcome.UNREACHED)
    signal = AttentionSignal.objects.get()
    assert (signal.kind, signal.missed, signal.group) == (UNREACHED, 2, None)
    assert (signal.organisation, signal.person) == (plan.organisation, plan.person)
    assert signal.note == ""


def test_a_third_time_updates_the_open_signal(plan):
    record(plan, Outcome.UNREACHED, Outcome.UNREACHED, Outcome.UNREACHED)
    assert AttentionSignal.objects.open().get().missed == 3


def test_a_reply_in_between_breaks_the_row(plan):
    record(plan, Outcome.UNREACHED, Outcome.CANCELLED, Outcome.UNREACHED)
    assert not AttentionSignal.objects.exists()


def test_concerns_raise_a_signal_at_once(plan):
    record(plan, Outcome.CONCERNS)
    assert AttentionSignal.objects.open().get().kind == CONCERNS


def test_a_moment_that_goes_well_closes_the_signals(plan):
    record(plan, Outcome.CONCERNS, Outcome.UNREACHED, Outcome.UNREACHED)
    assert AttentionSignal.objects.open().count() == 2
    record(plan, Outcome.WELL)
    assert not AttentionSignal.objects.open().exists()
    signal = AttentionSignal.objects.get(kind=CONCERNS)
    assert (signal.outcome, signal.closed_by) == (SignalOutcome.FINE, plan.contact)


def test_raising_twice_keeps_one_open_signal(plan):
    where = {"organisation": plan.organisation, "person": plan.person, "kind": CONCERNS}
    first = attention_signal_raise(**where)
    assert attention_signal_raise(**where) == first
    assert AttentionSignal.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        AttentionSignal.objects.create(**where, missed=1)


def test_a_groups_kind_cannot_be_raised_without_a_group(plan):
    with pytest.raises(ValidationError):
        attention_signal_raise(
            organisation=plan.organisation, person=plan.person, kind=SignalKind.UNANNOUNCED
        )
    group = GroupPageFactory(organisation=plan.organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        AttentionSignal.objects.create(
            organisation=plan.organisation, group=group, person=plan.person, kind=CONCERNS, missed=1
        )


def test_the_coordinators_see_it_as_nazorg_with_a_link_to_the_plan(client, plan):
    record(plan, Outcome.CONCERNS)
    client.force_login(coordinator(plan.organisation))
    html = client.get(LIST).content.decode()
    assert "Yara Visser" in html and "Nazorg" in html
    assert plan_admin_url(plan.pk) in html
    assert plan_admin_url(plan.pk) == f"/admin/aftercare_plans/inspect/{plan.pk}/"


def test_another_organisations_coordinator_sees_nothing(client, plan):
    record(plan, Outcome.CONCERNS)
    signal = AttentionSignal.objects.get()
    client.force_login(coordinator(MembershipFactory(role=Role.COORDINATOR).organisation))
    assert "Yara Visser" not in client.get(LIST).content.decode()
    outcome = reverse("attention_signals:outcome", args=[signal.pk])
    assert client.get(outcome).status_code == 404


def test_a_coordinator_writes_down_what_happened_in_the_admin(client, plan):
    record(plan, Outcome.CONCERNS)
    signal = AttentionSignal.objects.get()
    client.force_login(coordinator(plan.organisation))
    outcome = reverse("attention_signals:outcome", args=[signal.pk])
    assert "Nazorg" in client.get(outcome).content.decode()
    response = client.post(outcome, {"outcome": "fine", "note": "Gebeld, gaat weer."})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.outcome == SignalOutcome.FINE


def test_a_trainer_of_the_persons_group_never_sees_it(client, plan):
    trainer = MembershipFactory(organisation=plan.organisation, role=Role.TRAINER).user
    group = GroupPageFactory(organisation=plan.organisation, trainers=[trainer])
    EnrolmentFactory(group=group, person=plan.person)
    record(plan, Outcome.CONCERNS)
    signal = AttentionSignal.objects.get()
    client.force_login(trainer)
    assert "Yara Visser" not in client.get(reverse("people:my")).content.decode()
    site_outcome = reverse("groups:signal_outcome", args=[signal.pk])
    assert client.get(site_outcome).status_code == 404


def test_it_reaches_the_coordinators_when_it_stays_open(plan, settings, sent):
    settings.ATTENTION_ESCALATION_DAYS = 7
    boss = coordinator(plan.organisation)
    record(plan, Outcome.CONCERNS)
    group = GroupPageFactory(organisation=plan.organisation)
    AttentionSignal.objects.create(group=group, person=plan.person, missed=2)
    with sent():
        # A group's signal and aftercare's are not "two groups".
        assert signals_escalate() == 0
    AttentionSignal.objects.update(raised_at=timezone.now() - timedelta(days=8))
    with sent():
        assert signals_escalate() == 1
    message = [m for m in mail.outbox if boss.email in m.to][-1]
    assert "Nazorg" in message.body
    assert not AttentionSignal.objects.filter(escalated_at__isnull=True).exists()


def test_the_persons_data_download_has_it(plan):
    record(plan, Outcome.CONCERNS)
    rows = personal_data(plan.person)["attention_signals"]
    assert [(row["group"], row["kind"]) for row in rows] == [("Nazorg", CONCERNS)]


LIST_QUERIES = 17


def test_the_list_takes_as_many_queries_for_20_plans_as_for_2(client, assert_page_queries):
    first = plan_for()
    client.force_login(coordinator(first.organisation))
    for _plan in range(2):
        record(plan_for(organisation=first.organisation, contact=first.contact), Outcome.CONCERNS)
    assert_page_queries(LIST, LIST_QUERIES)
    for _plan in range(18):
        record(plan_for(organisation=first.organisation, contact=first.contact), Outcome.CONCERNS)
    response = assert_page_queries(LIST, LIST_QUERIES)
    assert response.content.decode().count("/admin/aftercare_plans/inspect/") == 20
