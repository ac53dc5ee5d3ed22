import base64
import datetime
import io
import re

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from groups.attendance.escalation import signals_escalate
from groups.hooks import trainer_problems
from groups.models import AttentionSignal, GroupPage
from people.models import Membership, Organisation, Role, User
from tests.helpers import totp_code
from volunteers.models import CompetencyRecord, VolunteerProfile
from website.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = [
    "deelnemer@example.org",
    "trainer@example.org",
    "coordinator@example.org",
    "vrijwilliger@example.org",
    "redacteur@example.org",
    "admin@example.org",
]


def table_counts():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def test_seed_demo_creates_organisations_and_accounts_that_log_in(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Organisation.objects.count() == 2
    for email in DEMO_ACCOUNTS:
        assert client.login(username=email, password=DEMO_PASSWORD), email
        client.logout()
    assert User.objects.get(email="admin@example.org").is_superuser
    assert Membership.objects.filter(
        user__email="coordinator@example.org", role=Role.COORDINATOR
    ).exists()


def test_demo_staff_log_in_with_the_printed_key_and_the_others_without(settings):
    settings.DEBUG = True
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    assert DEMO_TOTP_SECRET in output.getvalue()
    assert len(base64.b32decode(DEMO_TOTP_SECRET)) * 8 >= 160
    with_app = set(
        Authenticator.objects.filter(type=Authenticator.Type.TOTP).values_list(
            "user__email", flat=True
        )
    )
    assert with_app == {"coordinator@example.org", "redacteur@example.org", "admin@example.org"}

    client = Client()
    client.post(
        reverse("account_login"), {"login": "coordinator@example.org", "password": DEMO_PASSWORD}
    )
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(DEMO_TOTP_SECRET)})
    assert response.url == reverse("people:my")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_seed_demo_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = table_counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert table_counts() == before


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


NUMBER_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8}
PARTS_OF_DAY = {"ochtend": range(6, 12), "middag": range(12, 17), "avond": range(17, 24)}


def test_the_demo_tells_the_truth_about_its_groups(settings):
    """Every live group has a qualified trainer and a meeting to come, or
    its sign-up has closed, or it is paused; what its title and intro say about the number
    and time of day of its meetings ("in zes avonden") is so."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    now, today = timezone.now(), timezone.localdate()
    wrong = []
    for group in GroupPage.objects.live():
        meetings = list(group.meetings.planned().order_by("starts_at"))
        trainer_ids = set(
            Membership.objects.filter(
                organisation=group.organisation, role=Role.TRAINER
            ).values_list("user_id", flat=True)
        )
        if not any(
            t.pk in trainer_ids and not trainer_problems(t, group) for t in group.trainers.all()
        ):
            wrong.append(f"{group.title}: no qualified trainer")
        closed = group.enrolment_closes is not None and group.enrolment_closes < today
        # A paused group has no meeting to come until it starts again.
        paused = group.is_paused()
        if not closed and not paused and not any(m.starts_at > now for m in meetings):
            wrong.append(f"{group.title}: open for sign-up without a meeting to come")
        text = f"{group.title} {group.intro}".lower()
        for part, hours in PARTS_OF_DAY.items():
            if part in text and any(
                timezone.localtime(m.starts_at).hour not in hours for m in meetings
            ):
                wrong.append(f"{group.title}: says {part}, meets at other times")
        for word, number in NUMBER_WORDS.items():
            said = re.search(rf"\b{word} (ochtenden|middagen|avonden|bijeenkomsten)\b", text)
            if said and len(meetings) != number:
                wrong.append(f"{group.title}: says {word}, has {len(meetings)} meetings")
    assert wrong == []


def test_the_demo_shows_learning_by_doing_a_vog_on_its_way_and_an_expiry_soon(settings):
    """A co-trainer beside a qualified trainer, a VOG requested and not in,
    and a trainer leading groups whose competency expires within 14 days."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    today = timezone.localdate()
    co_trained = GroupPage.objects.live().filter(co_trainers__isnull=False).distinct()
    assert co_trained.exists()
    for group in co_trained:
        assert any(not trainer_problems(t, group) for t in group.trainers.all())
        assert not set(group.trainers.all()) & set(group.co_trainers.all())
    assert VolunteerProfile.objects.filter(
        vog_requested_on__isnull=False, vog_received_on__isnull=True
    ).exists()
    soon = CompetencyRecord.objects.filter(
        expires_on__gte=today,
        expires_on__lte=today + datetime.timedelta(days=14),
        volunteer__led_groups__live=True,
    )
    assert soon.exists()


def test_the_demo_attention_list_has_open_escalated_and_closed_signals(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    signals = AttentionSignal.objects.all()
    assert signals.open().filter(escalated_at__isnull=False, unreached_at__isnull=False).exists()
    assert signals.filter(outcome="fine").exclude(note="").exists()
    # Nothing is left for the hourly escalation to send.
    assert signals_escalate() == 0
