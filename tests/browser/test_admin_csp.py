"""Wagtail's admin works under the nonce-based script policy: no page an
editor opens reports a Content Security Policy violation (the `page`
fixture fails on any), and the editor's scripts run, inline ones included.
axe-core checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory
from website.models import StandardPage

from .conftest import _axe
from .helpers import path_of
from .test_volunteers import WAGTAIL_PAGE_EDITOR_EXCLUDE, log_in, settle

pytestmark = pytest.mark.browser

DASHBOARD = "/admin/"
# Also Wagtail's: the text input of a heading block standing directly in the
# StreamField has no label of its own (the block's header names it).
STREAM_BLOCK_INPUTS = "[data-contentpath=body] input[id^=body-][id$=-value]"
# Wagtail's chooser modal breaks two of axe-core's best practices (not WCAG
# rules): its dialog has no name, its listing an empty column header.
WAGTAIL_MODAL_RULES = {
    "aria-dialog-name": {"enabled": False},
    "empty-table-header": {"enabled": False},
}


@pytest.fixture
def check(page, check_a11y):
    def run():
        page.wait_for_load_state("load")
        settle(page)
        check_a11y()

    return run


def check_editor(page, modal_open=False):
    """The page editor's own markup that axe-core faults is left out, as in
    the volunteers' journey; everything else is checked."""
    page.wait_for_load_state("load")
    settle(page)
    assert not page.problems, "\n".join(page.problems)
    excluded = [*WAGTAIL_PAGE_EDITOR_EXCLUDE, STREAM_BLOCK_INPUTS]
    results = _axe.run(
        page,
        context={"exclude": [[selector] for selector in excluded]},
        options={"rules": WAGTAIL_MODAL_RULES} if modal_open else None,
    )
    assert not results.violations_count, results.generate_report()


def test_an_editor_works_in_the_admin_without_a_csp_violation(page, url, check):
    admin = UserFactory(full_name="Eva Redacteur", is_superuser=True, is_staff=True)
    statement = StandardPage.objects.get(slug="privacy")

    log_in(page, url, check, admin)
    page.goto(url(DASHBOARD))
    check()

    edit_path = f"/admin/pages/{statement.pk}/edit/"
    page.goto(url(edit_path))
    check_editor(page)
    assert path_of(page) == edit_path

    # The date field's picker is set up by an inline script: it ran (the
    # picker adds its calendar to the page when it starts).
    expect(page.locator(".xdsoft_datetimepicker")).not_to_have_count(0)

    # A StreamField block can be added and filled in.
    page.locator(
        "[data-contentpath=body] button[title='Insert a block'], "
        "[data-contentpath=body] .c-sf-add-button"
    ).first.click()
    page.locator(".w-combobox__option", has_text=re.compile("Kop|Heading")).first.click()
    heading = page.locator("[data-contentpath=body] input[type=text]").last
    heading.fill("Wat wij bewaren")
    expect(heading).to_have_value("Wat wij bewaren")

    # A chooser opens in a modal: add link cards, choose their page.
    page.locator("[data-contentpath=body] .c-sf-add-button").last.click()
    page.locator(".w-combobox__option", has_text=re.compile("Linkkaarten|Link cards")).click()
    page.locator("[data-contentpath=body] .chooser__choose-button").last.click()
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible()
    check_editor(page, modal_open=True)
    modal.locator("a.choose-page").first.click()
    expect(modal).to_be_hidden()
    expect(page.locator("[data-contentpath=body] .chooser__title").last).not_to_be_empty()
    check_editor(page)
