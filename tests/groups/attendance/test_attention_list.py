"""The coordinators' attention list in the admin: their organisations'
signals only, filters, writing down an outcome, the export, and a fixed
number of queries."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from groups.attendance.outcomes import signal_outcome_record
from groups.models import AttentionSignal, SignalKind
from people.audit.models import AuditEntry
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory
from tests.helpers import csv_rows

from .test_attendance import trainer_of

pytestmark = pytest.mark.django_db

LIST = reverse("attention_signals:index")


def outcome_url(signal):
    return reverse("attention_signals:outcome", args=[signal.pk])


def signal_for(group, name, **kwargs):
    person = EnrolmentFactory(group=group, person=UserFactory(full_name=name)).person
    return AttentionSignal.objects.create(group=group, person=person, missed=2, **kwargs)


@pytest.fixture
def world(organisations):
    own, other, coordinator = organisations.values()
    trainer = trainer_of(own, user__full_name="Henk de Vries")
    course = GroupPageFactory(organisation=own, title="Budgetcursus Oost", trainers=[trainer])
    talk = GroupPageFactory(organisation=own, title="Praatgroep Oost")
    elsewhere = GroupPageFactory(organisation=other, title="Spaarkring Elders")
    anna = signal_for(course, "Anna Bakker")
    bram = signal_for(talk, "Bram de Vries", kind=SignalKind.ANNOUNCED)
    bram.escalated_at = timezone.now()
    bram.save()
    cees = signal_for(course, "Cees Jansen")
    signal_outcome_record(
        signal=cees, outcome="concerns", note="Afspraak bij schuldhulp", by=trainer
    )
    hidden = signal_for(elsewhere, "Geheim Elders")
    return locals()


def names(response):
    html = response.content.decode()
    everyone = ["Anna Bakker", "Bram de Vries", "Cees Jansen", "Geheim Elders"]
    return [name for name in everyone if name in html]


def test_the_list_shows_every_group_of_the_own_organisation_only(coordinator_client, world):
    response = coordinator_client.get(LIST)
    assert response.status_code == 200
    assert names(response) == ["Anna Bakker", "Bram de Vries", "Cees Jansen"]
    html = response.content.decode()
    assert "Afspraak bij schuldhulp" in html and "Henk" in html
    assert outcome_url(world["anna"]) in html and outcome_url(world["cees"]) not in html
    entry = AuditEntry.objects.filter(user=world["coordinator"]).latest("timestamp")
    assert entry.data["report"] == "attention_signals:index"
    assert "Anna" not in str(entry.data) and "schuldhulp" not in entry.label


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"state": "open"}, ["Anna Bakker", "Bram de Vries"]),
        ({"state": "escalated"}, ["Bram de Vries"]),
        ({"state": "closed"}, ["Cees Jansen"]),
        ({"kind": "announced"}, ["Bram de Vries"]),
        ({"group": "course"}, ["Anna Bakker", "Cees Jansen"]),
        ({"group": "elsewhere"}, []),
        ({"state": "weg"}, []),
    ],
)
def test_the_filters(coordinator_client, world, params, expected):
    params = {key: world[value].pk if key == "group" else value for key, value in params.items()}
    response = coordinator_client.get(reverse("attention_signals:index_results"), params)
    assert response.status_code == 200
    assert names(response) == expected


def test_a_coordinator_writes_down_an_outcome(coordinator_client, world):
    anna = world["anna"]
    response = coordinator_client.get(outcome_url(anna))
    assert response.status_code == 200 and "Anna Bakker" in response.content.decode()
    response = coordinator_client.post(outcome_url(anna), {"outcome": "fine", "note": "Gaat goed"})
    assert response.status_code == 302 and response.url == LIST
    anna.refresh_from_db()
    assert (anna.outcome, anna.note, anna.closed_by) == ("fine", "Gaat goed", world["coordinator"])
    assert coordinator_client.get(outcome_url(anna)).status_code == 404


def test_bad_input_in_the_admin_keeps_the_note(coordinator_client, world):
    response = coordinator_client.post(outcome_url(world["anna"]), {"note": "Mijn notitie"})
    assert response.status_code == 200
    assert "Mijn notitie" in response.content.decode()
    world["anna"].refresh_from_db()
    assert world["anna"].is_open


def test_another_organisations_signal_is_a_404(coordinator_client, world):
    hidden = world["hidden"]
    assert coordinator_client.get(outcome_url(hidden)).status_code == 404
    response = coordinator_client.post(outcome_url(hidden), {"outcome": "fine"})
    assert response.status_code == 404
    hidden.refresh_from_db()
    assert hidden.is_open


@pytest.mark.parametrize("role", [None, Role.VOLUNTEER, Role.TRAINER, Role.EDITOR])
def test_only_coordinators_open_the_list(client, world, role):
    user = UserFactory()
    if role:
        MembershipFactory(user=user, organisation=world["own"], role=role)
    client.force_login(user)
    for address in (LIST, outcome_url(world["anna"]), f"{LIST}?export=csv"):
        response = client.get(address)
        assert response.status_code in (302, 403, 404), address
        assert "Anna Bakker" not in response.content.decode()


def test_the_csv_export_has_the_outcomes_and_no_formulas(coordinator_client, world):
    signal_for(world["course"], "=HYPERLINK(1)")
    response = coordinator_client.get(LIST, {"export": "csv", "state": "closed"})
    assert response.status_code == 200
    rows = csv_rows(response)
    assert len(rows[0]) == 10
    (cees,) = rows[1:]
    assert cees[0] == "Cees Jansen" and cees[-1] == "Afspraak bij schuldhulp"
    assert cees[-2].startswith("Henk, ")
    response = coordinator_client.get(LIST, {"export": "csv"})
    rows = csv_rows(response)
    assert "'=HYPERLINK(1)" in [row[0] for row in rows]
    assert "Geheim Elders" not in [row[0] for row in rows]


def test_the_xlsx_export(coordinator_client, world):
    response = coordinator_client.get(LIST, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert sorted(row[0] for row in rows[1:]) == ["Anna Bakker", "Bram de Vries", "Cees Jansen"]


# Includes the admin menu, the audit entry and the count of the paginator.
LIST_QUERIES = 16


def test_the_list_takes_as_many_queries_for_40_signals_as_for_4(
    coordinator_client, world, assert_page_queries
):
    assert_page_queries(LIST, LIST_QUERIES)
    for index in range(40):
        signal = signal_for(world["talk"], f"Deelnemer {index}")
        if index % 2:
            signal_outcome_record(
                signal=signal, outcome="stopped", note="x", by=world["coordinator"]
            )
    AttentionSignal.objects.update(raised_at=timezone.now() - timedelta(days=3))
    response = assert_page_queries(LIST, LIST_QUERIES)
    assert response.content.decode().count("Deelnemer ") >= 40
