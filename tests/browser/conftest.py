"""Real Chromium (Debian's, not Playwright's download) against Django's live
server, with axe-core on every page a journey visits.

The live server runs in a thread of this process: django-q2 runs its tasks
synchronously in tests, so the mails a request sends are in
`django.core.mail.outbox` by the time the browser has the response.
"""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers import DESKTOP

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
    # A Dutch visitor: LocaleMiddleware follows Accept-Language, and English
    # is an available language too.
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "timezone_id": "Europe/Amsterdam",
        "viewport": DESKTOP,
    }


@pytest.fixture
def page(page):
    """Playwright's page, failing fast, and failing the test on any server
    error (5xx) of a page the browser navigated to."""
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(15_000)
    server_errors = []

    def on_response(response):
        if response.request.is_navigation_request() and response.status >= 500:
            server_errors.append(f"{response.status} {response.request.method} {response.url}")

    page.on("response", on_response)
    yield page
    assert not server_errors, "The server answered with an error: " + "; ".join(server_errors)


def _axe_report(page):
    results = _axe.run(page)
    if results.violations_count:
        return results.generate_report()
    return ""


@pytest.fixture
def check_a11y(page):
    """Call after every navigation: runs axe-core on the page as it is now
    and fails the test with axe's readable report on any violation.

    With A11Y_REPORT_ALL=1 in the environment a journey runs on and fails at
    its end with the reports of all its pages: one run lists every problem.
    """
    collect = os.environ.get("A11Y_REPORT_ALL") == "1"
    reports = []

    def check():
        page.wait_for_load_state("load")
        report = _axe_report(page)
        if report:
            message = f"axe-core on {page.url}:\n{report}"
            if not collect:
                pytest.fail(message, pytrace=False)
            reports.append(message)

    yield check
    if reports:
        pytest.fail("\n\n".join(reports), pytrace=False)


@pytest.fixture
def url(live_server):
    """`url("/account/login/")` -> the live server's absolute URL."""

    def build(path="/"):
        return live_server.url + path

    return build
