"""The privacy walls around a plan, over every aftercare URL the resolver
knows (and the attention list and Mijn Waakvlam, where a plan's signal or
its person could show): a second volunteer of the same organisation, a
trainer of the person's group and another organisation's coordinator never
see the person's name, and a URL naming the plan, a moment or the plan's
signal refuses them (403, 404, or a redirect away)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from aftercare.models import Outcome
from aftercare.moments.services import moment_record
from aftercare.referrals.services import referral_record
from groups.models import AttentionSignal
from knowledge.models import Service
from people.models import Role
from tests.access.paths import victim_path
from tests.access.resolver import url_patterns
from tests.aftercare.factories import plan_for, steady_contact
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

pytestmark = pytest.mark.django_db

NAME = "Yara Muurvast-8801"
PREFIXES = ("nazorg/", "admin/aftercare", "admin/attention_signals/", "mijn/")
ROUTES = sorted({route for route, _name in url_patterns() if route.startswith(PREFIXES)})
OUTSIDERS = ("second_volunteer", "trainer", "other_coordinator")


@pytest.fixture
def world():
    organisation = OrganisationFactory()
    trainer = MembershipFactory(organisation=organisation, role=Role.TRAINER).user
    group = GroupPageFactory(organisation=organisation, trainers=[trainer])
    person = EnrolmentFactory(group=group, person=UserFactory(full_name=NAME)).person
    plan = plan_for(organisation=organisation, person=person, watch_out_for=f"Post, zegt {NAME}")
    moment = plan.moments.first()
    moment_record(moment=moment, by=plan.contact, outcome=Outcome.CONCERNS, note=NAME)
    outsiders = {
        "second_volunteer": steady_contact(organisation),
        "trainer": trainer,
        "other_coordinator": MembershipFactory(role=Role.COORDINATOR).user,
    }
    referral = referral_record(
        plan=plan,
        service=Service.objects.create(
            name="Geldloket",
            helps_with="Rekeningen.",
            place="Utrecht",
            organisation_type="gemeente",
        ),
        by=plan.contact,
        referred_on=timezone.localdate(),
        accompanied=True,
        note=NAME,
    )
    victims = {
        "plan": plan,
        "moment": moment,
        "referral": referral,
        "signal": AttentionSignal.objects.get(),
        "aftercare_settings": plan.organisation.aftercare_settings,
    }
    return outsiders, victims


def test_the_walk_covers_the_attention_list_and_mijn_waakvlam():
    assert "admin/attention_signals/" in ROUTES
    assert reverse("people:my")[1:] in ROUTES


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("route", ROUTES)
def test_outsiders_never_see_the_plan(client, world, who, route):
    outsiders, victims = world
    client.force_login(outsiders[who])
    client.raise_request_exception = False
    path, names_victim = victim_path(route, victims)
    for method in ("GET", "POST"):
        response = client.generic(method, path)
        label = f"{who}: {method} {path} → {response.status_code}"
        assert response.status_code < 500, label
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert NAME.lower() not in body.decode(errors="replace").lower(), label
        if names_victim:
            assert response.status_code in (302, 403, 404, 405), label
