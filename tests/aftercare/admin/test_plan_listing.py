"""The coordinator's listing of plans: own organisations only, filters,
the export (audited), and a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from aftercare.models import ContactMoment, Phase
from aftercare.plans.services import plan_pause, plan_phase_change
from people.audit.models import AuditEntry
from people.audit.services import EXPORT
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.helpers import csv_rows

from ..factories import plan_for

pytestmark = pytest.mark.django_db

LIST = reverse("aftercare_plans:index")
EVERYONE = ["Anna Bakker", "Bram Jansen", "Cees de Wit", "Geheim Elders"]


def names(response):
    html = response.content.decode()
    return [name for name in EVERYONE if name in html]


@pytest.fixture
def plans(world):
    own, coordinator = world["own"], world["coordinator"]
    bram = plan_for(organisation=own, person=UserFactory(full_name="Bram Jansen"), by=coordinator)
    plan_phase_change(plan=bram, phase=Phase.AFTERCARE, by=coordinator)
    cees = plan_for(organisation=own, person=UserFactory(full_name="Cees de Wit"), by=coordinator)
    plan_pause(plan=cees, by=coordinator)
    # Anna's first moment is late.
    moment = world["anna"].moments.open().first()
    moment.due_on = timezone.localdate() - datetime.timedelta(days=3)
    moment.save()
    return {**world, "bram": bram, "cees": cees}


def test_a_coordinator_sees_the_plans_of_their_own_organisation_only(client, plans):
    client.force_login(plans["coordinator"])
    response = client.get(LIST)
    assert response.status_code == 200
    assert names(response) == ["Anna Bakker", "Bram Jansen", "Cees de Wit"]
    assert reverse("aftercare_plans:inspect", args=[plans["anna"].pk]) in response.content.decode()


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"phase": "aftercare"}, ["Bram Jansen"]),
        ({"overdue": "true"}, ["Anna Bakker"]),
        ({"overdue": "false"}, ["Bram Jansen", "Cees de Wit"]),
        ({"paused": "true"}, ["Cees de Wit"]),
    ],
)
def test_the_filters_narrow_the_plans(client, plans, params, expected):
    client.force_login(plans["coordinator"])
    assert names(client.get(LIST, params)) == expected


def test_the_contact_filter_shows_that_contacts_plans(client, plans):
    client.force_login(plans["coordinator"])
    response = client.get(LIST, {"contact": plans["contact"].pk})
    assert names(response) == ["Anna Bakker"]


def test_a_superuser_sees_every_organisation(client, plans):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert names(client.get(LIST)) == EVERYONE


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.TRAINER])
def test_volunteers_and_trainers_get_no_listing(client, plans, role):
    user = MembershipFactory(organisation=plans["own"], role=role).user
    client.force_login(user)
    response = client.get(LIST)
    assert response.status_code in (302, 403)
    assert "Anna Bakker" not in response.content.decode()


def test_an_editor_gets_no_plans(client, plans):
    editor = MembershipFactory(organisation=plans["own"], role=Role.EDITOR).user
    client.force_login(editor)
    response = client.get(LIST)
    assert response.status_code in (302, 403)
    assert "Anna Bakker" not in response.content.decode()


def test_the_export_has_the_columns_and_leaves_an_audit_entry(client, plans):
    client.force_login(plans["coordinator"])
    response = client.get(LIST, {"export": "csv", "phase": "stabilisation"})
    rows = csv_rows(response)
    assert rows[0] == [
        "Persoon",
        "Organisatie",
        "Vast contact",
        "Fase",
        "Volgend moment",
        "Momenten te laat",
        "Nazorg tot",
        "Gepauzeerd sinds",
    ]
    anna = plans["anna"]
    late = anna.moments.open().order_by("due_on").first().due_on
    assert rows[1] == [
        "Anna Bakker",
        plans["own"].name,
        "Vera Vrijwilliger",
        "Stabilisatie",
        late.strftime("%d-%m-%Y"),
        "1",
        anna.aftercare_until.strftime("%d-%m-%Y"),
        "",
    ]
    assert [row[0] for row in rows[1:]] == ["Anna Bakker", "Cees de Wit"]
    entry = AuditEntry.objects.get(user=plans["coordinator"], action=EXPORT)
    assert entry.data["listing"] == "aftercare_plans:index"
    assert entry.data["phase"] == "stabilisation"


def _more_plans(world, count):
    for number in range(count):
        plan = plan_for(
            organisation=world["own"],
            person=UserFactory(full_name=f"Persoon {number}"),
            contact=world["contact"],
            by=world["coordinator"],
        )
        ContactMoment.objects.filter(pk=plan.moments.first().pk).update(
            due_on=timezone.localdate() - datetime.timedelta(days=2)
        )


@pytest.mark.parametrize("count", [10, 100])
def test_the_listing_takes_the_same_queries_at_10_and_100_plans(
    client, world, assert_page_queries, count
):
    _more_plans(world, count)
    client.force_login(world["coordinator"])
    assert_page_queries(LIST, 17)
    assert_page_queries(LIST, 17, overdue="true")
