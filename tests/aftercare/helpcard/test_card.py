"""Mijn hulpkaart: where to go for what, who helps, the organisation's
number; one printable page; seen by the person (also after the plan
closed), the steady contact and the coordinators, nobody else."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from aftercare.helpcard.services import card_person_add, card_service_add
from aftercare.models import AftercarePlan
from aftercare.plans.services import plan_close
from people.audit.models import AuditEntry
from tests.aftercare.factories import plan_for
from tests.aftercare.mine.outsiders import outsiders
from tests.factories import OrganisationFactory

from .factories import service

pytestmark = pytest.mark.django_db

CSS = Path(settings.BASE_DIR) / "website" / "assets" / "css" / "helpcard.css"


@pytest.fixture
def plan():
    organisation = OrganisationFactory(name="Stichting Thuis", phone="030 765 43 21")
    plan = plan_for(organisation=organisation)
    card_service_add(plan=plan, service=service(), for_what="Hulp bij de post")
    card_service_add(plan=plan, service=service("Voedselbank Zuid", phone=""))
    card_person_add(
        plan=plan, name="Tante Ria", helps_with="Gaat mee naar afspraken", phone="06 9876 5432"
    )
    return plan


def _url(plan):
    return reverse("aftercare:help_card", args=[plan.pk])


def test_the_card_says_where_to_go_for_what_who_helps_and_the_organisations_number(client, plan):
    client.force_login(plan.person)
    html = client.get(_url(plan)).content.decode()
    assert "Waar ga ik heen voor wat?" in html and "Wie helpt mij?" in html
    assert "Formulierenhulp Wijkcentrum" in html and "Hulp bij de post" in html
    assert "Kanaalweg 12, Utrecht" in html and "Dinsdag 9.00–12.00 inloop" in html
    assert 'href="tel:0301234567"' in html
    # Without the person's words, what the service itself helps with.
    assert "Voedselbank Zuid" in html and "Hulp bij brieven en formulieren" in html
    assert "Tante Ria" in html and "Gaat mee naar afspraken" in html
    assert 'href="tel:0698765432"' in html
    assert "Stichting Thuis" in html and 'href="tel:0307654321"' in html
    assert reverse("aftercare:help_card_my_people", args=[plan.pk]) in html


def test_the_card_prints_on_its_own_without_inline_script(client, plan):
    client.force_login(plan.person)
    html = client.get(_url(plan)).content.decode()
    assert 'href="/static/css/helpcard.css"' in html
    assert 'class="utrecht-theme waakvlam-theme utrecht-body waakvlam-helpcard-page' in html
    assert "data-print-button hidden" in html and "data-print-hint" in html
    assert '<script src="/static/courses/print.js" defer></script>' in html
    assert "<script>" not in html and "onclick" not in html
    css = CSS.read_text()
    printed = css[css.index("@media print") :]
    for hidden in (".waakvlam-header", ".waakvlam-nav", ".waakvlam-footer", ".utrecht-skip-link"):
        assert f".waakvlam-helpcard-page {hidden}" in printed
    assert ".waakvlam-helpcard-actions" in printed and "size: A4 portrait" in css


def test_the_person_keeps_the_card_after_the_plan_closed(client, plan):
    plan_close(plan=plan, by=plan.opened_by)
    client.force_login(plan.person)
    assert "Tante Ria" in client.get(_url(plan)).content.decode()


def test_the_contact_and_coordinators_see_it_and_a_coordinator_leaves_an_audit_entry(client, plan):
    client.force_login(plan.contact)
    assert client.get(_url(plan)).status_code == 200
    assert not AuditEntry.objects.exists()
    client.force_login(plan.opened_by)
    html = client.get(_url(plan)).content.decode()
    assert reverse("aftercare:help_card_services", args=[plan.pk]) in html
    entry = AuditEntry.objects.get()
    assert entry.user == plan.opened_by and entry.subject == plan.person


def test_nobody_else_sees_the_card(client, plan):
    for who, user in outsiders(plan).items():
        client.force_login(user)
        assert client.get(_url(plan)).status_code == 404, who


def test_an_anonymised_plans_card_is_gone(client, plan):
    AftercarePlan.objects.filter(pk=plan.pk).update(
        person=None, anonymised_at=timezone.now(), phase="closed", closed_on=timezone.localdate()
    )
    client.force_login(plan.opened_by)
    assert client.get(_url(plan)).status_code == 404
