"""A trainer on a phone at a meeting of a savings circle: four status
buttons whose words fit at 390 and 320 px, "Met bericht afwezig" instead of a
word that also means leaving, two Fatimas told apart, and deposits that show
what was booked and are not booked twice by typing them again. axe-core on
every page visited (check_on_phone)."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from groups.models import GroupKind, SavingsEntry
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

from .helpers import NARROW, PHONE, log_in, submit_button
from .test_progress import today_meeting

pytestmark = pytest.mark.browser

OVERFLOWING = """() => [...document.querySelectorAll('.waakvlam-segments__label')]
    .filter(label => label.scrollWidth > label.clientWidth
                  || label.scrollHeight > label.clientHeight)
    .map(label => label.textContent.trim() + ' ' + label.scrollWidth + '>' + label.clientWidth)"""


@pytest.fixture
def check(check_on_phone):
    return check_on_phone


def test_trainer_registers_and_books_deposits_without_doubt_on_a_phone(page, url, check):
    trainer = UserFactory(full_name="Henk Visser")
    group = GroupPageFactory(
        title="Spaarkring Kanaleneiland", kind=GroupKind.SAVINGS_CIRCLE, trainers=[trainer]
    )
    fatima, namesake = (
        EnrolmentFactory(group=group, person=UserFactory(full_name=name, phone=phone)).person
        for name, phone in (("Fatima", "0612345678"), ("Fatima de Vries", "0687654321"))
    )
    meeting = today_meeting(group)
    log_in(page, url, check, trainer)
    page.goto(url(f"/groepen/bijeenkomst/{meeting.pk}/"))
    check()

    # The words on the four buttons fit, on a common phone and a small one.
    for size in (PHONE, NARROW):
        page.set_viewport_size(size)
        assert page.evaluate(OVERFLOWING) == [], size
    page.set_viewport_size(PHONE)
    expect(page.locator(f"label[for='status-{fatima.pk}-excused']")).to_have_text(
        "Met bericht afwezig"
    )
    # Two Fatimas: the last digits of their phone numbers tell them apart.
    expect(page.locator(f"#person-{fatima.pk} legend")).to_have_text("Fatima (tel. eindigt op 678)")
    expect(page.locator(f"#person-{namesake.pk} legend")).to_have_text(
        "Fatima de Vries (tel. eindigt op 321)"
    )
    page.screenshot(path="/tmp/shot-11c-attendance-390.png", full_page=True)

    deposits_path = f"/groepen/bijeenkomst/{meeting.pk}/inleg/"
    page.locator(f"main a[href='{deposits_path}']").click()
    page.wait_for_url(f"**{deposits_path}")
    check()
    expect(page.locator("main")).to_contain_text("vandaag")
    page.fill(f"#id_amount-{fatima.pk}", "12,50")
    with page.expect_navigation():
        submit_button(page, f"amount-{fatima.pk}").click()
    check()
    # What was booked stands at the top.
    booked = page.locator("main .waakvlam-booked")
    expect(booked).to_contain_text("Fatima: inleg € 12,50")
    expect(booked).to_contain_text("€ 12,50")
    page.screenshot(path="/tmp/shot-11c-deposits-booked-390.png", full_page=True)

    # The same amount typed again: not booked, a question instead.
    page.fill(f"#id_amount-{fatima.pk}", "12,50")
    with page.expect_navigation():
        submit_button(page, f"amount-{fatima.pk}").click()
    check()
    expect(page.locator("main [role=alert]")).to_contain_text("Dit is al geboekt")
    expect(page.locator(f"#id_amount-{fatima.pk}")).to_have_value("12,50")
    assert SavingsEntry.objects.filter(person=fatima).count() == 1
    page.screenshot(path="/tmp/shot-11c-deposits-repeat-390.png", full_page=True)

    # It really was a second deposit: confirmed, it is booked.
    page.locator("label[for='id_repeat_confirmed']").click()
    with page.expect_navigation():
        submit_button(page, f"amount-{fatima.pk}").click()
    check()
    amounts = SavingsEntry.objects.filter(person=fatima).values_list("amount", flat=True)
    assert list(amounts) == [Decimal("12.50"), Decimal("12.50")]
