"""A newcomer's way from the home page to a confirmed place, counted in
taps: every click and every field typed in is one. The e-mail link keeps
the group they chose, in the same browser and on another device. axe-core
checks every page on the way.

Measured on this journey (item 1 of issue #11): 17 taps before (the
confirmation ended on the log-in page, then Mijn Waakvlam, and the group had
to be found again), 11 after. Opening the mail and its link are not
counted, before or after.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from groups.models import Enrolment, EnrolmentStatus, GroupKind
from people.models import User
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory, group_index

from .helpers import LOGIN, MY, PHONE, link_from_mail, log_in, path_of, submit_button
from .test_offer import CONFIRM_BUTTON, in_days

pytestmark = pytest.mark.browser

SIGNUP = "/account/signup/"
PASSWORD = "Zonnebloem-Kaasschaaf-77"
TAPS_AFTER = 11


class Taps:
    """Counts what a person does on the page: a click or typing in a field."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, selector):
        self.count += 1
        self.page.locator(selector).first.click()

    def fill(self, selector, value):
        self.count += 1
        self.page.fill(selector, value)


def a_group():
    index = group_index()
    index.show_in_menus = True
    index.save()
    group = GroupPageFactory(
        title="Budgetcursus Zuilen",
        kind=GroupKind.BUDGET_COURSE,
        venue_name="Buurthuis De Schakel",
        directions="Bus 8, halte Zuilen. Ingang aan de achterkant.",
        contact_name="Anja de Boer",
        contact_phone="030 123 45 67",
    )
    MeetingFactory(group=group, starts_at=in_days(5))
    return index, group


def sign_up_for_an_account(page, check, taps, email):
    """On the log-in page reached from Aanmelden: make an account."""
    taps.click(f"main a[href^='{SIGNUP}']")
    page.wait_for_url(f"**{SIGNUP}*")
    check()
    taps.fill("#id_full_name", "Fatima de Vries")
    taps.fill("#id_email", email)
    taps.fill("#id_password1", PASSWORD)
    taps.fill("#id_password2", PASSWORD)
    taps.count += 1
    submit_button(page, "password1").click()
    page.wait_for_url("**/account/confirm-email/")
    check()


def test_newcomer_goes_from_home_to_a_place_and_the_email_link_brings_them_back(
    page, url, check_a11y
):
    page.set_viewport_size(PHONE)
    index, group = a_group()
    enrol_path = f"/groepen/{group.pk}/aanmelden/"
    email = "fatima@example.org"
    taps = Taps(page)

    page.goto(url("/"))
    check_a11y()
    taps.click(f"header a[href='{index.url}']")
    page.wait_for_url(f"**{index.url}")
    check_a11y()
    taps.click(f"main a[href$='{group.url}']")
    page.wait_for_url(f"**{group.url}")
    check_a11y()
    taps.click(f"main a[href='{enrol_path}']")
    page.wait_for_url(re.compile(re.escape(LOGIN) + r"\?next="))
    check_a11y()
    sign_up_for_an_account(page, check_a11y, taps, email)

    # The link in the mail, in the same browser: one tap to confirm, and the
    # person is logged in and back at the group they chose.
    page.goto(url(link_from_mail(email, "/account/confirm-email/")))
    check_a11y()
    taps.click("form[action^='/account/confirm-email/'] button[type=submit]")
    page.wait_for_url(f"**{enrol_path}")
    check_a11y()
    assert EmailAddress.objects.get(email=email).verified
    expect(page.locator("main h1")).to_contain_text(group.title)
    # Where and when, before saying yes.
    facts = page.locator("main .waakvlam-facts")
    expect(facts).to_contain_text("Buurthuis De Schakel")
    expect(facts).to_contain_text("Bus 8, halte Zuilen")
    expect(facts).to_contain_text("Anja de Boer")
    page.set_viewport_size(PHONE)
    page.screenshot(path="/tmp/11a-enrol-confirm-phone.png", full_page=True)

    taps.click(CONFIRM_BUTTON)
    page.wait_for_url("**/groepen/aanmelding/*/")
    check_a11y()
    enrolment = Enrolment.objects.get(person__email=email, group=group)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    expect(page.locator("main h1")).to_have_text(re.compile(r"aangemeld|signed up", re.I))
    expect(page.locator("main .waakvlam-facts")).to_contain_text("030 123 45 67")
    page.set_viewport_size(PHONE)
    page.screenshot(path="/tmp/11a-signed-up-phone.png", full_page=True)

    print(f"taps from home to a confirmed place: {taps.count}")
    assert taps.count == TAPS_AFTER


def test_email_link_opened_on_another_device_leads_to_the_group_after_logging_in(
    page, url, check_a11y
):
    _index, group = a_group()
    enrol_path = f"/groepen/{group.pk}/aanmelden/"
    email = "kees@example.org"
    taps = Taps(page)

    page.goto(url(group.url))
    check_a11y()
    taps.click(f"main a[href='{enrol_path}']")
    page.wait_for_url(re.compile(re.escape(LOGIN) + r"\?next="))
    check_a11y()
    sign_up_for_an_account(page, check_a11y, taps, email)
    link = link_from_mail(email, "/account/confirm-email/")

    # Another device, or days later: no session of the sign-up.
    page.context.clear_cookies()
    page.goto(url(link))
    check_a11y()
    page.locator("form[action^='/account/confirm-email/'] button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(LOGIN) + r"\?next="))
    check_a11y()
    assert EmailAddress.objects.get(email=email).verified
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    submit_button(page, "login").click()
    page.wait_for_url(f"**{enrol_path}")
    check_a11y()
    assert path_of(page) == enrol_path
    expect(page.locator("main h1")).to_contain_text(group.title)
    assert User.objects.get(email=email).enrolments.count() == 0, "GET must not enrol"


def test_person_signs_out_from_the_card_in_mijn_waakvlam_and_a_finished_group_says_so(
    page, url, check_on_phone
):
    index, group = a_group()
    finished = GroupPageFactory(title="Budgetcursus Voorjaar", capacity=5)
    MeetingFactory(group=finished, starts_at=in_days(-3))
    person = UserFactory(full_name="Samira El Idrissi")
    going = EnrolmentFactory(group=group, person=person)
    EnrolmentFactory(group=finished, person=person)

    # Aanbod: the finished course is apart, without free places.
    page.goto(url(index.url))
    check_on_phone()
    finished_list = page.locator("main .waakvlam-group-list--finished")
    expect(finished_list).to_contain_text(finished.title)
    expect(finished_list).not_to_contain_text(re.compile(r"plekken vrij|places left"))
    page.screenshot(path="/tmp/11a-offer-phone.png", full_page=True)

    log_in(page, url, check_on_phone, person)
    cards = page.locator("main .waakvlam-group-card")
    finished_card = cards.filter(has_text=finished.title)
    expect(finished_card).to_contain_text(re.compile(r"Afgelopen|Finished"))
    expect(finished_card.locator("a[href$='/afmelden/']")).to_have_count(0)
    page.screenshot(path="/tmp/11a-my-phone.png", full_page=True)

    # One tap from the card to the confirmation page, one to sign out.
    cancel_path = f"/groepen/aanmelding/{going.pk}/afmelden/"
    mail.outbox.clear()
    cards.filter(has_text=group.title).locator(f"a[href='{cancel_path}']").click()
    page.wait_for_url(f"**{cancel_path}")
    check_on_phone()
    page.screenshot(path="/tmp/11a-cancel-phone.png", full_page=True)
    page.locator(CONFIRM_BUTTON).click()
    page.wait_for_url(f"**{MY}")
    check_on_phone()
    going.refresh_from_db()
    assert going.status == EnrolmentStatus.CANCELLED
    sent = [m for m in mail.outbox if person.email in m.to]
    assert len(sent) == 1
    assert group.title in sent[0].subject
