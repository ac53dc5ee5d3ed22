"""Attendance, savings and certificates as people walk them on a phone
(390 x 844): a trainer registers who came and what everyone saved; a member
sees how far they are with their goal and prints their certificate; a
coordinator opens the attendance report in the admin and downloads it.
axe-core checks every page on the way, the admin pages too (Wagtail's
report pages pass as they are: nothing is excluded).

Elements are found by id, name and href, not by text, as in the other
browser tests; the texts that are the point of a step (a Dutch error
message) are checked in Dutch.
"""

import datetime
import re
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import Completion
from groups.attendance import services as attendance_services
from groups.models import (
    Attendance,
    AttendanceStatus,
    EntryKind,
    GroupKind,
    SavingsEntry,
)
from groups.savings import services as savings_services
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory

from .helpers import log_in, path_of, submit_button

pytestmark = pytest.mark.browser

MY = "/mijn/"
REPORT = "/admin/attendance_report/"


@pytest.fixture
def check(check_on_phone):
    """These journeys are on a phone."""
    return check_on_phone


def today_meeting(group):
    """A meeting today, whatever the time the test runs: from an hour ago
    (or midnight) for two hours (or until just before midnight)."""
    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    starts = max(now - datetime.timedelta(hours=1), midnight)
    ends = min(
        starts + datetime.timedelta(hours=2), midnight + datetime.timedelta(hours=23, minutes=59)
    )
    return MeetingFactory(group=group, starts_at=starts, ends_at=ends)


def days_ago(group, days):
    starts = timezone.localtime().replace(hour=19, minute=0, second=0, microsecond=0)
    starts -= datetime.timedelta(days=days)
    return MeetingFactory(
        group=group, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )


def test_trainer_registers_attendance_and_deposits_on_a_phone(page, url, check):
    trainer = UserFactory(full_name="Henk Visser")
    group = GroupPageFactory(
        title="Spaarkring Overvecht", kind=GroupKind.SAVINGS_CIRCLE, trainers=[trainer]
    )
    anna, bram, cees = (
        EnrolmentFactory(group=group, person=UserFactory(full_name=name)).person
        for name in ("Anna Bakker", "Bram de Vries", "Cees Jansen")
    )
    last_week = days_ago(group, 7)  # not registered yet: listed below today's
    today = today_meeting(group)
    attendance_path = f"/groepen/bijeenkomst/{today.pk}/"
    deposits_path = f"/groepen/bijeenkomst/{today.pk}/inleg/"

    log_in(page, url, check, trainer)

    # Mijn Waakvlam: today's meeting first, with its "Register attendance".
    meeting_links = page.locator("main a[href^='/groepen/bijeenkomst/']")
    expect(meeting_links.first).to_have_attribute("href", attendance_path)
    expect(page.locator(f"main .waakvlam-today a[href='{attendance_path}']")).to_be_visible()
    expect(page.locator(f"main a[href='/groepen/bijeenkomst/{last_week.pk}/']")).to_be_visible()
    meeting_links.first.click()
    page.wait_for_url(f"**{attendance_path}")
    check()
    expect(page.locator("main h1")).to_have_count(1)

    # Tap a status for everyone; the page says what is not saved yet.
    chosen = {
        anna: AttendanceStatus.PRESENT,
        bram: AttendanceStatus.LATE,
        cees: AttendanceStatus.ABSENT,
    }
    for person, status in chosen.items():
        label = page.locator(f"label[for='status-{person.pk}-{status}']")
        # A touch target of at least 44 x 44 CSS pixels.
        box = label.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, box
        label.click()
        expect(page.locator(f"#status-{person.pk}-{status}")).to_be_checked()
    saved_anna = page.locator(f"#saved-{anna.pk}")
    expect(saved_anna).to_have_class(re.compile(r"waakvlam-attendance__saved--changed"))

    # Save: with JavaScript the page stays, and says who saved it.
    page.locator("#attendance-form button[type=submit]").click()
    for person in chosen:
        expect(page.locator(f"#saved-{person.pk}")).to_contain_text(trainer.get_short_name())
    expect(saved_anna).not_to_have_class(re.compile(r"waakvlam-attendance__saved--changed"))
    expect(page.locator("#attendance-live")).not_to_be_empty()
    assert path_of(page) == attendance_path
    check()
    assert {
        (row.person_id, row.status, row.recorded_by_id)
        for row in Attendance.objects.filter(meeting=today)
    } == {(person.pk, status.value, trainer.pk) for person, status in chosen.items()}

    # To the deposits of this meeting, straight from the attendance page.
    deposits_link = page.locator(f"main a[href='{deposits_path}']")
    assert deposits_link.bounding_box()["height"] >= 44
    deposits_link.click()
    page.wait_for_url(f"**{deposits_path}")
    check()

    def box(person):
        return page.locator(f"#id_amount-{person.pk}")

    size = box(anna).bounding_box()
    assert size["height"] >= 44, size
    assert 140 <= size["width"] <= 200, size  # about 10rem: an amount, not a line

    # A typo: the amount comes back with a Dutch message next to it, and
    # what was typed for the others is still there.
    box(anna).fill("10")
    box(bram).fill("abc")
    box(cees).fill("7,25")
    with page.expect_navigation():
        submit_button(page, f"amount-{anna.pk}").click()
    assert path_of(page) == deposits_path
    check()
    error = page.locator(f"#id_amount-{bram.pk}_error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(re.compile(r"Vul een bedrag in euro in, bijvoorbeeld 12,50"))
    expect(box(bram)).to_have_attribute("aria-invalid", "true")
    expect(box(bram)).to_have_attribute(
        "aria-describedby", re.compile(f"id_amount-{bram.pk}_error")
    )
    # The summary at the top leads to the field.
    expect(page.locator(f"main [role=alert] a[href='#id_amount-{bram.pk}']")).to_be_visible()
    expect(box(anna)).to_have_value("10")
    expect(box(bram)).to_have_value("abc")
    expect(box(cees)).to_have_value("7,25")
    assert not SavingsEntry.objects.exists()

    box(bram).fill("12,50")
    with page.expect_navigation():
        submit_button(page, f"amount-{anna.pk}").click()
    page.wait_for_url(f"**{deposits_path}")
    check()
    expect(page.locator("main [role=alert]")).to_have_count(0)
    expect(page.locator("main [role=status]")).to_contain_text("3")
    # What is recorded now stands under each name, the boxes are empty again.
    for person, amount in ((anna, "10,00"), (bram, "12,50"), (cees, "7,25")):
        expect(page.locator(f"#id_amount-{person.pk}_help")).to_contain_text(f"€ {amount}")
        expect(box(person)).to_have_value("")
    # The ledger shows each member's total.
    ledger_path = f"/groepen/{group.pk}/spaarkring/"
    page.locator(f"main a[href='{ledger_path}']").click()
    page.wait_for_url(f"**{ledger_path}")
    check()
    for person, amount in ((anna, "10,00"), (bram, "12,50"), (cees, "7,25")):
        expect(page.locator(f"#member-{person.pk} dl")).to_contain_text(f"€ {amount}")
    expect(page.locator("main .waakvlam-ledger__total")).to_contain_text("€ 29,75")
    assert {
        (entry.person_id, entry.kind, entry.amount)
        for entry in SavingsEntry.objects.filter(meeting=today)
    } == {
        (anna.pk, EntryKind.DEPOSIT, Decimal("10.00")),
        (bram.pk, EntryKind.DEPOSIT, Decimal("12.50")),
        (cees.pk, EntryKind.DEPOSIT, Decimal("7.25")),
    }


def test_participant_sees_own_savings_progress_and_prints_certificate(page, url, check):
    organisation = OrganisationFactory()
    trainer = UserFactory(full_name="Tineke Trainer")
    anna = UserFactory(full_name="Anna Bakker")
    bram = UserFactory(full_name="Bram de Vries")

    # Savings: Anna's goal is € 100 and she saved € 55; Bram saved € 87,35.
    circle_group = GroupPageFactory(
        title="Spaarkring Lombok",
        kind=GroupKind.SAVINGS_CIRCLE,
        organisation=organisation,
        trainers=[trainer],
    )
    for person in (anna, bram):
        EnrolmentFactory(group=circle_group, person=person)
    first, second = days_ago(circle_group, 14), days_ago(circle_group, 7)
    circle = savings_services.savings_circle_for(group=circle_group)
    savings_services.savings_goal_set(
        circle=circle, person=anna, purpose="Een wasmachine", target_amount=Decimal("100")
    )
    savings_services.deposits_record(
        circle=circle,
        meeting=first,
        amounts={anna.pk: Decimal("40"), bram.pk: Decimal("87.35")},
        by=trainer,
    )
    savings_services.deposits_record(
        circle=circle, meeting=second, amounts={anna.pk: Decimal("15")}, by=trainer
    )

    # A budget course, over: attendance of its last meeting completes it.
    course = GroupPageFactory(
        title="Budgetcursus Lombok",
        kind=GroupKind.BUDGET_COURSE,
        organisation=organisation,
        trainers=[trainer],
    )
    for person in (anna, bram):
        EnrolmentFactory(group=course, person=person)
    for days in (21, 14, 7):
        attendance_services.attendance_record(
            meeting=days_ago(course, days),
            statuses={anna.pk: AttendanceStatus.PRESENT, bram.pk: AttendanceStatus.PRESENT},
            by=trainer,
        )
    own = Completion.objects.get(group=course, person=anna)
    others = Completion.objects.get(group=course, person=bram)

    log_in(page, url, check, anna)

    # Her own savings: the total, the bar at 55% and the 50% milestone.
    card = page.locator(f"main #savings-{circle_group.pk}")
    expect(card.locator(".waakvlam-savings-card__total")).to_contain_text("€ 55,00")
    bar = card.locator("progress.waakvlam-progress__bar")
    expect(bar).to_have_attribute("value", "55")
    expect(card.locator(".waakvlam-progress__text")).to_contain_text("55%")
    success = card.locator(".waakvlam-progress__success")
    expect(success).to_be_visible()
    expect(success.locator(".utrecht-status-badge--success")).to_contain_text("50%")
    # The bar is as wide as the card and easy to see.
    bar_box = bar.bounding_box()
    assert bar_box["height"] >= 12 and bar_box["width"] >= 250, bar_box
    # Never another member's amount; in a circle of two the group total
    # would reveal it, so it is not shown either.
    expect(page.locator("main")).not_to_contain_text("87,35")
    expect(card).not_to_contain_text("142,35")

    # The certificate: from Mijn Waakvlam, with her name and the course.
    certificate_path = own.get_absolute_url()
    page.locator(f"main a[href='{certificate_path}']").click()
    page.wait_for_url(f"**{certificate_path}")
    check()
    expect(page.locator(".waakvlam-certificate__name")).to_have_text(anna.full_name)
    expect(page.locator(".waakvlam-certificate__course")).to_have_text(course.title)
    expect(page.locator(".waakvlam-nav")).to_be_visible()
    page.emulate_media(media="print")
    try:
        expect(page.locator(".waakvlam-nav")).to_be_hidden()
        expect(page.locator(".waakvlam-certificate__name")).to_be_visible()
    finally:
        page.emulate_media(media="screen")

    # Someone else's certificate does not exist for her.
    response = page.goto(url(others.get_absolute_url()))
    assert response.status == 404
    check()
    expect(page.locator("main")).not_to_contain_text(bram.full_name)


def test_coordinator_opens_attendance_report_and_downloads_spreadsheet(page, url, check):
    organisation = OrganisationFactory()
    coordinator = MembershipFactory(
        role=Role.COORDINATOR, organisation=organisation, user__full_name="Carla Coördinator"
    ).user
    group = GroupPageFactory(title="Budgetcursus Zuilen", organisation=organisation)
    elsewhere = GroupPageFactory(title="Budgetcursus Elders")  # another organisation
    anna = EnrolmentFactory(group=group, person=UserFactory(full_name="Anna Bakker")).person
    tricky = EnrolmentFactory(group=group, person=UserFactory(full_name='=HYPERLINK("x")')).person
    first, second = days_ago(group, 14), days_ago(group, 7)
    by = UserFactory()
    Attendance.objects.create(
        meeting=first, person=anna, status=AttendanceStatus.PRESENT, recorded_by=by
    )
    Attendance.objects.create(
        meeting=first, person=tricky, status=AttendanceStatus.ABSENT, recorded_by=by
    )
    Attendance.objects.create(
        meeting=second, person=anna, status=AttendanceStatus.LATE, recorded_by=by
    )

    log_in(page, url, check, coordinator)

    # The report first asks for a group: only the coordinator's own.
    page.goto(url(REPORT))
    check()
    choice = page.locator(f"a[href$='?group={group.pk}']")
    expect(choice).to_have_text(re.compile(group.title))
    expect(page.locator(f"a[href$='?group={elsewhere.pk}']")).to_have_count(0)
    choice.click()
    page.wait_for_url(re.compile(re.escape(REPORT) + rf"\?group={group.pk}$"))
    check()

    # The matrix: everyone against both meetings.
    rows = page.locator("table.listing tbody th[scope=row]")
    expect(rows).to_have_count(2)
    assert sorted(rows.all_inner_texts()) == sorted([anna.full_name, tricky.full_name])
    expect(page.locator("table.listing thead th")).to_have_count(4)  # name, 2 meetings, rate

    # The spreadsheet: the same people, the formula neutralised.
    with page.expect_download() as info:
        page.locator("a[href*='export=xlsx']").first.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    # Playwright's file has no extension, which openpyxl wants: read it open.
    with open(download.path(), "rb") as spreadsheet:
        sheet = openpyxl.load_workbook(spreadsheet).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # In the database's order: SQLite and PostgreSQL sort "=" differently.
    assert sorted(names) == sorted([anna.full_name, "'" + tricky.full_name])
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"formula in {cell.coordinate}: {cell.value!r}"
