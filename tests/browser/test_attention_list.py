"""The coordinator's attention list, on a phone: open it, see the
organisation's signals (and nobody else's), write down what happened after
a call, and download the list. axe-core checks every page on the way.

Elements are found by id, name and href; the texts that are the point of a
step are checked in Dutch."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import AttentionSignal, SignalKind
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

from .helpers import log_in, path_of, submit_button
from .test_volunteers import settle

pytestmark = pytest.mark.browser

LIST = "/admin/attention_signals/"


@pytest.fixture
def check(page, check_on_phone):
    def run():
        page.wait_for_load_state("load")
        settle(page)
        check_on_phone()

    return run


def signal_for(group, name, **kwargs):
    person = EnrolmentFactory(group=group, person=UserFactory(full_name=name)).person
    return AttentionSignal.objects.create(group=group, person=person, missed=2, **kwargs)


def test_coordinator_writes_down_an_outcome_and_downloads_the_list(page, url, check):
    organisation = OrganisationFactory(name="Schuldhulpmaatje Zuilen")
    coordinator = MembershipFactory(
        role=Role.COORDINATOR, organisation=organisation, user__full_name="Carla Coördinator"
    ).user
    course = GroupPageFactory(title="Budgetcursus Zuilen", organisation=organisation)
    talk = GroupPageFactory(title="Praatgroep Zuilen", organisation=organisation)
    anna = signal_for(course, "Anna Bakker")
    signal_for(talk, "Bram de Vries", kind=SignalKind.ANNOUNCED, escalated_at=timezone.now())
    signal_for(GroupPageFactory(title="Elders"), "Geheim Elders")  # another organisation

    log_in(page, url, check, coordinator)
    page.goto(url(LIST))
    check()
    rows = page.locator("table.listing tbody th[scope=row]")
    assert sorted(rows.all_inner_texts()) == ["Anna Bakker", "Bram de Vries"]
    expect(page.locator("main")).not_to_contain_text("Geheim Elders")

    # Write down what happened with Anna.
    page.locator(f"a[href='{LIST}outcome/{anna.pk}/']").click()
    page.wait_for_url(f"**{LIST}outcome/{anna.pk}/")
    check()
    # Forgetting to choose: a Dutch message, the note kept.
    page.fill("#id_note", "Gebeld, afspraak bij de schuldhulp op dinsdag.")
    with page.expect_navigation():
        submit_button(page, "note").click()
    check()
    expect(page.locator("main")).to_contain_text("Kies wat er gebeurde.")
    expect(page.locator("#id_note")).to_have_value("Gebeld, afspraak bij de schuldhulp op dinsdag.")
    page.check("input[name=outcome][value=concerns]")
    with page.expect_navigation():
        submit_button(page, "note").click()
    assert path_of(page) == LIST
    check()
    expect(page.locator(".messages")).to_contain_text(
        "Opgeschreven voor Anna Bakker: zorgen – afspraak gemaakt."
    )
    anna.refresh_from_db()
    assert (anna.outcome, anna.closed_by) == ("concerns", coordinator)
    expect(page.locator("table.listing")).to_contain_text("afspraak bij de schuldhulp")

    # The download: the organisation's signals, with the outcome.
    with page.expect_download() as info:
        page.locator("a[href*='export=csv']").first.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as spreadsheet:
        text = spreadsheet.read()
    assert "Anna Bakker" in text and "zorgen – afspraak gemaakt" in text
    assert "Geheim Elders" not in text
