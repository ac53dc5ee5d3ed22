"""The invitation journey on a phone: a trainer signed someone up by e-mail
address; the person opens the link, logs in, confirms and is in the group.
axe-core checks every page on the way."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import Enrolment, EnrolmentStatus
from groups.offer.notifications import invitation_url
from groups.offer.services import invitation_create
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import GroupPageFactory, MeetingFactory

from .helpers import log_in_from_invitation, path_of

pytestmark = pytest.mark.browser


def test_an_invited_person_logs_in_from_the_link_and_confirms_the_sign_up(
    page, url, check_on_phone
):
    trainer = MembershipFactory(role=Role.TRAINER, user__full_name="Truus Trainer").user
    group = GroupPageFactory(
        title="Rondkomen met je geld",
        organisation=trainer.memberships.get().organisation,
        trainers=[trainer],
    )
    MeetingFactory(group=group, starts_at=timezone.now() + datetime.timedelta(days=3))
    person = UserFactory(full_name="Henk de Vries")
    invitation = invitation_create(group=group, full_name="Henk", email=person.email, by=trainer)
    link = invitation_url(invitation)
    page.goto(url(link[link.index("/groepen/") :]))
    check_on_phone()
    expect(page.locator("main")).to_contain_text("Truus Trainer")
    log_in_from_invitation(page, check_on_phone, person, "**/groepen/uitnodiging/**")
    page.locator("button[name=answer][value=confirm]").click()
    page.wait_for_load_state("load")
    check_on_phone()
    assert Enrolment.objects.get(group=group, person=person).status == EnrolmentStatus.ENROLLED
    assert path_of(page) != "/account/login/"
