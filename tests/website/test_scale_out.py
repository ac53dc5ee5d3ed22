"""Scale out: two app servers and two task clusters, each a process of its
own with the production settings, on one PostgreSQL database and one Redis
(tests.website.scale_out). Reminders, offers and aftercare reminders go out
exactly once when both clusters run the same tasks at once; failed log-ins
count across servers; a change made through one server shows on the other
at once."""

import datetime
import re
import time
from collections import Counter
from html import unescape

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse
from django.utils import timezone, translation
from django_q.models import Schedule, Task

from groups.models import Enrolment, EnrolmentStatus, MeetingReminder
from people.adapters import AccountAdapter
from people.models import OutboxMessage, OutboxStatus
from tests.aftercare.contacts.helpers import contact_with_plans
from tests.factories import PASSWORD, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory

from .scale_out import Browser, Deployment, flush_redis, require_redis

pytestmark = [
    pytest.mark.scale_out,
    pytest.mark.skipif(
        "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="scale-out needs PostgreSQL: servers do not share a SQLite file (PostgreSQL pass)",
    ),
    pytest.mark.django_db(transaction=True),
]

RUN_AT = "tests.website.scale_out_tasks.run_at"
# The scheduled tasks that send, with how many each should send here.
TASKS = {
    "groups.tasks.send_meeting_reminders": 3,
    "groups.tasks.expire_offers": 2,
    "aftercare.tasks.remind_contact_moments": 3,
}
# One copy of each task per worker: two clusters of two workers.
COPIES = 4


@pytest.fixture
def scale_out(request, tmp_path):
    """`scale_out(servers=2, clusters=2)` starts the processes and waits
    until they are ready; they are stopped after the test, also when it
    fails. What a test makes is committed (transactional), so they see it."""
    require_redis()
    flush_redis()
    deployment = Deployment(tmp_path)

    def stop():
        deployment.stop()
        flush_redis()
        # Shown with a failure: what each process said.
        print(deployment.logs())

    request.addfinalizer(stop)

    def start(servers=0, clusters=0):
        for _ in range(servers):
            deployment.server()
        for name in ("cluster-a", "cluster-b")[:clusters]:
            deployment.cluster(name)
        deployment.wait_until_ready()
        return deployment

    return start


def meeting_tomorrow(participants):
    zone = timezone.get_default_timezone()
    day = timezone.localdate() + datetime.timedelta(days=1)
    starts_at = datetime.datetime.combine(day, datetime.time(10), tzinfo=zone)
    meeting = MeetingFactory(starts_at=starts_at)
    people = [EnrolmentFactory(group=meeting.group).person for _ in range(participants)]
    return meeting, people


def expired_offer():
    """A full group of one place whose offer expired: (holder, next, after)."""
    group = GroupPageFactory(capacity=1)
    MeetingFactory(group=group)
    past = timezone.now() - datetime.timedelta(hours=49)
    holder = EnrolmentFactory(
        group=group,
        status=EnrolmentStatus.OFFERED,
        offered_at=past,
        offer_expires_at=past + datetime.timedelta(hours=48),
        offer_token=Enrolment.new_offer_token(),
    ).person
    waiting = [
        EnrolmentFactory(
            group=group,
            status=EnrolmentStatus.WAITING,
            created_at=past - datetime.timedelta(days=2 - n),
        ).person
        for n in range(2)
    ]
    return holder, *waiting


def sent_to(address, template, since):
    return OutboxMessage.objects.filter(
        to_address=address, template__endswith=f"/{template}", created_at__gte=since
    ).count()


def test_two_clusters_running_the_same_tasks_at_once_send_everything_exactly_once(scale_out):
    meeting, participants = meeting_tomorrow(3)
    offers = [expired_offer() for _ in range(2)]
    contact, _plans = contact_with_plans(3)
    # Only the copies below run the tasks, not the scheduler as well.
    Schedule.objects.update(next_run=timezone.now() + datetime.timedelta(hours=1))
    since = timezone.now()

    deployment = scale_out(clusters=2)
    for func in TASKS:
        # Every worker takes one copy, and all start at the same moment.
        start_at = time.time() + 2
        copies = [deployment.enqueue(RUN_AT, func, start_at) for _ in range(COPIES)]
        deployment.wait_for(
            lambda: Task.objects.filter(pk__in=copies).count() == COPIES,  # noqa: B023
            f"{func} ran {COPIES} times",
        )
    deployment.wait_for(
        lambda: not OutboxMessage.objects.filter(status=OutboxStatus.QUEUED).exists(),
        "every e-mail left",
    )

    runs = list(Task.objects.filter(func=RUN_AT))
    assert all(run.success for run in runs), [run.result for run in runs if not run.success]
    ran_by = Counter(run.result["cluster"] for run in runs)
    assert set(ran_by) == {"cluster-a", "cluster-b"}, ran_by
    totals = Counter()
    for run in runs:
        totals[run.args[0]] += run.result["result"]
    assert totals == TASKS

    assert MeetingReminder.objects.filter(meeting=meeting).count() == 3
    for person in participants:
        assert sent_to(person.email, "meeting_reminder", since) == 1
    for holder, following, after in offers:
        assert sent_to(holder.email, "offer_expired", since) == 1
        assert sent_to(following.email, "place_offered", since) == 1
        assert sent_to(after.email, "place_offered", since) == 0
    assert sent_to(contact.email, "moment_reminder", since) == 3
    # And each of those rows left once: the outbox's claim holds too.
    for person in [*participants, *(p for offer in offers for p in offer), contact]:
        rows = OutboxMessage.objects.filter(to_address=person.email, created_at__gte=since)
        assert deployment.mail_to(person.email) == rows.count(), person.email


def servers_user(**kwargs):
    """A user whose password the servers can check: they use the production
    hashers, not the test settings' fast one (few iterations, to be quick;
    Django raises them at the first log-in)."""
    user = UserFactory(**kwargs)
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])
    return user


def too_many_attempts():
    with translation.override(settings.LANGUAGE_CODE):
        return str(AccountAdapter.error_messages["too_many_login_attempts"])


def test_failed_log_ins_count_across_servers(scale_out):
    user = servers_user(email="fatima@example.org")
    per_key = settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")[1]
    limit = int(per_key.split("/")[0])
    deployment = scale_out(servers=2)
    browser = Browser()

    def log_in(attempt, password):
        server = deployment.servers[attempt % 2]
        credentials = {"login": user.email, "password": password}
        page = browser.submit(f"{server}/account/login/", credentials)
        return page.status, too_many_attempts() in unescape(page.text)

    # Alternately on each server: each alone saw about half of them.
    for attempt in range(limit):
        assert log_in(attempt, "niet-het-wachtwoord") == (200, False), attempt
    assert log_in(limit, "niet-het-wachtwoord") == (200, True)
    # Now even the right password is refused, on both servers.
    assert log_in(0, PASSWORD) == (200, True)
    assert log_in(1, PASSWORD) == (200, True)


def places_left(page):
    assert page.status == 200, page.status
    found = re.search(r"Er (?:is|zijn) nog (\d+) plek(?:ken)? vrij\.", page.text)
    return int(found.group(1)) if found else None


def test_a_sign_up_through_one_server_shows_at_once_on_the_others_public_page(scale_out):
    group = GroupPageFactory(capacity=3)
    MeetingFactory(group=group)
    EnrolmentFactory(group=group)
    person = servers_user()
    deployment = scale_out(servers=2)
    one, other = deployment.servers
    path = group.get_url()
    # Both servers have shown the page to someone anonymous, which stores it
    # in the shared page cache (PAGE_CACHE_SECONDS).
    for server in (one, other):
        assert places_left(Browser().get(f"{server}{path}")) == 2
    # The other server now answers from the shared page cache.
    stored = Browser().get(f"{other}{path}")
    assert stored.headers.get("X-Page-Cache") == "hit"
    assert places_left(stored) == 2

    visitor = Browser()
    logged_in = visitor.submit(
        f"{one}/account/login/", {"login": person.email, "password": PASSWORD}
    )
    assert logged_in.status == 302, logged_in.text[-2000:]
    enrol = f"{one}{reverse('groups:enrolment_create', args=[group.pk])}"
    assert visitor.submit(enrol, {}).status == 302

    assert places_left(Browser().get(f"{other}{path}")) == 1
    assert places_left(Browser().get(f"{one}{path}")) == 1
