"""Real Chromium (Debian's, not Playwright's download) against Django's live
server, with axe-core on every page a journey visits.

The live server runs in a thread of this process: django-q2 runs its tasks
synchronously in tests, so the mails a request sends are in
`django.core.mail.outbox` by the time the browser has the response.
"""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers import DESKTOP, NARROW, PHONE

# The test code drives a sync browser from inside Playwright's event loop;
# Django would otherwise refuse the ORM calls of the tests and the fixtures.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/lib/chromium/chromium"

_axe = Axe()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A browser set up for the Netherlands, as the visitors' are.
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "timezone_id": "Europe/Amsterdam",
        "viewport": DESKTOP,
    }


@pytest.fixture
def page(page):
    """Playwright's page, failing fast. It records server errors (5xx) of the
    pages the browser navigates to, uncaught script errors and Content
    Security Policy violations in `page.problems`; `check_a11y` fails on
    them, and so does the end of the test."""
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(15_000)
    problems = []

    def on_response(response):
        if response.request.is_navigation_request() and response.status >= 500:
            problems.append(
                f"server error {response.status} on {response.request.method} {response.url}"
            )

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(f"CSP violation on {page.url}: {message.text}")

    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"script error on {page.url}: {error}"))
    page.problems = problems
    yield page
    assert not problems, "\n".join(problems)


def _axe_report(page):
    results = _axe.run(page)
    if results.violations_count:
        return results.generate_report()
    return ""


def _reflow_report(page):
    """WCAG 1.4.10: at 320 CSS px wide nothing may need sideways scrolling."""
    page.set_viewport_size(NARROW)
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        page.set_viewport_size(DESKTOP)
    if width > NARROW["width"]:
        return f"scrolls sideways at 320 px wide: document scrollWidth is {width}"
    return ""


@pytest.fixture
def check_a11y(page):
    """Call after every navigation. Fails the test, with axe's readable
    report, on any axe-core violation of the page as it is now; also on
    sideways scrolling at 320 px and on the problems in `page.problems`.

    With A11Y_REPORT_ALL=1 in the environment a journey runs on and fails at
    its end with the reports of all its pages: one run lists every problem.
    """
    collect = os.environ.get("A11Y_REPORT_ALL") == "1"
    reports = []

    def check():
        if page.problems:
            message = "\n".join(page.problems)
            page.problems.clear()  # reported once, not again at teardown
            pytest.fail(message, pytrace=False)
        page.wait_for_load_state("load")
        report = "\n".join(filter(None, [_axe_report(page), _reflow_report(page)]))
        if report:
            message = f"On {page.url}:\n{report}"
            if not collect:
                pytest.fail(message, pytrace=False)
            reports.append(message)

    yield check
    if reports:
        pytest.fail("\n\n".join(reports), pytrace=False)


@pytest.fixture
def check_on_phone(page, check_a11y):
    """check_a11y for a journey on a phone (390 x 844): the page starts at
    phone size and is put back to it after each check (check_a11y leaves it
    at desktop size after its 320px reflow test). Call after every
    navigation."""
    page.set_viewport_size(PHONE)

    def run():
        check_a11y()
        page.set_viewport_size(PHONE)

    return run


@pytest.fixture
def url(live_server):
    """`url("/account/login/")` -> the live server's absolute URL."""

    def build(path="/"):
        return live_server.url + path

    return build
