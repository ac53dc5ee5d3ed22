import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from people.models import Membership, Organisation, Role, User
from website.demo import DEMO_PASSWORD

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
