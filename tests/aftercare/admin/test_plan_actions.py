"""The actions on a plan's page: each through its service, with a Dutch
confirmation; a refusal keeps the form; another organisation's plan is a
404 on every URL."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from aftercare.models import HistoryKind, Phase
from aftercare.plans.services import plan_close
from people.models import OutboxMessage, Role
from tests.factories import MembershipFactory
from tests.helpers import nl

from ..factories import plan_for, steady_contact

pytestmark = pytest.mark.django_db

ACTIONS = ("choices", "contact", "phase", "until", "pause", "resume", "close", "reopen", "withdraw")


def url(name, plan):
    return reverse(f"aftercare_plans:{name}", args=[plan.pk])


@pytest.fixture
def coordinator(client, world):
    client.force_login(world["coordinator"])
    return client


def follow(client, name, plan, data):
    response = client.post(url(name, plan), data, follow=True)
    assert response.redirect_chain[-1][0] == url("inspect", plan)
    return response.content.decode()


def test_changing_the_contact_needs_a_reason_and_tells_the_person(coordinator, world, sent):
    plan, new = world["anna"], steady_contact(world["own"], full_name="Nico Nieuw")
    response = coordinator.post(url("contact", plan), {"contact": new.pk, "reason": " "})
    assert response.status_code == 200
    assert nl("This field is required.") in response.content.decode()

    before = OutboxMessage.objects.count()
    with sent():
        html = follow(coordinator, "contact", plan, {"contact": new.pk, "reason": "Vera verhuist"})
    plan.refresh_from_db()
    assert plan.contact == new
    assert (
        nl(
            "%(contact)s is now the steady contact. %(name)s gets an e-mail.",
            contact="Nico Nieuw",
            name="Anna Bakker",
        )
        in html
    )
    assert OutboxMessage.objects.count() == before + 1
    assert "Vera verhuist" in html  # the history, with its reason


def test_changing_the_phase(coordinator, world):
    plan = world["anna"]
    html = follow(coordinator, "phase", plan, {"phase": Phase.DEVELOPMENT, "reason": ""})
    plan.refresh_from_db()
    assert plan.phase == Phase.DEVELOPMENT
    assert nl("The phase is now: %(phase)s.", phase=nl("development")) in html


def test_changing_aftercare_until_needs_a_reason(coordinator, world):
    plan = world["anna"]
    later = plan.aftercare_until + datetime.timedelta(days=90)
    response = coordinator.post(url("until", plan), {"aftercare_until": later, "reason": ""})
    assert response.status_code == 200
    follow(coordinator, "until", plan, {"aftercare_until": later, "reason": "Nog onrustig"})
    plan.refresh_from_db()
    assert plan.aftercare_until == later
    assert plan.history.filter(kind=HistoryKind.UNTIL, reason="Nog onrustig").exists()


def test_an_end_before_the_opening_is_refused_on_the_form(coordinator, world):
    plan = world["anna"]
    before = plan.opened_on - datetime.timedelta(days=1)
    response = coordinator.post(url("until", plan), {"aftercare_until": before, "reason": "x"})
    assert response.status_code == 200
    assert nl("Aftercare cannot end before the plan was opened.") in response.content.decode()


def test_pause_resume_close_and_reopen(coordinator, world):
    plan = world["anna"]
    html = follow(coordinator, "pause", plan, {"reason": "Ziekenhuis"})
    assert nl("The plan is paused: no moments until it is resumed.") in html
    plan.refresh_from_db()
    assert plan.is_paused and not plan.moments.open().filter(due_on__gte=timezone.localdate())
    follow(coordinator, "resume", plan, {})
    plan.refresh_from_db()
    assert not plan.is_paused and plan.moments.open().exists()
    html = follow(coordinator, "close", plan, {"reason": ""})
    assert nl("The plan is closed. %(name)s keeps the help card.", name="Anna Bakker") in html
    response = coordinator.post(url("reopen", plan), {"reason": ""})
    assert response.status_code == 200
    follow(coordinator, "reopen", plan, {"reason": "Nieuwe baan kwijt"})
    plan.refresh_from_db()
    assert plan.phase == Phase.AFTERCARE and plan.moments.open().exists()


def test_a_refused_action_shows_the_services_message(coordinator, world):
    plan = world["anna"]
    plan_close(plan=plan, by=world["coordinator"])
    response = coordinator.post(url("close", plan), {"reason": ""})
    assert response.status_code == 200
    assert nl("This plan is already closed.") in response.content.decode()


def test_recording_and_withdrawing_consent(coordinator, world):
    plan = plan_for(organisation=world["own"], consent=False, by=world["coordinator"])
    data = {
        "preferred_way": "phone",
        "rhythm": "3-6-12",
        "wants_to_prevent": "Schulden",
        "watch_out_for": "",
        "consent_on": "",
        "consent_way": "",
    }
    response = coordinator.post(url("choices", plan), data)
    assert nl("Ask for consent first: without it these choices are not kept.") in (
        response.content.decode()
    )
    assert "Schulden" in response.content.decode()
    data.update(consent_on=timezone.localdate().isoformat(), consent_way="written")
    follow(coordinator, "choices", plan, data)
    plan.refresh_from_db()
    assert plan.has_consent and plan.wants_to_prevent == "Schulden"
    html = follow(coordinator, "withdraw", plan, {})
    assert nl("Consent is withdrawn: the choices and notes are removed.") in html
    plan.refresh_from_db()
    assert not plan.has_consent and plan.wants_to_prevent == ""


@pytest.mark.parametrize("name", ["inspect", *ACTIONS])
def test_another_organisations_coordinator_gets_a_404_on_every_plan_url(client, world, name):
    client.force_login(world["other_coordinator"])
    plan = world["anna"]
    assert client.get(url(name, plan)).status_code == 404
    assert client.post(url(name, plan), {"reason": "x"}).status_code == 404
    plan.refresh_from_db()
    assert plan.phase == Phase.STABILISATION and not plan.is_paused


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.TRAINER, Role.EDITOR])
@pytest.mark.parametrize("name", ["inspect", "add", "close"])
def test_volunteers_trainers_and_editors_cannot_use_any_plan_url(client, world, role, name):
    user = MembershipFactory(organisation=world["own"], role=role).user
    client.force_login(user)
    target = reverse("aftercare_plans:add") if name == "add" else url(name, world["anna"])
    response = client.get(target)
    # Without admin access a redirect; an editor: refused, or no such plan.
    assert response.status_code in (302, 403, 404)
    assert "Anna Bakker" not in response.content.decode()
