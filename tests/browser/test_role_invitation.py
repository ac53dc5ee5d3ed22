"""The role invitation journey on a phone: a coordinator invited someone
by e-mail address; the person opens the link, logs in, accepts and holds
the role. axe-core checks every page on the way."""

import pytest
from playwright.sync_api import expect

from people.invitations.mail import role_invitation_url
from people.invitations.services import role_invitation_create
from people.models import Membership, Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .helpers import MY, log_in_from_invitation, path_of

pytestmark = pytest.mark.browser


def test_an_invited_person_logs_in_from_the_link_and_accepts_the_role(page, url, check_on_phone):
    organisation = OrganisationFactory(name="Op koers Utrecht")
    coordinator = MembershipFactory(
        organisation=organisation, role=Role.COORDINATOR, user__full_name="Carla Coördinator"
    ).user
    person = UserFactory(full_name="Henk de Vries")
    invitation = role_invitation_create(
        organisation=organisation,
        role=Role.TRAINER,
        email=person.email,
        full_name="Henk",
        by=coordinator,
    )
    link = role_invitation_url(invitation)
    page.goto(url(link[link.index("/mijn/") :]))
    check_on_phone()
    expect(page.locator("main")).to_contain_text("Op koers Utrecht vraagt u om trainer te worden")
    log_in_from_invitation(page, check_on_phone, person, "**/mijn/uitnodiging/**")
    page.locator("button[name=answer][value=accept]").click()
    page.wait_for_url(f"**{MY}")
    check_on_phone()
    expect(page.locator("main")).to_contain_text("U bent nu trainer bij Op koers Utrecht")
    assert Membership.objects.filter(
        user=person, organisation=organisation, role=Role.TRAINER
    ).exists()
    assert path_of(page) == MY
