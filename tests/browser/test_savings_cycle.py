"""Closing a savings round on a phone (390 x 844): the trainer books each
member's pay-out, closes the round and sees the statement; the member sees
"Gelukt!" on Mijn Waakvlam and writes what she saved for. axe-core checks
every page on the way.

Elements are found by id, name and href, not by text; the texts that are
the point of a step are checked in Dutch."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from groups.models import EntryKind, GroupKind, SavingsCycle, SavingsEntry, SavingsSuccess
from groups.savings import services as savings_services
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory

from .helpers import MY, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def check(check_on_phone):
    return check_on_phone


def nl(text):
    with translation.override("nl"):
        return _(text)


def test_trainer_pays_out_and_closes_the_round_and_the_member_says_what_she_saved_for(
    page, url, check
):
    trainer = UserFactory(full_name="Henk Visser")
    group = GroupPageFactory(
        title="Spaarkring Overvecht", kind=GroupKind.SAVINGS_CIRCLE, trainers=[trainer]
    )
    anna, bram = (
        EnrolmentFactory(group=group, person=UserFactory(full_name=name)).person
        for name in ("Anna Bakker", "Bram de Vries")
    )
    starts = timezone.localtime().replace(hour=19, minute=0, second=0, microsecond=0)
    meeting = MeetingFactory(
        group=group,
        starts_at=starts - datetime.timedelta(days=7),
        ends_at=starts - datetime.timedelta(days=7, hours=-2),
    )
    circle = savings_services.savings_circle_for(group=group)
    savings_services.savings_goal_set(
        circle=circle, person=anna, purpose="Een wasmachine", target_amount=Decimal("20")
    )
    savings_services.deposits_record(
        circle=circle,
        meeting=meeting,
        amounts={anna.pk: Decimal("25.00"), bram.pk: Decimal("12.50")},
        by=trainer,
    )
    ledger_path = f"/groepen/{group.pk}/spaarkring/"
    payouts_path = f"{ledger_path}uitbetalen/"
    close_path = f"{ledger_path}afsluiten/"
    statement_path = f"{ledger_path}ronde/1/"

    # The trainer: from the ledger to the pay-outs, one tap per member.
    log_in(page, url, check, trainer)
    page.goto(url(ledger_path))
    check()
    page.locator(f"main a[href='{payouts_path}']").click()
    page.wait_for_url(f"**{payouts_path}")
    check()
    for person, amount in ((anna, "25,00"), (bram, "12,50")):
        section = page.locator(f"#payout-{person.pk}")
        expect(section).to_contain_text(f"€ {amount}")
        button = section.locator("button[type=submit]")
        box = button.bounding_box()
        assert box["height"] >= 44, box
        with page.expect_navigation():
            button.click()
        check()
        expect(page.locator(f"#payout-{person.pk} .utrecht-status-badge--success")).to_be_visible()
        expect(page.locator(f"#payout-{person.pk}")).to_contain_text(trainer.full_name)
        expect(page.locator(f"#payout-{person.pk} button[type=submit]")).to_have_count(0)
    assert {
        (entry.person_id, entry.amount)
        for entry in SavingsEntry.objects.filter(kind=EntryKind.PAYOUT)
    } == {(anna.pk, Decimal("25.00")), (bram.pk, Decimal("12.50"))}

    # Every pay-out is booked: close the round with the next pay-out day.
    page.locator(f"main a[href='{close_path}']").click()
    page.wait_for_url(f"**{close_path}")
    check()
    next_payout = timezone.localdate() + datetime.timedelta(days=270)
    page.fill("#id_payout_planned_on", next_payout.isoformat())
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{statement_path}")
    check()
    expect(page.locator("[data-total=deposits]")).to_contain_text("37,50")
    expect(page.locator("[data-total=paid_out]")).to_contain_text("37,50")
    expect(page.locator("[data-total=balance]")).to_contain_text("0,00")
    first, second = SavingsCycle.objects.filter(circle=circle).order_by("number")
    assert first.closed_by == trainer and second.is_open
    assert second.payout_planned_on == next_payout

    # The member: "Gelukt!" on Mijn Waakvlam, and her own line, private.
    page.context.clear_cookies()
    log_in(page, url, check, anna)
    card = page.locator(f"main #savings-{group.pk}")
    success = SavingsSuccess.objects.get(person=anna, cycle=first)
    block = card.locator(f"#success-{success.pk}")
    expect(block).to_contain_text(nl("Well done!"))
    expect(block).to_contain_text("25,00")
    story = page.locator(f"#id_success-{success.pk}-story")
    story.fill("Een wasmachine, eindelijk weer zelf wassen")
    expect(page.locator(f"#id_success-{success.pk}-story_shared")).not_to_be_checked()
    with page.expect_navigation():
        block.locator("button[type=submit]").click()
    page.wait_for_url(f"**{MY}#savings-{group.pk}")
    check()
    expect(page.locator(f"main #success-{success.pk}")).to_contain_text(
        "Een wasmachine, eindelijk weer zelf wassen"
    )
    success.refresh_from_db()
    assert success.story_shared is False

    # Her own statement of round 1, printable.
    own_path = f"{ledger_path}ronde/1/uitbetaling/{anna.pk}/"
    page.locator(f"main a[href='{own_path}']").click()
    page.wait_for_url(f"**{own_path}")
    check()
    expect(page.locator("[data-total=balance]")).to_contain_text("0,00")
    expect(page.locator("main")).not_to_contain_text("12,50")
