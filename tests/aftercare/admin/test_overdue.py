"""The list of late contact moments: own organisations only, the plan and
the contact, the export (audited) and a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from aftercare.models import ContactMoment
from aftercare.plans.services import plan_pause
from people.audit.models import AuditEntry
from people.audit.services import EXPORT, VIEW
from tests.factories import UserFactory
from tests.helpers import csv_rows

from ..factories import plan_for

pytestmark = pytest.mark.django_db

LIST = reverse("aftercare_overdue:index")


def make_late(plan, days=5):
    moment = plan.moments.open().first()
    ContactMoment.objects.filter(pk=moment.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=days)
    )
    return moment


def test_the_list_shows_late_moments_of_the_own_organisation(client, world):
    make_late(world["anna"])
    make_late(world["hidden"])
    paused = plan_for(organisation=world["own"], person=UserFactory(full_name="Piet Pauze"))
    make_late(paused)
    plan_pause(plan=paused, by=world["coordinator"])
    client.force_login(world["coordinator"])
    response = client.get(LIST)
    html = response.content.decode()
    assert "Anna Bakker" in html and "Vera Vrijwilliger" in html
    assert "Geheim Elders" not in html and "Piet Pauze" not in html
    assert reverse("aftercare_plans:inspect", args=[world["anna"].pk]) in html
    assert AuditEntry.objects.filter(user=world["coordinator"], action=VIEW).exists()


def test_the_export_has_the_rows_and_is_audited(client, world):
    moment = make_late(world["anna"], days=5)
    client.force_login(world["coordinator"])
    rows = csv_rows(client.get(LIST, {"export": "csv"}))
    moment.refresh_from_db()
    assert rows[1] == [
        "Anna Bakker",
        world["own"].name,
        moment.due_on.strftime("%d-%m-%Y"),
        "5",
        "Zoals afgesproken",
        "Vera Vrijwilliger",
    ]
    entry = AuditEntry.objects.get(user=world["coordinator"], action=EXPORT)
    assert entry.data["format"] == "csv"


def test_another_organisation_in_the_filter_is_a_404(client, world):
    client.force_login(world["coordinator"])
    assert client.get(LIST, {"organisation": world["other"].pk}).status_code in (200, 404)
    response = client.get(LIST, {"organisation": world["other"].pk})
    assert "Geheim Elders" not in response.content.decode()


@pytest.mark.parametrize("count", [10, 100])
def test_the_list_takes_the_same_queries_at_two_sizes(client, world, assert_page_queries, count):
    for number in range(count):
        make_late(
            plan_for(
                organisation=world["own"],
                person=UserFactory(full_name=f"Persoon {number}"),
                contact=world["contact"],
                by=world["coordinator"],
            )
        )
    client.force_login(world["coordinator"])
    assert_page_queries(LIST, 15)


def test_the_list_has_pages_that_keep_the_filter_and_the_export_has_every_row(client, world):
    late = timezone.localdate() - datetime.timedelta(days=3)
    ContactMoment.objects.bulk_create(
        ContactMoment(plan=world["anna"], due_on=late - datetime.timedelta(days=n))
        for n in range(60)
    )
    client.force_login(world["coordinator"])
    chosen = {"organisation": world["own"].pk}
    first = client.get(LIST, chosen)
    assert first.context["paginator"].count == 60 and len(first.context["object_list"]) == 50
    assert f"?organisation={world['own'].pk}&amp;p=2" in first.content.decode()
    second = client.get(LIST, {**chosen, "p": "2"})
    assert len(second.context["object_list"]) == 10
    assert client.get(LIST, {**chosen, "p": "nul"}).status_code == 200
    rows = csv_rows(client.get(LIST, {**chosen, "p": "2", "export": "csv"}))
    assert len(rows) == 1 + 60
