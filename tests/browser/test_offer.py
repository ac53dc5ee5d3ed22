"""The offer ("Aanbod") as people walk it: find a group with the filters,
sign up, see it in Mijn Waakvlam and sign out again; wait for a place and take
it from the e-mail; a trainer signs up someone without an account. axe-core
checks every page on the way.

Elements are found by id, name and href, not by text: the Dutch translations
are still being written. Texts that are checked accept Dutch and, while the
translations are being merged, English.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import dateformat, timezone, translation
from playwright.sync_api import expect

from groups.models import Enrolment, EnrolmentStatus, GroupKind
from groups.offer import listing
from groups.offer import services as offer_services
from people.models import Role, User
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import GroupPageFactory, MeetingFactory, group_index

from .helpers import link_from_mail, path_of, submit_button

pytestmark = pytest.mark.browser

LOGIN = "/account/login/"
MY = "/mijn/"
# The one form a confirm page (sign up, sign out, accept a place) has: it
# posts to the page itself, unlike the logout form in the header.
CONFIRM_BUTTON = "main form[method=post]:not([action]) button[type=submit]"


def in_days(days, hour=19, minute=30):
    """A moment `days` from now at a fixed local time, in the future."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


def dutch_date(meeting):
    """How the meeting lists write a meeting's date ("dinsdag 3 maart 2026")."""
    with translation.override("nl"):
        return dateformat.format(timezone.localtime(meeting.starts_at), "l j F Y")


def log_in_on_login_page(page, check_a11y, user):
    """On the login page (check_a11y done by the caller): fill in and send."""
    assert path_of(page) == LOGIN
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    submit_button(page, "login").click()


def status_message(page):
    return page.locator("main [role=status]")


def test_visitor_filters_offer_signs_up_sees_it_in_mijn_waakvlam_and_signs_out(
    page, url, check_a11y
):
    circle = GroupPageFactory(
        title="Spaarkring Overvecht", kind=GroupKind.SAVINGS_CIRCLE, place="Utrecht", capacity=10
    )
    course = GroupPageFactory(
        title="Budgetcursus Lombok", kind=GroupKind.BUDGET_COURSE, place="Utrecht"
    )
    peers = GroupPageFactory(
        title="Lotgenoten Amersfoort", kind=GroupKind.PEER_SUPPORT, place="Amersfoort"
    )
    first = MeetingFactory(group=circle, starts_at=in_days(3))
    MeetingFactory(group=circle, starts_at=in_days(10))
    MeetingFactory(group=course, starts_at=in_days(4))
    MeetingFactory(group=peers, starts_at=in_days(5))
    person = UserFactory(full_name="Samira El Idrissi")
    index_url = group_index().url

    # The offer shows all three groups.
    page.goto(url(index_url))
    check_a11y()
    cards = page.locator("main .waakvlam-group-card")
    expect(cards).to_have_count(3)

    # Filter on kind: a GET form, no JavaScript needed.
    page.select_option("#id_kind", GroupKind.SAVINGS_CIRCLE.value)
    with page.expect_navigation():
        submit_button(page, "kind").click()
    assert path_of(page) == index_url
    assert f"kind={GroupKind.SAVINGS_CIRCLE.value}" in page.url
    check_a11y()
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text(circle.title)
    expect(page.locator("#id_kind")).to_have_value(GroupKind.SAVINGS_CIRCLE.value)
    # The way back to everything is offered.
    expect(page.locator(f"main a[href='{index_url}']")).to_be_visible()

    # Open the group.
    cards.first.locator(f"a[href$='{circle.url}']").click()
    page.wait_for_url(f"**{circle.url}")
    check_a11y()
    expect(page.locator("main h1")).to_have_text(circle.title)
    expect(page.locator("main .waakvlam-meetings").first).to_contain_text(dutch_date(first))

    # Sign up: log in first; the login brings the visitor back.
    enrol_path = f"/groepen/{circle.pk}/aanmelden/"
    page.locator(f"main a[href='{enrol_path}']").click()
    page.wait_for_url(re.compile(re.escape(LOGIN) + r"\?next="))
    check_a11y()
    log_in_on_login_page(page, check_a11y, person)
    page.wait_for_url(f"**{enrol_path}")
    check_a11y()
    expect(page.locator("main h1")).to_contain_text(circle.title)
    expect(page.locator("main .waakvlam-meetings")).to_contain_text(dutch_date(first))
    assert not Enrolment.objects.filter(person=person).exists(), "GET must not enrol"

    page.locator(CONFIRM_BUTTON).click()
    page.wait_for_url("**/groepen/aanmelding/*/")
    check_a11y()
    enrolment = Enrolment.objects.get(person=person, group=circle)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert path_of(page) == f"/groepen/aanmelding/{enrolment.pk}/"
    expect(page.locator("main h1")).to_have_text(re.compile(r"aangemeld|signed up", re.I))
    # The confirmation mail, with the meetings for the calendar.
    confirmation = [m for m in mail.outbox if person.email in m.to]
    assert len(confirmation) == 1
    assert any(a[0].endswith(".ics") for a in confirmation[0].attachments)

    # Mijn Waakvlam: the group, its next meeting and the calendar link.
    page.locator(f"main a[href='{MY}']").click()
    page.wait_for_url(f"**{MY}")
    check_a11y()
    detail_href = f"a[href='/groepen/aanmelding/{enrolment.pk}/']"
    detail_link = page.locator(f"main {detail_href}")
    expect(detail_link).to_have_text(circle.title)
    my_card = page.locator("main .waakvlam-group-card", has=page.locator(detail_href))
    expect(my_card.locator(".waakvlam-meeting").first).to_contain_text(dutch_date(first))
    expect(my_card.locator(".waakvlam-meeting").first).to_contain_text("19:30")
    feed = page.locator("#feed-url")
    expect(feed).to_have_value(re.compile(r"^https?://[^/]+/groepen/agenda/[^/]+\.ics$"))
    # The calendar link works and holds the group's meetings.
    response = page.request.get(feed.input_value())
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    assert circle.title in response.text()

    # Sign out: the sign-up page, then the confirm page, then POST.
    detail_link.click()
    page.wait_for_url(f"**/groepen/aanmelding/{enrolment.pk}/")
    check_a11y()
    cancel_path = f"/groepen/aanmelding/{enrolment.pk}/afmelden/"
    page.locator(f"main a[href='{cancel_path}']").click()
    page.wait_for_url(f"**{cancel_path}")
    check_a11y()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED, "GET must not sign out"
    page.locator(CONFIRM_BUTTON).click()
    page.wait_for_url(f"**{MY}")
    check_a11y()
    expect(status_message(page)).to_contain_text(circle.title)
    expect(status_message(page)).to_contain_text(
        re.compile(r"niet meer aangemeld|no longer signed up", re.I)
    )
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED
    expect(page.locator(f"main a[href='/groepen/aanmelding/{enrolment.pk}/']")).to_have_count(0)


def test_person_joins_full_groups_waiting_list_and_takes_the_place_offered_by_mail(
    page, url, check_a11y
):
    group = GroupPageFactory(title="Budgetcursus Kanaleneiland", capacity=1)
    MeetingFactory(group=group, starts_at=in_days(6))
    holder = UserFactory(full_name="Kees Bakker")
    taken = offer_services.enrolment_create(group=group, person=holder)
    person = UserFactory(full_name="Ayla Yilmaz")

    page.goto(url(group.url))
    check_a11y()
    enrol_path = f"/groepen/{group.pk}/aanmelden/"
    page.locator(f"main a[href='{enrol_path}']").click()
    page.wait_for_url(re.compile(re.escape(LOGIN) + r"\?next="))
    check_a11y()
    log_in_on_login_page(page, check_a11y, person)
    page.wait_for_url(f"**{enrol_path}")
    check_a11y()
    expect(page.locator("main")).to_contain_text(re.compile(r"wachtlijst|waiting list", re.I))

    page.locator(CONFIRM_BUTTON).click()
    page.wait_for_url("**/groepen/aanmelding/*/")
    check_a11y()
    waiting = Enrolment.objects.get(person=person, group=group)
    assert waiting.status == EnrolmentStatus.WAITING
    assert waiting.waiting_position() == 1
    expect(page.locator("main h1")).to_contain_text(re.compile(r"wachtlijst|waiting list", re.I))
    expect(page.locator("main")).to_contain_text(re.compile(r"(nummer|number) 1\b", re.I))

    # The place comes free; the first person waiting gets an e-mail.
    offer_services.enrolment_cancel(enrolment=taken, by=holder)
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.OFFERED
    accept_path = link_from_mail(person.email, "/groepen/plek/")
    assert accept_path == f"/groepen/plek/{waiting.offer_token}/"

    # Read later, in a new browser session: log in, and back to the offer.
    page.context.clear_cookies()
    page.goto(url(accept_path))
    page.wait_for_url(re.compile(re.escape(LOGIN) + r"\?next="))
    check_a11y()
    log_in_on_login_page(page, check_a11y, person)
    page.wait_for_url(f"**{accept_path}")
    check_a11y()
    expect(page.locator("main h1")).to_have_count(1)
    expect(page.locator("main")).to_contain_text(group.title)
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.OFFERED, "GET must not accept"
    page.locator(CONFIRM_BUTTON).click()
    page.wait_for_url(f"**/groepen/aanmelding/{waiting.pk}/")
    check_a11y()
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.ENROLLED
    expect(status_message(page)).to_contain_text(re.compile(r"plek|a place", re.I))
    expect(page.locator("main h1")).to_have_text(re.compile(r"aangemeld|signed up", re.I))

    # The link in the mail, opened again, shows where things stand.
    page.goto(url(accept_path))
    page.wait_for_url(f"**/groepen/aanmelding/{waiting.pk}/")
    check_a11y()
    expect(page.locator("main h1")).to_have_text(re.compile(r"aangemeld|signed up", re.I))
    expect(page.locator(CONFIRM_BUTTON)).to_have_count(0)


def test_trainer_signs_up_someone_without_account_from_the_participants_page(page, url, check_a11y):
    organisation = OrganisationFactory()
    trainer = MembershipFactory(
        role=Role.TRAINER, organisation=organisation, user__full_name="Trainer Tineke"
    ).user
    group = GroupPageFactory(
        title="Spaarkring Zuilen",
        kind=GroupKind.SAVINGS_CIRCLE,
        organisation=organisation,
        trainers=[trainer],
        capacity=8,
    )
    next_meeting = MeetingFactory(group=group, starts_at=in_days(2))
    name, phone = "Mevrouw Jansen", "06 12345678"

    page.goto(url(LOGIN))
    check_a11y()
    log_in_on_login_page(page, check_a11y, trainer)
    page.wait_for_url(f"**{MY}")
    check_a11y()

    # "Groups you lead": the group with its next meeting.
    participants_path = f"/groepen/{group.pk}/deelnemers/"
    led_href = f"a[href='{participants_path}']"
    led_link = page.locator(f"main {led_href}")
    expect(led_link).to_have_text(group.title)
    led_card = page.locator("main .waakvlam-group-card", has=page.locator(led_href))
    expect(led_card).to_contain_text(dutch_date(next_meeting))
    led_link.click()
    page.wait_for_url(f"**{participants_path}")
    check_a11y()
    expect(page.locator("main h1")).to_contain_text(group.title)

    # Only a name: the form comes back with the error above the fields.
    page.fill("#id_full_name", name)
    with page.expect_navigation():
        submit_button(page, "full_name").click()
    assert path_of(page) == participants_path
    check_a11y()
    form = page.locator("main form:has([name='full_name'])")
    error = form.locator("[role=alert]")
    expect(error).to_be_visible()
    expect(error).to_contain_text(
        re.compile(r"telefoonnummer of een e-mailadres|phone number or an e-mail", re.I)
    )
    # The error comes before the fields, so it is read first.
    assert error.evaluate(
        "(el) => !!(el.compareDocumentPosition(document.getElementById('id_full_name'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    expect(page.locator("#id_full_name")).to_have_value(name)
    assert not Enrolment.objects.filter(group=group).exists()
    assert not User.objects.filter(full_name=name).exists()

    # With a phone number the person is signed up.
    page.fill("#id_phone", phone)
    with page.expect_navigation():
        submit_button(page, "full_name").click()
    page.wait_for_url(f"**{participants_path}")
    check_a11y()
    expect(status_message(page)).to_contain_text(name)
    expect(page.locator("main form [role=alert]")).to_have_count(0)
    expect(page.locator("main .waakvlam-people").first).to_contain_text(name)
    expect(page.locator("main .waakvlam-people a[href='tel:0612345678']")).to_have_text(phone)
    # An empty form again, ready for the next person.
    expect(page.locator("#id_full_name")).to_have_value("")

    enrolment = Enrolment.objects.get(group=group)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert enrolment.enrolled_by == trainer
    assert enrolment.person.full_name == name
    assert enrolment.person.phone == phone
    assert not enrolment.person.has_usable_password()


def test_visitor_pages_through_a_filtered_offer_on_a_phone(page, url, check_on_phone, monkeypatch):
    # Three cards a page: a few groups make three pages.
    monkeypatch.setattr(listing, "CARDS_PER_PAGE", 3)
    for n in range(1, 9):
        circle = GroupPageFactory(title=f"Spaarkring {n:02}", kind=GroupKind.SAVINGS_CIRCLE)
        MeetingFactory(group=circle, starts_at=in_days(n))
    GroupPageFactory(title="Budgetcursus Lombok", kind=GroupKind.BUDGET_COURSE)
    index_url = group_index().url
    kind = GroupKind.SAVINGS_CIRCLE.value

    page.goto(url(f"{index_url}?kind={kind}"))
    check_on_phone()
    cards = page.locator("main .waakvlam-group-card")
    expect(cards).to_have_count(3)
    pages = page.locator("main nav.waakvlam-pagination")
    expect(pages.locator("a[aria-current=page]")).to_have_text("1")

    # The next page keeps the filter.
    pages.locator("a[rel=next]").click()
    page.wait_for_url(f"**{index_url}?kind={kind}&page=2")
    check_on_phone()
    expect(cards).to_have_count(3)
    expect(cards.first).to_contain_text("Spaarkring 04")
    expect(pages.locator("a[aria-current=page]")).to_have_text("2")
    expect(page.locator("#id_kind")).to_have_value(kind)
    # Every link of the pages is a big enough target for a finger.
    for link in pages.locator("a").all():
        box = link.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, link.inner_text()
    pages.scroll_into_view_if_needed()
    page.screenshot(path="/tmp/shot-offer-page-2-390.png")

    # Choosing again starts at the first page.
    page.select_option("#id_kind", "")
    with page.expect_navigation():
        submit_button(page, "kind").click()
    assert "page=" not in page.url
    check_on_phone()
    expect(pages.locator("a[aria-current=page]")).to_have_text("1")
