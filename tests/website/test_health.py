import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from unittest.mock import patch

import pytest
from django.db import OperationalError, connection
from django.test import override_settings
from django_q.conf import Conf

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ALIVE = "/health/"
READY = "/health/ready/"
# What an error's text could carry: none of it may reach the response.
SECRET = "db.internal.example password=hunter2"

PRINT_SECURITY_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({name: getattr(settings, name) for name in (
    "DEBUG", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SECURE_REDIRECT_EXEMPT",
    "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)}))
"""


@pytest.fixture(scope="module")
def production_security():
    """The security settings production really has (read in a fresh
    interpreter: importing them here would change this process's templates)."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY="health-test-key",
        ALLOWED_HOSTS="waakvlam.example",
        EMAIL_URL="consolemail://",
    )
    out = subprocess.run(
        [sys.executable, "-c", PRINT_SECURITY_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    values = json.loads(out.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def test_alive_answers_without_a_query_a_cookie_or_a_cache(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(ALIVE)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_alive_answers_while_the_database_is_down(client):
    with patch.object(connection, "cursor", side_effect=OperationalError(SECRET)):
        response = client.get(ALIVE)
    assert response.status_code == 200


def test_ready_says_ok_when_database_cache_and_broker_answer(client):
    response = client.get(READY)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_ready_names_the_database_when_it_fails_without_its_error(client, caplog):
    with (
        caplog.at_level(logging.WARNING, logger="website.health"),
        patch.object(connection, "cursor", side_effect=OperationalError(SECRET)),
    ):
        response = client.get(READY)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "failed"
    assert body["checks"]["cache"] == "ok"
    assert "hunter2" not in response.content.decode()
    assert "Health check database failed: OperationalError" in caplog.text
    assert "hunter2" not in caplog.text


def test_ready_names_the_cache_when_it_fails(client):
    with patch("website.health.cache") as cache:
        cache.set.side_effect = ConnectionError(SECRET)
        response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "failed", "broker": "ok"}
    assert "hunter2" not in response.content.decode()


def test_ready_names_the_cache_when_it_loses_what_was_stored(client):
    with patch("website.health.cache") as cache:
        cache.get.return_value = None
        response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failed"


class SilentBroker:
    connection = None

    def __init__(self, ping):
        self._ping = ping

    def ping(self):
        return self._ping()

    def queue_size(self):
        return 0


def refuse():
    raise ConnectionError(SECRET)


@pytest.mark.parametrize("ping", [refuse, lambda: False], ids=["raises", "answers-false"])
def test_ready_names_the_broker_when_its_ping_fails(client, ping):
    with patch("website.health.get_broker", return_value=SilentBroker(ping)):
        response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "failed"}
    assert "hunter2" not in response.content.decode()


def test_ready_names_a_redis_broker_that_cannot_be_reached_without_its_address(client):
    # Nothing listens on port 1: the connection is refused at once.
    with (
        patch.object(Conf, "ORM", None),
        patch.object(Conf, "REDIS", "redis://:hunter2@127.0.0.1:1/0"),
    ):
        response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "failed"
    assert "hunter2" not in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


@pytest.fixture
def silent_server():
    """A port that accepts connections and never answers."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []
    thread = threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True)
    thread.start()
    yield server.getsockname()[1]
    for conn, _ in accepted:
        conn.close()
    server.close()


def test_ready_gives_up_on_a_redis_broker_that_never_answers(client, silent_server):
    with (
        patch.object(Conf, "ORM", None),
        patch.object(Conf, "REDIS", f"redis://127.0.0.1:{silent_server}/0"),
    ):
        started = time.monotonic()
        response = client.get(READY)
        waited = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "failed"
    assert waited < 5


def test_health_answers_over_plain_http_with_production_security(client, production_security):
    host = production_security["ALLOWED_HOSTS"][0]
    assert production_security["SECURE_SSL_REDIRECT"] is True
    with override_settings(**production_security):
        # A load balancer probes each server directly, without the proxy's header.
        alive = client.get(ALIVE, HTTP_HOST=host)
        ready = client.get(READY, HTTP_HOST=host)
        over_https = client.get(READY, HTTP_HOST=host, HTTP_X_FORWARDED_PROTO="https")
        # Everything else still goes to HTTPS.
        home = client.get("/", HTTP_HOST=host)
    assert alive.status_code == 200 and not alive.cookies
    assert ready.status_code == 200
    assert over_https.status_code == 200
    assert home.status_code == 301
    assert home["Location"].startswith("https://")


def test_ready_says_ok_with_redis_as_cache_and_broker(client):
    # Database 15: out of the way of a Redis used for anything else.
    url = "redis://127.0.0.1:6379/15"
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    with (
        override_settings(CACHES=redis_cache),
        patch.object(Conf, "ORM", None),
        patch.object(Conf, "REDIS", url),
    ):
        response = client.get(READY)
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}
    assert response.status_code == 200
