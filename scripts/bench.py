"""Time the main pages with Django's test client on a throwaway database.

Usage: make bench  (prints median and 95th percentile per page, and queries)
Numbers are for comparing changes on one machine, not targets.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="waakvlam-bench-")
os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
)
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from courses.models import Completion  # noqa: E402
from groups.models import GroupPage  # noqa: E402
from groups.offer.services import calendar_token_for  # noqa: E402
from people.models import User  # noqa: E402

PAGES = [
    ("home", "/", None),
    ("offer", "/aanbod/", None),
    ("offer-filter", "/aanbod/?kind=spaarkring&weekday=2", None),
    ("group-page", "/aanbod/lotgenotengroep-utrecht/", None),
    ("group-feed", "/aanbod/lotgenotengroep-utrecht/agenda.ics", None),
    ("privacy", "/privacy/", None),
    ("log-in", "/account/login/", None),
    ("sign-up", "/account/signup/", None),
    ("my-waakvlam", "/mijn/", "deelnemer@example.org"),
    ("my-as-trainer", "/mijn/", "trainer@example.org"),
    ("admin-home", "/admin/", "redacteur@example.org"),
]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))


def main():
    settings.DEBUG = True
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    participant = User.objects.get(email="deelnemer@example.org")
    token = calendar_token_for(user=participant).token
    led = GroupPage.objects.filter(trainers__email="trainer@example.org").first()
    circle = GroupPage.objects.get(slug="spaarkring-kanaleneiland")
    meeting = circle.meetings.order_by("starts_at").first()
    certificate = Completion.objects.first()
    pages = [
        *PAGES,
        ("personal-feed", f"/groepen/agenda/{token}.ics", None),
        ("participants", f"/groepen/{led.pk}/deelnemers/", "trainer@example.org"),
        ("attendance", f"/groepen/bijeenkomst/{meeting.pk}/", "trainer@example.org"),
        ("deposits", f"/groepen/bijeenkomst/{meeting.pk}/inleg/", "trainer@example.org"),
        ("ledger", f"/groepen/{circle.pk}/spaarkring/", "trainer@example.org"),
        ("certificate", certificate.get_absolute_url(), "deelnemer@example.org"),
        ("qualification", "/admin/volunteers/overview/", "coordinator@example.org"),
        (
            "attendance-report",
            f"/admin/attendance_report/?group={led.pk}",
            "coordinator@example.org",
        ),
    ]
    print(f"{'page':<16}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
    for name, url, email in pages:
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        client.get(url)
        timings = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{name:<16}{statistics.median(timings):>11.1f}{p95:>9.1f}{len(queries):>9}")


if __name__ == "__main__":
    main()
