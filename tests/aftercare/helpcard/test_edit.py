"""Filling the help card: the steady contact or a coordinator puts services
of the social map on it (with what for, in the person's words) and people of
the person's network; the person adds and removes their own people."""

import pytest
from django.urls import reverse

from aftercare.helpcard.services import card_person_add
from aftercare.models import ConsentWay, HelpCardPerson, HelpCardService
from people.audit.models import AuditEntry
from tests.aftercare.factories import plan_for
from tests.aftercare.mine.outsiders import outsiders

from .factories import service

pytestmark = pytest.mark.django_db


def _services_url(plan):
    return reverse("aftercare:help_card_services", args=[plan.pk])


def _people_url(plan, own):
    name = "help_card_my_people" if own else "help_card_people"
    return reverse(f"aftercare:{name}", args=[plan.pk])


def test_the_contact_puts_a_service_on_the_card_and_takes_it_off(client):
    plan = plan_for()
    help_desk = service()
    client.force_login(plan.contact)
    response = client.post(
        _services_url(plan),
        {"action": "add", "service": help_desk.pk, "for_what": "Hulp bij de post"},
    )
    assert response.status_code == 302
    item = plan.card_services.get()
    assert item.service == help_desk and item.for_what == "Hulp bij de post"

    response = client.post(
        _services_url(plan), {"action": "add", "service": help_desk.pk, "for_what": "Nog eens"}
    )
    assert response.status_code == 200
    assert "Deze dienst staat al op de hulpkaart." in response.content.decode()
    assert 'value="Nog eens"' in response.content.decode()

    client.post(_services_url(plan), {"action": "remove", "item": item.pk})
    assert not plan.card_services.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "add"},
        {"action": "add", "service": "abc"},
        {"action": "add", "service": "987654", "for_what": "x" * 300},
        {"action": "remove", "item": "abc"},
        {"action": "remove", "item": "987654"},
        {"action": "weg"},
        {},
    ],
)
def test_bad_input_on_the_services_page_is_refused_in_dutch(client, data):
    plan = plan_for()
    client.force_login(plan.contact)
    response = client.post(_services_url(plan), data, follow=True)
    assert response.status_code == 200
    assert not HelpCardService.objects.exists()
    assert "utrecht-alert--error" in response.content.decode()


def test_a_contact_cannot_remove_another_plans_service(client):
    plan, other = plan_for(), plan_for()
    item = HelpCardService.objects.create(plan=other, service=service())
    client.force_login(plan.contact)
    response = client.post(_services_url(plan), {"action": "remove", "item": item.pk}, follow=True)
    assert "Dit staat niet meer op de hulpkaart." in response.content.decode()
    assert HelpCardService.objects.filter(pk=item.pk).exists()


def test_without_consent_a_service_goes_on_the_card_but_not_what_for(client):
    plan = plan_for(consent=False)
    client.force_login(plan.contact)
    response = client.post(
        _services_url(plan), {"action": "add", "service": service().pk, "for_what": "De post"}
    )
    assert "Vraag eerst om toestemming" in response.content.decode()
    assert not plan.card_services.exists()


def test_the_person_adds_and_removes_their_own_people(client):
    plan = plan_for()
    client.force_login(plan.person)
    response = client.post(
        _people_url(plan, own=True),
        {
            "action": "add",
            "name": "Buurman Kees",
            "helps_with": "Leest mee",
            "phone": "06-12345678",
        },
    )
    assert response.status_code == 302
    kees = plan.card_people.get()
    assert (kees.name, kees.helps_with, kees.phone) == ("Buurman Kees", "Leest mee", "06-12345678")
    client.post(_people_url(plan, own=True), {"action": "remove", "item": kees.pk})
    assert not plan.card_people.exists()


def test_a_wrong_phone_number_or_no_name_gets_a_dutch_message_and_keeps_the_input(client):
    plan = plan_for()
    client.force_login(plan.person)
    response = client.post(
        _people_url(plan, own=True),
        {"action": "add", "name": "", "helps_with": "Boodschappen", "phone": "bel me"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["name"] == ["Schrijf een naam op."]
    assert errors["phone"] == ["Schrijf een telefoonnummer met alleen cijfers, zoals 06 1234 5678."]
    assert 'value="Boodschappen"' in response.content.decode()
    assert not plan.card_people.exists()


def test_without_consent_the_person_is_asked_and_nothing_is_kept_without_it(client):
    plan = plan_for(consent=False)
    client.force_login(plan.person)
    url = _people_url(plan, own=True)
    assert "Ja, u mag dit bewaren" in client.get(url).content.decode()
    response = client.post(url, {"action": "add", "name": "Zus Anna"})
    assert response.status_code == 200 and "consent" in response.context["form"].errors
    assert not plan.card_people.exists()
    client.post(url, {"action": "add", "name": "Zus Anna", "consent": "on"})
    plan.refresh_from_db()
    assert plan.card_people.get().name == "Zus Anna"
    assert plan.consent_way == ConsentWay.ONLINE and plan.consent_recorded_by == plan.person


def test_the_contact_adds_people_too_and_a_coordinator_leaves_an_audit_entry(client):
    plan = plan_for()
    client.force_login(plan.contact)
    client.post(_people_url(plan, own=False), {"action": "add", "name": "Dochter Sanne"})
    assert plan.card_people.get().name == "Dochter Sanne"
    client.force_login(plan.opened_by)
    assert client.get(_people_url(plan, own=False)).status_code == 200
    assert AuditEntry.objects.filter(user=plan.opened_by).count() == 1


@pytest.mark.parametrize("page", ["services", "people", "my_people"])
def test_only_the_contact_and_coordinators_edit_and_only_the_person_uses_their_page(client, page):
    plan = plan_for()
    card_person_add(plan=plan, name="Tante Ria")
    url = {
        "services": _services_url(plan),
        "people": _people_url(plan, own=False),
        "my_people": _people_url(plan, own=True),
    }[page]
    refused = outsiders(plan)
    if page == "my_people":
        refused |= {"the steady contact": plan.contact, "a coordinator": plan.opened_by}
    else:
        refused |= {"the person": plan.person}
    item = plan.card_people.get()
    for who, user in refused.items():
        client.force_login(user)
        assert client.get(url).status_code == 404, who
        assert client.post(url, {"action": "remove", "item": item.pk}).status_code == 404, who
    assert HelpCardPerson.objects.filter(pk=item.pk).exists()
