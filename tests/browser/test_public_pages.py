"""The public pages every installation has: home, privacy statement and
accessibility statement (created by website.setup after every migrate and
after the flush that ends every live-server test)."""

import pytest
from playwright.sync_api import expect

from .helpers import DESKTOP, NARROW, path_of

pytestmark = pytest.mark.browser

STATEMENTS = ["/privacy/", "/toegankelijkheid/"]


def assert_dutch_accessible_and_reflows(page, check_a11y):
    """lang="nl", one h1, axe-clean at desktop width and at 320 px, and no
    sideways scrolling at 320 px (WCAG 1.4.10 Reflow)."""
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.locator("main h1")).to_have_count(1)
    check_a11y()
    page.set_viewport_size(NARROW)
    try:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 320, f"{page.url} scrolls sideways at 320 px: {scroll_width}"
        check_a11y()  # the narrow layout, too
    finally:
        page.set_viewport_size(DESKTOP)


def test_home_and_footer_statements_are_accessible_and_reflow(page, url, check_a11y):
    page.goto(url("/"))
    assert_dutch_accessible_and_reflows(page, check_a11y)

    # The skip link is the keyboard's first stop, shows when focused and
    # moves the focus to main.
    page.keyboard.press("Tab")
    skip_link = page.locator("a[href='#main']")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    for statement in STATEMENTS:
        page.goto(url("/"))
        page.locator(f"footer a[href='{statement}']").click()
        page.wait_for_url(f"**{statement}")
        assert path_of(page) == statement
        assert_dutch_accessible_and_reflows(page, check_a11y)
