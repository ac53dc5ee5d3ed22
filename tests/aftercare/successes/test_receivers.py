"""Successes recorded when something good happens elsewhere: a course
completed, a savings goal reached, a pay-out. Only on the person's running
plans in the group's own organisation, once per source."""

from decimal import Decimal

import pytest
from django.utils import timezone

from aftercare.models import Success, SuccessKind
from aftercare.plans.services import plan_close
from courses.models import Completion
from courses.signals import course_completed
from groups.savings import cycles
from groups.savings import services as savings_services
from groups.savings.signals import savings_goal_reached
from tests.aftercare.factories import plan_for
from tests.groups.factories import GroupPageFactory
from tests.groups.savings.circles import deposit, make_circle, open_cycle

pytestmark = pytest.mark.django_db


def _completion(group, person):
    today = timezone.localdate()
    return Completion.objects.create(
        group=group, person=person, attended=4, meetings=4, first_date=today, last_date=today
    )


def test_a_completed_course_is_a_success_on_the_plan_in_the_groups_organisation():
    group = GroupPageFactory(title="Budgetcursus")
    plan = plan_for(organisation=group.organisation)
    completion = _completion(group, plan.person)
    course_completed.send(sender=Completion, completion=completion)
    success = plan.successes.get()
    assert success.kind == SuccessKind.COURSE_COMPLETED
    assert success.source == f"completion:{completion.pk}"
    assert "Budgetcursus" in success.title


def test_a_signal_that_arrives_twice_records_one_success():
    group = GroupPageFactory()
    plan = plan_for(organisation=group.organisation)
    completion = _completion(group, plan.person)
    course_completed.send(sender=Completion, completion=completion)
    course_completed.send(sender=Completion, completion=completion)
    assert plan.successes.count() == 1


def test_a_plan_of_another_organisation_gets_nothing():
    group = GroupPageFactory()
    elsewhere = plan_for()
    course_completed.send(sender=Completion, completion=_completion(group, elsewhere.person))
    assert not Success.objects.exists()


def test_a_closed_plan_gets_nothing():
    group = GroupPageFactory()
    plan = plan_for(organisation=group.organisation)
    plan_close(plan=plan, by=plan.opened_by)
    course_completed.send(sender=Completion, completion=_completion(group, plan.person))
    assert not Success.objects.filter(kind=SuccessKind.COURSE_COMPLETED).exists()


def test_a_reached_savings_goal_and_the_pay_out_are_successes_once_each(
    django_capture_on_commit_callbacks,
):
    circle, meeting, trainer, people = make_circle(1)
    plan = plan_for(organisation=circle.group.organisation, person=people[0])
    savings_services.savings_goal_set(
        circle=circle, person=people[0], purpose="Fiets", target_amount=Decimal("20")
    )
    with django_capture_on_commit_callbacks(execute=True):
        deposit(circle, meeting, trainer, {people[0]: "25.00"})
    with django_capture_on_commit_callbacks(execute=True):
        cycles.payout_book(cycle=open_cycle(circle), person=people[0], by=trainer)
    kinds = sorted(plan.successes.values_list("kind", flat=True))
    assert kinds == sorted([SuccessKind.SAVINGS_GOAL, SuccessKind.SAVINGS_PAYOUT])


def test_a_savings_goal_signal_twice_records_once_and_never_elsewhere():
    circle, _meeting, _trainer, people = make_circle(1)
    plan = plan_for(organisation=circle.group.organisation, person=people[0])
    other = plan_for(person=people[0])
    cycle = open_cycle(circle)
    success = cycle.successes.create(person=people[0], goal_reached_at=timezone.now())
    for _twice in range(2):
        savings_goal_reached.send(
            sender=type(success), success=success, person=people[0], cycle=cycle
        )
    assert plan.successes.count() == 1
    assert not other.successes.exists()
