"""The walls around a plan, in a real browser on a phone: the
organisation's coordinator sees aftercare's signal on the attention list
("Nazorg", with a link to the plan); a second volunteer of the same
organisation, a trainer of the person's group and another organisation's
coordinator never see the person or the plan — not on Mijn Waakvlam, not on
the attention list, and every direct URL of the plan, its moment or its
signal refuses them. axe-core checks every page visited.

The aftercare URLs are taken from the resolver, so the plan's own pages
(/nazorg/traject/<id>/, /nazorg/moment/<id>/, /admin/aftercare_plans/...)
are walked as soon as they exist."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

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

from .helpers import MY, log_in
from .test_volunteers import settle

pytestmark = pytest.mark.browser

NAME = "Yara Muurvast"
LIST = "/admin/attention_signals/"
AFTERCARE_ROUTES = sorted(
    {route for route, _name in url_patterns() if route.startswith(("nazorg/", "admin/aftercare"))}
)


@pytest.fixture
def check(page, check_on_phone):
    def run():
        page.wait_for_load_state("load")
        settle(page)
        check_on_phone()

    return run


@pytest.fixture
def world():
    organisation = OrganisationFactory(name="Schuldhulpmaatje Lunetten")
    trainer = MembershipFactory(
        organisation=organisation, role=Role.TRAINER, user__full_name="Tineke Trainer"
    ).user
    group = GroupPageFactory(organisation=organisation, title="Budgetcursus", trainers=[trainer])
    person = EnrolmentFactory(group=group, person=UserFactory(full_name=NAME)).person
    plan = plan_for(organisation=organisation, person=person)
    moment = plan.moments.first()
    moment_record(moment=moment, by=plan.contact, outcome=Outcome.CONCERNS)
    return {
        "coordinator": MembershipFactory(
            organisation=organisation, role=Role.COORDINATOR, user__full_name="Carla Coördinator"
        ).user,
        "outsiders": [
            steady_contact(organisation, full_name="Vincent Vrijwilliger"),
            trainer,
            MembershipFactory(
                organisation=OrganisationFactory(name="Geldmaatjes Elders"),
                role=Role.COORDINATOR,
                user__full_name="Olga Elders",
            ).user,
        ],
        "victims": {
            "plan": plan,
            "moment": moment,
            "referral": referral_record(
                plan=plan,
                service=Service.objects.create(
                    name="Geldloket",
                    helps_with="Post.",
                    place="Utrecht",
                    organisation_type="gemeente",
                ),
                by=plan.contact,
                referred_on=timezone.localdate(),
                accompanied=True,
            ),
            "signal": AttentionSignal.objects.get(),
            "aftercare_settings": organisation.aftercare_settings,
        },
    }


def direct_paths(victims):
    """The plan's own URLs (the aftercare routes that name the plan or one of
    its records), its signal on the attention list and on the site."""
    signal = victims["signal"]
    filled = (victim_path(route, victims) for route in AFTERCARE_ROUTES)
    paths = [path for path, named in filled if named]
    return [*paths, f"{LIST}outcome/{signal.pk}/", f"/groepen/signaal/{signal.pk}/"]


def visit(page, url, check, path):
    response = page.goto(url(path))
    check()
    expect(page.locator("body")).not_to_contain_text(NAME)
    return response


def admin_shut(page, url, path, staff):
    """Asked without following: someone without the admin is sent to the
    log-in (which sends a signed-in visitor straight back); staff get the
    admin's 404, whose page is Wagtail's own."""
    response = page.request.get(url(path), max_redirects=0)
    if staff:
        assert response.status in (403, 404), path
    else:
        assert response.status == 302 and "/account/login/" in response.headers["location"]
    assert NAME not in response.text()


def test_only_the_organisations_coordinator_sees_the_plans_signal(page, url, check, world):
    log_in(page, url, check, world["coordinator"])
    page.goto(url(LIST))
    check()
    row = page.locator("table.listing tbody tr", has_text=NAME)
    expect(row).to_contain_text("Nazorg")
    plan_link = row.locator("a[href*='/aftercare_plans/inspect/']")
    expect(plan_link).to_have_count(1)
    page.context.clear_cookies()

    for outsider in world["outsiders"]:
        staff = outsider.memberships.filter(role=Role.COORDINATOR).exists()
        log_in(page, url, check, outsider)
        visit(page, url, check, MY)
        if staff:
            visit(page, url, check, LIST)
        else:
            admin_shut(page, url, LIST, staff)
        for path in direct_paths(world["victims"]):
            if path.startswith("/admin/"):
                admin_shut(page, url, path, staff)
                continue
            response = visit(page, url, check, path)
            assert response.status in (403, 404), path
        page.context.clear_cookies()
