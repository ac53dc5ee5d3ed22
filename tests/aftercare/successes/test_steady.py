"""3, 6 and 12 months without concerns: the daily task records a success,
counted from the plan's start or the last "zorgen", once per milestone."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from aftercare.models import AftercarePlan, ContactMoment, Outcome, SuccessKind
from aftercare.successes.steady import steady_successes_record
from aftercare.tasks import record_steady_successes
from tests.aftercare.factories import plan_for
from website.setup import SCHEDULES

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _started(months_ago, **kwargs):
    """A plan opened the day the debt trajectory ended, `months_ago`."""
    plan = plan_for(**kwargs)
    start = TODAY - relativedelta(months=months_ago)
    AftercarePlan.objects.filter(pk=plan.pk).update(
        opened_on=start, debt_ended_on=start, aftercare_until=start + relativedelta(months=12)
    )
    plan.refresh_from_db()
    return plan


def _sources(plan):
    return sorted(plan.successes.values_list("source", flat=True))


def test_three_months_after_the_start_is_a_success_on_that_day():
    plan = _started(3)
    assert steady_successes_record(today=TODAY) == 1
    success = plan.successes.get()
    assert success.kind == SuccessKind.MONTHS_WITHOUT_CONCERNS
    assert (success.source, success.happened_on) == ("months:3", TODAY)


def test_a_year_without_concerns_records_every_milestone_once():
    plan = _started(13)
    steady_successes_record(today=TODAY)
    assert steady_successes_record(today=TODAY) == 0
    assert record_steady_successes() == 0
    assert _sources(plan) == ["months:12", "months:3", "months:6"]


def test_a_moment_with_concerns_starts_the_count_again():
    plan = _started(5)
    ContactMoment.objects.create(
        plan=plan,
        due_on=TODAY - relativedelta(months=2),
        done_on=TODAY - relativedelta(months=2),
        outcome=Outcome.CONCERNS,
    )
    assert steady_successes_record(today=TODAY) == 0
    assert steady_successes_record(today=TODAY + relativedelta(months=1)) == 1
    assert _sources(plan) == ["months:3"]
    assert plan.successes.get().happened_on == TODAY + relativedelta(months=1)


def test_a_plan_before_its_first_milestone_gets_nothing():
    _started(2)
    assert steady_successes_record(today=TODAY + datetime.timedelta(days=1)) == 0


def test_the_task_runs_daily():
    assert "aftercare.tasks.record_steady_successes" in [row[0] for row in SCHEDULES]


def test_counting_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    for _plan in range(3):
        _started(1)
    with django_assert_max_num_queries(2):
        steady_successes_record(today=TODAY)
