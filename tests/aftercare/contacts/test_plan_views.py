"""The plan as the steady contact sees it; referrals and successes added
from it; who may open it (everyone else gets a 404, not a hint)."""

import pytest
from django.utils import timezone

from aftercare.models import Outcome, Purpose, Referral, ReferralOutcome, Success, SuccessKind
from aftercare.moments.services import moment_record
from aftercare.plans.services import plan_close
from people.audit.models import AuditEntry
from people.models import Role
from tests.factories import MembershipFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

from .helpers import TODAY, contact_with_plans, coordinator_of, in_days, service

pytestmark = pytest.mark.django_db

# However many moments, referrals and successes the plan has.
PLAN_QUERIES = 13


def plan_url(plan, rest=""):
    return f"/nazorg/traject/{plan.pk}/{rest}"


def test_the_plan_shows_choices_moments_referrals_and_successes(client):
    contact, (plan,) = contact_with_plans(
        wants_to_prevent="Nieuwe schulden", watch_out_for="Post niet openen"
    )
    coordinator = coordinator_of(plan.organisation)
    moment_record(
        moment=plan.moments.open().first(), by=coordinator, outcome=Outcome.WELL, note="Prima"
    )
    Referral.objects.create(plan=plan, service=service(), accompanied=True)
    Success.objects.create(plan=plan, kind=SuccessKind.OWN, title="Eerste maand op tijd betaald")
    client.force_login(contact)

    html = client.get(plan_url(plan)).content.decode()

    for text in (
        "Nieuwe schulden",
        "Post niet openen",
        "Waar let u op?",
        "Prima",
        f"gedaan door {coordinator.full_name}",
        "Geldloket Utrecht",
        "meegenomen",
        "Eerste maand op tijd betaald",
        "Nazorg tot",
    ):
        assert text in html, text


def test_a_referral_plans_is_het_gelukt_a_week_later(client):
    contact, (plan,) = contact_with_plans()
    huurteam = service("Huurteam Utrecht", helps_with="Advies bij huurachterstand.")
    service("Taalcafé")
    client.force_login(contact)

    found = client.get(plan_url(plan, "doorverwijzen/"), {"zoek": "huur"}).content.decode()
    assert "Huurteam Utrecht" in found and "Taalcafé" not in found
    response = client.post(
        plan_url(plan, "doorverwijzen/"),
        {"service": huurteam.pk, "referred_on": TODAY.isoformat(), "accompanied": "ja"},
        follow=True,
    )

    referral = plan.referrals.get()
    assert (referral.service, referral.accompanied, referral.recorded_by) == (
        huurteam,
        True,
        contact,
    )
    assert referral.follow_up.purpose == Purpose.FOLLOW_UP
    assert referral.follow_up.due_on == in_days(7)
    assert "Op " in str(list(response.context["messages"])[0])


def test_a_referral_form_with_errors_says_so_in_dutch_and_keeps_the_note(client):
    contact, (plan,) = contact_with_plans()
    client.force_login(contact)

    response = client.post(
        plan_url(plan, "doorverwijzen/"),
        {"service": "987654", "referred_on": in_days(3).isoformat(), "note": "Samen heen"},
    )

    html = response.content.decode()
    assert "Kies een hulpaanbod uit de lijst." in html
    assert "Deze datum ligt in de toekomst." in html
    assert "Samen heen" in html
    assert not plan.referrals.exists()


def test_the_outcome_of_a_referral(client):
    contact, (plan,) = contact_with_plans()
    referral = Referral.objects.create(plan=plan, service=service())
    client.force_login(contact)

    client.post(f"/nazorg/doorverwijzing/{referral.pk}/", {"outcome": ReferralOutcome.HELPED})

    referral.refresh_from_db()
    assert referral.outcome == ReferralOutcome.HELPED


def test_a_success_by_hand(client):
    contact, (plan,) = contact_with_plans()
    client.force_login(contact)

    empty = client.post(plan_url(plan, "succes/"), {"title": "  ", "happened_on": "x"})
    assert "Schrijf op wat er goed ging." in empty.content.decode()
    client.post(
        plan_url(plan, "succes/"),
        {"title": "Eerste maand alles op tijd betaald", "happened_on": TODAY.isoformat()},
    )

    success = plan.successes.get()
    assert (success.kind, success.title, success.recorded_by) == (
        SuccessKind.OWN,
        "Eerste maand alles op tijd betaald",
        contact,
    )


def test_a_closed_plan_can_be_read_but_not_changed(client):
    contact, (plan,) = contact_with_plans()
    done = plan.moments.open().first()
    moment_record(moment=done, by=contact, outcome=Outcome.WELL)
    plan_close(plan=plan, by=contact)
    client.force_login(contact)

    page = client.get(plan_url(plan)).content.decode()
    moment_page = client.get(f"/nazorg/moment/{done.pk}/").content.decode()
    refused = client.post(
        plan_url(plan, "doorverwijzen/"),
        {"service": service().pk, "referred_on": TODAY.isoformat(), "accompanied": "nee"},
    )

    assert "u kunt het lezen, er kan niets bij" in page
    assert "doorverwijzen/" not in page
    assert 'name="outcome"' not in moment_page
    assert refused.status_code == 302 and not plan.referrals.exists()


def test_a_coordinators_visit_is_in_the_audit_trail_the_contacts_is_not(client):
    contact, (plan,) = contact_with_plans()
    client.force_login(contact)
    client.get(plan_url(plan))
    assert not AuditEntry.objects.exists()

    client.force_login(coordinator_of(plan.organisation))
    assert client.get(plan_url(plan)).status_code == 200

    entry = AuditEntry.objects.get()
    assert (entry.subject, entry.object_id, entry.data) == (
        plan.person,
        str(plan.pk),
        {"page": "contact_plan"},
    )


def _outsiders(plan):
    organisation = plan.organisation
    other_volunteer = MembershipFactory(organisation=organisation, role=Role.VOLUNTEER).user
    group = GroupPageFactory(organisation=organisation)
    trainer = MembershipFactory(organisation=organisation, role=Role.TRAINER).user
    group.trainers.set([trainer])
    group.save()
    EnrolmentFactory(group=group, person=plan.person)
    other_coordinator = MembershipFactory(role=Role.COORDINATOR).user
    return [other_volunteer, trainer, other_coordinator, plan.person]


def test_a_second_volunteer_a_trainer_and_another_coordinator_get_a_404(client):
    contact, (plan,) = contact_with_plans()
    moment = plan.moments.open().first()
    referral = Referral.objects.create(plan=plan, service=service())
    urls = [
        plan_url(plan),
        plan_url(plan, "doorverwijzen/"),
        plan_url(plan, "succes/"),
        f"/nazorg/moment/{moment.pk}/",
        f"/nazorg/moment/{moment.pk}/verzetten/",
        f"/nazorg/doorverwijzing/{referral.pk}/",
    ]
    for outsider in _outsiders(plan):
        client.force_login(outsider)
        for url in urls:
            assert client.get(url).status_code == 404, (outsider, url)
            assert client.post(url, {"outcome": "well"}).status_code == 404, (outsider, url)
    assert not plan.moments.done().exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    contact, (plan,) = contact_with_plans()

    response = client.get(plan_url(plan))

    assert response.status_code == 302 and "/account/login/" in response["Location"]


@pytest.mark.parametrize("size", [1, 10])
def test_the_plan_page_needs_as_many_queries_with_ten_times_more_history(
    client, assert_page_queries, size
):
    contact, (plan,) = contact_with_plans()
    for n in range(size):
        Referral.objects.create(plan=plan, service=service(f"Dienst {n}"), note="x")
        Success.objects.create(plan=plan, kind=SuccessKind.OWN, title=f"Succes {n}")
        moment = plan.moments.open().first()
        moment_record(moment=moment, by=coordinator_of(plan.organisation), outcome=Outcome.WELL)
        plan.moments.create(due_on=in_days(30 + n))
    client.force_login(contact)

    assert_page_queries(plan_url(plan), PLAN_QUERIES)


def test_an_anonymised_plan_is_shown_without_a_name_and_read_only(client):
    contact, (plan,) = contact_with_plans()
    plan_close(plan=plan, by=contact)
    type(plan).objects.filter(pk=plan.pk).update(person=None, anonymised_at=timezone.now())
    client.force_login(contact)

    response = client.get(plan_url(plan))

    assert response.status_code == 200
    assert "Nazorgtraject (geanonimiseerd)" in response.content.decode()
    assert "Anna" not in response.content.decode()
