"""Volunteers and their qualifications as people walk them: a coordinator
records a certificate and sees the qualification overview change; a
volunteer completes a training and finds the competency in Mijn Waakvlam; a
trainer who is not qualified is refused on a group page, with the reasons.
axe-core checks every page on the way, Wagtail's admin pages too.

Elements are found by id, name and href, not by text; the texts that are the
point of a step (a state in the overview, a refusal) are checked in Dutch.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import Attendance, AttendanceStatus, GroupKind, GroupPage
from groups.offer import services as offer_services
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import GroupPageFactory, MeetingFactory
from volunteers.models import (
    Competency,
    CompetencyRecord,
    RecordSource,
    TrainingCompetency,
    VolunteerProfile,
    VolunteerRole,
    VolunteerStatus,
)

from .conftest import _axe, _reflow_report
from .helpers import log_in, path_of, submit_button

pytestmark = pytest.mark.browser

MY = "/mijn/"
OVERVIEW = "/admin/volunteers/overview/"
RECORD_ADD = "/admin/volunteers/records/new/"

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# Wagtail's own markup on its page editor that axe-core faults; excluded on
# the page editor only, every rule still runs on everything else:
# - aria-input-field-name: Draftail's editable area of the (empty) rich text
#   field "body" is a div role=textbox without an accessible name (Wagtail's
#   label is not tied to it).
WAGTAIL_PAGE_EDITOR_EXCLUDE = [
    "[data-contentpath=body] .public-DraftEditor-content",
]


def settle(page):
    """Wagtail's admin fades its messages in (0.5 s): axe-core measures the
    contrast of a half-faded banner (white on #ce4a4a, 4.46:1) and fails it;
    shown fully (#ca3b3b) it is 5:1. Wait until the messages are shown."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('.messages > ul')].every(
            (list) => !list.children.length || getComputedStyle(list).opacity === '1')"""
    )


@pytest.fixture
def check(page, check_a11y):
    """check, once Wagtail's messages (if any) are shown fully. Call
    after every navigation."""

    def run():
        page.wait_for_load_state("load")
        settle(page)
        check_a11y()

    return run


@pytest.fixture
def check_page_editor(page):
    """check_a11y for Wagtail's page editor: the same checks, with axe-core
    leaving out WAGTAIL_PAGE_EDITOR_EXCLUDE."""

    def check():
        page.wait_for_load_state("load")
        settle(page)
        if page.problems:
            message = "\n".join(page.problems)
            page.problems.clear()
            pytest.fail(message, pytrace=False)
        page.wait_for_load_state("load")
        results = _axe.run(
            page, context={"exclude": [[selector] for selector in WAGTAIL_PAGE_EDITOR_EXCLUDE]}
        )
        axe_report = results.generate_report() if results.violations_count else ""
        report = "\n".join(filter(None, [axe_report, _reflow_report(page)]))
        if report:
            pytest.fail(f"On {page.url}:\n{report}", pytrace=False)

    return check


def log_out(page):
    page.context.clear_cookies()


def volunteer_in(organisation, name):
    user = MembershipFactory(
        role=Role.VOLUNTEER, organisation=organisation, user__full_name=name
    ).user
    VolunteerProfile.objects.create(
        user=user, organisation=organisation, status=VolunteerStatus.ACTIVE
    )
    return user


def overview_cell(page, person, competency):
    """The cell of `person`'s row under `competency`'s column heading."""
    headings = page.locator("table.waakvlam-qualification thead th").all_inner_texts()
    column = [text.strip() for text in headings].index(competency.name)
    row = page.locator("table.waakvlam-qualification tbody tr").filter(
        has=page.locator("th[scope=row]", has_text=person.full_name)
    )
    expect(row).to_have_count(1)
    # The row's header is the first cell: th and td are counted together.
    return row.locator("th, td").nth(column)


def test_coordinator_filters_for_a_role_records_a_certificate_and_sees_the_cell_change(
    page, url, check, tmp_path
):
    organisation = OrganisationFactory(name="Schuldhulpmaatje Zuilen")
    coordinator = MembershipFactory(
        role=Role.COORDINATOR, organisation=organisation, user__full_name="Carla Coördinator"
    ).user
    anna = volunteer_in(organisation, "Anna Bakker")
    bram = volunteer_in(organisation, "Bram de Vries")
    role = VolunteerRole.objects.get(slug="spaarkringbegeleider")
    competency = Competency.objects.get(slug="privacy-avg")  # valid for 24 months
    assert role.competencies.filter(pk=competency.pk).exists()

    log_in(page, url, check, coordinator)

    # The overview, filtered for a role: both volunteers, privacy missing.
    page.goto(url(OVERVIEW))
    check()
    # Wagtail's filter menu: the toggle, then the "Role" submenu.
    page.locator("#filters-drilldown [data-w-dropdown-target=toggle]").click()
    page.locator("#filters-drilldown button[aria-controls='drilldown-id_role']").click()
    page.locator("#id_role").select_option(str(role.pk))
    # Wagtail's filters refresh the results in place and put them in the URL.
    page.wait_for_url(re.compile(rf"role={role.pk}"))
    expect(page.locator("table.waakvlam-qualification thead")).to_contain_text(role.name)
    check()
    for person in (anna, bram):
        expect(overview_cell(page, person, competency)).to_contain_text("Ontbreekt")
    filtered_overview = page.url

    # The record form, from the overview's header button.
    page.locator(f"a[href='{RECORD_ADD}']").first.click()
    page.wait_for_url(f"**{RECORD_ADD}")
    check()

    today = timezone.localdate()

    def fill_in():
        page.select_option("#id_volunteer", str(anna.pk))
        page.select_option("#id_competency", str(competency.pk))
        page.fill("#id_achieved_on", today.strftime("%d-%m-%Y"))
        page.keyboard.press("Escape")  # the date picker
        page.check(f"input[name=source][value='{RecordSource.CERTIFICATE}']")

    # First a text file that only calls itself a PDF: refused, in Dutch.
    fake = tmp_path / "certificaat.pdf"
    fake.write_text("Dit is geen PDF maar platte tekst.\n")
    fill_in()
    page.set_input_files("#id_evidence", str(fake))
    with page.expect_navigation():
        submit_button(page, "evidence").click()
    check()
    assert path_of(page) == RECORD_ADD
    error = page.locator("[id^='panel-child-'] .error-message, .w-field__errors").filter(
        has_text=re.compile(r"PDF")
    )
    expect(error.first).to_contain_text("Kies een PDF-bestand of een foto (JPG of PNG).")
    expect(page.locator("#id_evidence")).to_have_attribute("aria-invalid", "true")
    assert not CompetencyRecord.objects.exists()
    # What was chosen is still there.
    expect(page.locator("#id_volunteer")).to_have_value(str(anna.pk))
    expect(page.locator("#id_competency")).to_have_value(str(competency.pk))

    # The real certificate.
    certificate = tmp_path / "certificaat-privacy.pdf"
    certificate.write_bytes(PDF)
    fill_in()
    page.set_input_files("#id_evidence", str(certificate))
    with page.expect_navigation():
        submit_button(page, "evidence").click()
    check()
    record = CompetencyRecord.objects.get()
    assert (record.volunteer, record.competency, record.source) == (
        anna,
        competency,
        RecordSource.CERTIFICATE,
    )
    assert record.evidence.read() == PDF
    assert record.expires_on == competency.expiry_for(today)
    # Back on Anna's volunteer page, with a message that it is recorded.
    assert path_of(page).startswith("/admin/volunteers/profiles/inspect/")
    expect(page.locator(".messages")).to_contain_text(competency.name)

    # The overview with the same filter: Anna's cell is valid now, Bram's not.
    page.goto(filtered_overview)
    check()
    expires = record.expires_on.strftime("%d-%m-%Y")
    expect(overview_cell(page, anna, competency)).to_contain_text(
        re.compile(rf"Geldig tot {expires}")
    )
    expect(overview_cell(page, anna, competency)).to_have_class(re.compile(r"vq--valid"))
    expect(overview_cell(page, bram, competency)).to_contain_text("Ontbreekt")


def test_volunteer_completes_a_training_and_sees_the_competency_in_mijn_waakvlam(page, url, check):
    organisation = OrganisationFactory()
    trainer = MembershipFactory(
        role=Role.TRAINER, organisation=organisation, user__full_name="Tineke Trainer"
    ).user
    volunteer = volunteer_in(organisation, "Vera Vrijwilliger")
    training = GroupPageFactory(
        title="Training nazorg",
        kind=GroupKind.TRAINING,
        organisation=organisation,
        trainers=[trainer],
    )
    competency = Competency.objects.get(slug="nazorg-terugvalpreventie")
    TrainingCompetency.objects.create(training=training, competency=competency)
    # Signed up before the meeting (a finished training takes no sign-ups).
    offer_services.enrolment_create(group=training, person=volunteer)
    starts = timezone.localtime().replace(hour=19, minute=0, second=0, microsecond=0)
    starts -= datetime.timedelta(days=2)
    meeting = MeetingFactory(
        group=training, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )

    # The trainer registers that she came, at the last (and only) meeting.
    log_in(page, url, check, trainer)
    attendance_path = f"/groepen/bijeenkomst/{meeting.pk}/"
    page.goto(url(attendance_path))
    check()
    page.locator(f"label[for='status-{volunteer.pk}-{AttendanceStatus.PRESENT}']").click()
    expect(page.locator(f"#status-{volunteer.pk}-{AttendanceStatus.PRESENT}")).to_be_checked()
    page.locator("#attendance-form button[type=submit]").click()
    expect(page.locator(f"#saved-{volunteer.pk}")).to_contain_text(trainer.get_short_name())
    check()
    assert Attendance.objects.get(meeting=meeting, person=volunteer).status == "present"
    record = CompetencyRecord.objects.get(volunteer=volunteer)
    assert (record.competency, record.source, record.training_id) == (
        competency,
        RecordSource.TRAINING,
        training.pk,
    )

    # The volunteer, in a fresh session, finds it in Mijn Waakvlam.
    log_out(page)
    log_in(page, url, check, volunteer)
    section = page.locator("section[aria-labelledby=competencies-heading]")
    item = section.locator("ul.waakvlam-people li").filter(has_text=competency.name)
    expect(item).to_have_count(1)
    expect(item.locator(".waakvlam-person__name")).to_have_text("Nazorg en terugvalpreventie")
    badge = item.locator(".utrecht-status-badge")
    expect(badge).to_have_class(re.compile(r"utrecht-status-badge--success"))
    expect(badge).to_contain_text(re.compile(rf"Geldig tot .*{record.expires_on.year}"))


def test_refused_trainer_assignment_says_why(page, url, check, check_page_editor):
    organisation = OrganisationFactory(name="Lotgenoten Utrecht")
    # Coordinators have no page permissions in Wagtail (website.setup gives
    # them to the editors group only): a superuser edits the group page.
    admin = UserFactory(full_name="Bea Beheerder", is_superuser=True, is_staff=True)
    trainer = MembershipFactory(
        role=Role.TRAINER, organisation=organisation, user__full_name="Thijs Zonder Papieren"
    ).user
    group = GroupPageFactory(
        title="Lotgenotengroep Kanaleneiland",
        kind=GroupKind.PEER_SUPPORT,
        organisation=organisation,
    )
    edit_path = f"/admin/pages/{group.pk}/edit/"
    revisions = group.revisions.count()

    log_in(page, url, check, admin)
    page.goto(url(edit_path))
    check_page_editor()
    assert path_of(page) == edit_path

    box = page.locator(f"input[name=trainers][value='{trainer.pk}']")
    box.check()
    # "Save draft", the editor's main button.
    with page.expect_navigation():
        page.locator("footer button[type=submit].action-save").click()
    check_page_editor()
    assert path_of(page) == edit_path
    expect(page.locator(".messages li.error")).to_be_visible()
    # The reasons stand at the trainers field: who, for which role, what
    # is missing (the competencies and the VOG).
    error = page.locator("[data-contentpath=trainers] .w-field__errors")
    expect(error).to_contain_text(trainer.full_name)
    expect(error).to_contain_text("Begeleider lotgenotengroep")
    expect(error).to_contain_text("voldoet niet aan de eisen voor Begeleider lotgenotengroep")
    expect(error).to_contain_text("Gespreksvoering ontbreekt")
    expect(error).to_contain_text("er is geen VOG")
    expect(page.locator(f"input[name=trainers][value='{trainer.pk}']")).to_be_checked()
    # Nothing was saved: no trainer, no draft.
    group = GroupPage.objects.get(pk=group.pk)
    assert not group.trainers.exists()
    assert group.revisions.count() == revisions


def test_coordinator_gives_a_qualified_volunteer_the_group_and_reads_calm_admin_words(
    page, url, check, check_page_editor
):
    """The trainer choice shows each volunteer's qualification for the kind
    of group and makes the chosen volunteer a trainer; meetings come first
    when they are still to come, their status in sentence case; the
    qualification overview says that its table scrolls sideways."""
    organisation = OrganisationFactory(name="Samen Verder Zuilen")
    coordinator = MembershipFactory(
        role=Role.COORDINATOR, organisation=organisation, user__full_name="Carla Coördinator"
    ).user
    ready = volunteer_in(organisation, "Vera Klaar")
    VolunteerProfile.objects.filter(user=ready).update(
        vog_received_on=timezone.localdate(),
        vog_valid_until=timezone.localdate() + datetime.timedelta(days=1000),
    )
    for competency in VolunteerRole.objects.get(slug="spaarkringbegeleider").competencies.all():
        CompetencyRecord.objects.create(
            volunteer=ready,
            competency=competency,
            achieved_on=timezone.localdate(),
            source=RecordSource.OBSERVATION,
        )
    not_ready = volunteer_in(organisation, "Nico Nog Niet")
    group = GroupPageFactory(
        title="Spaarkring Zuilen", kind=GroupKind.SAVINGS_CIRCLE, organisation=organisation
    )
    starts = timezone.localtime().replace(hour=19, minute=0, second=0, microsecond=0)
    for days in (-30, 10, 3):
        MeetingFactory(
            group=group,
            starts_at=starts + datetime.timedelta(days=days),
            ends_at=starts + datetime.timedelta(days=days, hours=2),
            topic=f"Over {days} dagen",
        )

    log_in(page, url, check, coordinator)
    page.goto(url("/admin/meetings/"))
    check()
    topics = page.locator("table.listing tbody tr").all_inner_texts()
    assert [re.search(r"Over -?\d+ dagen", row).group(0) for row in topics] == [
        "Over 3 dagen",
        "Over 10 dagen",
        "Over -30 dagen",
    ]
    tag = page.locator("table.listing .w-status").first
    expect(tag).to_have_text("Gepland")
    assert tag.evaluate("el => getComputedStyle(el).textTransform") == "none"
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/shot-11c-admin-meetings-390.png", full_page=True)

    edit_path = f"/admin/pages/{group.pk}/edit/"
    page.goto(url(edit_path))
    check_page_editor()
    ready_label = page.locator(f"label:has(input[name=trainers][value='{ready.pk}'])")
    expect(ready_label).to_contain_text("Vera Klaar – voldoet – nog geen trainer")
    expect(
        page.locator(f"label:has(input[name=trainers][value='{not_ready.pk}'])")
    ).to_contain_text("Nico Nog Niet – mist: ")
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("[data-contentpath=trainers]").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/shot-11c-admin-trainers-390.png")
    page.locator(f"input[name=trainers][value='{ready.pk}']").check()
    with page.expect_navigation():
        page.locator("footer button[type=submit].action-save").click()
    check_page_editor()
    expect(page.locator(".messages li.error")).to_have_count(0)
    assert ready.memberships.filter(organisation=organisation, role=Role.TRAINER).exists()

    page.goto(url(OVERVIEW))
    check()
    expect(page.locator("#qualification-scroll-hint")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/shot-11c-admin-overview-390.png", full_page=True)
