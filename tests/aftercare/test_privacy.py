"""The person's data download holds the whole plan; deleting the account
(through the real page) erases it; the privacy statement says how."""

import json

import pytest
from django.conf import settings
from django.urls import reverse

from aftercare.helpcard.services import card_person_add, card_service_add
from aftercare.models import AftercarePlan, ContactMoment, HelpCardPerson, Outcome, Referral
from aftercare.moments.services import moment_record
from aftercare.plans.services import plan_close, plan_reopen
from aftercare.successes.services import success_record
from tests.aftercare.factories import plan_for
from tests.aftercare.helpcard.factories import service
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _full_plan():
    plan = plan_for(wants_to_prevent="Nieuwe schulden", watch_out_for="De post")
    moment_record(
        moment=plan.moments.first(), by=plan.contact, outcome=Outcome.WELL, note="Gaat goed"
    )
    help_desk = service()
    Referral.objects.create(plan=plan, service=help_desk, note="Ging mee", accompanied=True)
    card_service_add(plan=plan, service=help_desk, for_what="Hulp bij de post")
    card_person_add(plan=plan, name="Tante Ria", helps_with="Post", phone="0612345678")
    success_record(plan=plan, kind="own", title="Alles op tijd betaald")
    plan_close(plan=plan, by=plan.opened_by)
    plan_reopen(plan=plan, by=plan.opened_by, reason="Nieuwe vraag")
    return plan


def test_the_data_download_holds_the_whole_plan(client):
    plan = _full_plan()
    client.force_login(plan.person)
    data = json.loads(client.get(reverse("people:data_download")).content)
    (exported,) = data["aftercare_plans"]
    assert exported["steady_contact"] == plan.contact.full_name
    assert exported["wants_to_prevent"] == "Nieuwe schulden"
    assert exported["watch_out_for"] == "De post"
    assert exported["consent_recorded_by"] == plan.opened_by.full_name
    assert exported["reopened_on"] == plan.restarted_on.isoformat()
    assert exported["how_often"] == plan.rhythm
    assert "Gaat goed" in [m["note"] for m in exported["contact_moments"]]
    assert exported["referrals"][0]["note"] == "Ging mee"
    assert exported["referrals"][0]["taken_along"] is True
    assert "Alles op tijd betaald" in [s["what"] for s in exported["successes"]]
    assert exported["help_card"]["services"] == [
        {"service": "Formulierenhulp Wijkcentrum", "for": "Hulp bij de post"}
    ]
    assert exported["help_card"]["people"] == [
        {"name": "Tante Ria", "helps_with": "Post", "phone": "0612345678"}
    ]
    assert "Nieuwe vraag" in [entry["reason"] for entry in exported["history"]]


def test_the_contact_does_not_get_the_persons_plan_in_their_download(client):
    plan = _full_plan()
    client.force_login(plan.contact)
    data = json.loads(client.get(reverse("people:data_download")).content)
    assert data["aftercare_plans"] == []
    assert data["aftercare_contact_of"] == [
        {"organisation": plan.organisation.name, "phase": plan.phase}
    ]
    assert "De post" not in json.dumps(data)


def test_deleting_the_account_erases_the_plans(client):
    plan = _full_plan()
    contact = plan.contact
    client.force_login(plan.person)
    response = client.post(reverse("people:account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not AftercarePlan.objects.filter(pk=plan.pk).exists()
    assert not ContactMoment.objects.filter(plan_id=plan.pk).exists()
    assert not HelpCardPerson.objects.exists() and not Referral.objects.exists()
    contact.refresh_from_db()
    assert contact.is_active


def test_the_privacy_statement_explains_aftercare(client):
    html = client.get("/privacy/").content.decode()
    assert "Nazorg na schuldhulp" in html
    assert "alleen als u daar toestemming voor geeft" in html
    assert "Alleen u, uw vaste contactpersoon en de coördinatoren van de organisatie" in html
    assert "geen bedragen van uw inkomen of schulden, en geen bankgegevens" in html
    assert f"{settings.AFTERCARE_RETENTION_MONTHS} maanden" in html
