"""The page about one plan: a fixed number of queries however many
moments, history lines, referrals and successes it has."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from aftercare.models import ContactMoment, Outcome, Success

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [3, 60])
def test_the_plans_page_takes_the_same_queries_at_two_sizes(
    client, world, assert_page_queries, count
):
    plan = world["anna"]
    today = timezone.localdate()
    for number in range(count):
        day = today - datetime.timedelta(days=number + 1)
        ContactMoment.objects.create(
            plan=plan, due_on=day, done_on=day, outcome=Outcome.WELL, done_by=world["contact"]
        )
        Success.objects.create(plan=plan, kind="own", title=f"Succes {number}")
    client.force_login(world["coordinator"])
    response = assert_page_queries(reverse("aftercare_plans:inspect", args=[plan.pk]), 19)
    assert f"Succes {count - 1}" in response.content.decode()
