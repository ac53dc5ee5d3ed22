"""A participant on a phone says on Mijn Waakvlam "ik kan er deze keer niet
zijn" for the next meeting, and can take it back; then the trainer opens the
attendance page of that meeting and sees "Met bericht afwezig" beside her
name. The reminder e-mail's link does the same without logging in. axe-core
on every page visited (check_on_phone)."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from groups import tasks
from groups.models import AbsenceNotice
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory

from .helpers import MY, link_from_mail, log_in
from .test_offer import in_days

pytestmark = pytest.mark.browser


@pytest.fixture
def check(check_on_phone):
    return check_on_phone


def _absence_button(page, meeting):
    return page.locator(f"form[action='/groepen/bijeenkomst/{meeting.pk}/afmelden/'] button")


def test_participant_says_she_cannot_come_and_the_trainer_sees_it(page, url, check):
    trainer = UserFactory(full_name="Henk Visser")
    group = GroupPageFactory(title="Budgetcursus Overvecht", trainers=[trainer])
    anna = EnrolmentFactory(group=group, person=UserFactory(full_name="Anna Jansen")).person
    meeting = MeetingFactory(group=group, starts_at=in_days(2), topic="Post openen")
    later = MeetingFactory(group=group, starts_at=in_days(9))

    log_in(page, url, check, anna)
    button = _absence_button(page, meeting)
    expect(button).to_have_text("Ik kan er deze keer niet zijn")
    with page.expect_navigation():
        button.click()
    check()
    expect(page.locator("main")).to_contain_text("Uw begeleider weet nu dat u er niet bent.")
    expect(_absence_button(page, meeting)).to_have_text("Ik kom toch")
    # Only that one meeting.
    expect(_absence_button(page, later)).to_have_text("Ik kan er deze keer niet zijn")
    page.screenshot(path="/tmp/shot-12-absence-my-390.png", full_page=True)
    assert AbsenceNotice.objects.standing().filter(meeting=meeting, person=anna).exists()

    page.context.clear_cookies()
    log_in(page, url, check, trainer)
    next_meeting = page.locator(f"main a[href='/groepen/bijeenkomst/{meeting.pk}/']")
    expect(next_meeting).to_have_text("1 persoon kan niet komen")
    with page.expect_navigation():
        next_meeting.click()
    check()
    person = page.locator(f"#person-{anna.pk}")
    expect(person).to_contain_text("Met bericht afwezig")
    expect(person).to_contain_text("zelf gemeld via Mijn Waakvlam")
    page.screenshot(path="/tmp/shot-12-absence-trainer-390.png", full_page=True)


def test_from_the_reminder_mail_one_tap_without_logging_in(page, url, check, sent):
    group = GroupPageFactory(title="Praatgroep Zuilen")
    anna = EnrolmentFactory(group=group, person=UserFactory(full_name="Anna Jansen")).person
    meeting = MeetingFactory(group=group, starts_at=in_days(1, hour=14))
    with sent():
        assert tasks.send_meeting_reminders() == 1
    link = link_from_mail(anna.email, "/groepen/afmelden/")
    mail.outbox.clear()

    page.goto(url(link))
    check()
    assert not AbsenceNotice.objects.exists()  # opening the link changes nothing
    expect(page.locator("main h1")).to_have_text("Kunt u er deze keer niet zijn?")
    with page.expect_navigation():
        page.locator("main form button").click()
    check()
    expect(page.locator("main")).to_contain_text("Bedankt voor uw bericht.")
    expect(page.locator("main form button")).to_have_text("Ik kom toch")
    assert AbsenceNotice.objects.standing().filter(meeting=meeting, person=anna).exists()
    assert page.url.endswith(link) and MY not in page.url
