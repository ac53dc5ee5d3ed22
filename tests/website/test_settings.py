"""Settings read from the environment: checked in a fresh interpreter,
because settings are read once at import."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from website.checks import cache_shared_between_processes

# Needs no database: runs once, in the SQLite pass (see Makefile).
pytestmark = pytest.mark.database_free

ROOT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "debug": settings.DEBUG,
    "cache": settings.CACHES["default"]["BACKEND"],
    "broker": "redis" if "redis" in settings.Q_CLUSTER else "orm",
    "db": settings.DATABASES["default"]["ENGINE"],
    "mailer": settings.MAILERS["default"]["BACKEND"],
    "mail_options": settings.MAILERS["default"]["OPTIONS"],
}))
"""


def settings_with(module, **environ):
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE=f"website.settings.{module}", **environ)
    out = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return out


def test_without_redis_tasks_queue_in_the_database_and_sqlite_is_the_default():
    out = settings_with("dev")
    values = json.loads(out.stdout)
    assert values["broker"] == "orm"
    assert values["db"] == "django.db.backends.sqlite3"
    # Shared by every process, so log-in rate limits count across them.
    assert values["cache"].endswith("DatabaseCache")
    assert values["mailer"].endswith("console.EmailBackend")
    assert values["debug"] is True


def test_redis_url_switches_cache_and_broker_to_redis():
    out = settings_with("dev", REDIS_URL="redis://127.0.0.1:6379/3")
    values = json.loads(out.stdout)
    assert values["broker"] == "redis"
    assert values["cache"].endswith("RedisCache")


def test_email_url_configures_the_smtp_mailer():
    out = settings_with("dev", EMAIL_URL="smtp+tls://user:geheim@smtp.example.org:587")
    options = json.loads(out.stdout)["mail_options"]
    assert options == {
        "host": "smtp.example.org",
        "port": 587,
        "username": "user",
        "password": "geheim",
        "use_tls": True,
        # A hanging server is an error the outbox retries, not a stuck worker.
        "timeout": 20,
    }


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="website.settings.production", ALLOWED_HOSTS="x.example")
    out = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode != 0
    assert "SECRET_KEY" in out.stderr


def test_production_keeps_debug_off_even_when_asked():
    out = settings_with("production", SECRET_KEY="x" * 60, DEBUG="true")
    assert json.loads(out.stdout)["debug"] is False


def test_a_deployment_with_a_per_process_cache_gets_a_warning(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [message.id for message in cache_shared_between_processes(None)] == ["waakvlam.W001"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "c"}
    }
    assert cache_shared_between_processes(None) == []
