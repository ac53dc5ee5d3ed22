"""A small deployment for the scale-out tests: app servers (gunicorn) and
task clusters (`manage.py qcluster`) as processes of their own, with the
production settings (tests.website.scale_out_settings), on the test's
PostgreSQL database and one Redis as cache, rate-limit store and broker.

A change that must be seen by every process goes through one of them (an
HTTP request to a server, a task for a cluster): the test process itself
keeps its cache in memory (website.settings.test), so what it invalidates
no server would notice."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import redis
from django.conf import settings
from django.db import connection
from django_q.brokers.redis_broker import Redis as RedisBroker
from django_q.conf import Conf
from django_q.status import Stat
from django_q.tasks import async_task

ROOT = Path(__file__).resolve().parent.parent.parent
# A database of its own on the machine's Redis, emptied before and after;
# one per xdist worker, as each has its own PostgreSQL test database.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
REDIS_URL = f"redis://127.0.0.1:6379/{12 + _WORKER}"
START_SECONDS = 90
# The site's public name: the load balancer passes it to every server.
HOST = "waakvlam.example"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def require_redis():
    """Skip without Redis; in CI a missing Redis is a failure, not a skip."""
    try:
        redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        message = f"Redis is not reachable at {REDIS_URL}"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI needs it for the scale-out tests")
        pytest.skip(message)


def database_url():
    db = connection.settings_dict
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SharedQueue(RedisBroker):
    """The clusters' Redis queue, reached from the test process (whose
    settings keep django-q2 on the ORM broker)."""

    def __init__(self, url):
        self.url = url
        super().__init__()

    def get_connection(self, list_key=None):
        return redis.from_url(self.url)


@dataclass
class Page:
    status: int
    headers: http.client.HTTPMessage
    text: str


class Browser:
    """One person's browser, behind a load balancer that sends each request
    to the server in its URL: every server gets the same Host, the same
    cookies, and the header that says the request came over HTTPS."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, url, data=None):
        parts = urlsplit(url)
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        server = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            server.request(method, target, body, headers)
            response = server.getresponse()
            page = Page(response.status, response.headers, response.read().decode())
        finally:
            server.close()
        for header in page.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
                if morsel["max-age"] == "0" or not morsel.value:
                    del self.cookies[name]
        return page

    def get(self, url):
        return self.request("GET", url)

    def submit(self, url, data):
        """Open the form at `url` and post `data` with its CSRF token."""
        form = self.get(url)
        token = CSRF_FIELD.search(form.text)
        assert form.status == 200 and token, f"no form at {url}: {form.status}"
        return self.request("POST", url, {"csrfmiddlewaretoken": token.group(1), **data})


class Deployment:
    """Processes started with `server()` and `cluster()`; `stop()` ends
    them all. Their output is kept in files, quoted by `logs()`."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.mail_dir = workdir / "mail"
        self.mail_dir.mkdir()
        self.processes = {}
        self.servers = []
        self.queue = SharedQueue(REDIS_URL)

    def env(self, **extra):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "Q_", "PYTEST", "REDIS_", "DATABASE_"))
        }
        return env | {
            "DJANGO_SETTINGS_MODULE": "tests.website.scale_out_settings",
            # django-q2 signs its tasks with the key: the test enqueues some too.
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": HOST,
            "SITE_URL": f"https://{HOST}",
            "DATABASE_URL": database_url(),
            "REDIS_URL": REDIS_URL,
            "EMAIL_URL": f"filemail://{self.mail_dir}",
            "MEDIA_ROOT": str(self.workdir / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.workdir / "private-media"),
            "PAGE_CACHE_SECONDS": "300",
            "Q_WORKERS": "2",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            **extra,
        }

    def _start(self, name, command, **env):
        log = (self.workdir / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.env(**env), stdout=log, stderr=subprocess.STDOUT
        )
        log.close()

    def server(self):
        """Start an app server; its base URL is added to `servers`."""
        port = free_port()
        name = f"server-{len(self.servers) + 1}"
        self._start(
            name,
            [sys.executable, "-m", "gunicorn", "website.wsgi", "--workers", "1"]
            + ["--bind", f"127.0.0.1:{port}", "--timeout", "60"],
        )
        self.servers.append(f"http://127.0.0.1:{port}")

    def cluster(self, name):
        """Start a task cluster; the tasks it runs can tell its `name`."""
        self._start(name, [sys.executable, "manage.py", "qcluster"], SCALE_OUT_CLUSTER=name)

    def clusters(self):
        return [name for name in self.processes if not name.startswith("server-")]

    def wait_until_ready(self):
        """Every server answers /health/ready/ and every cluster is idle."""
        deadline = time.monotonic() + START_SECONDS
        waiting = set(self.servers)
        while time.monotonic() < deadline:
            self._check_alive()
            waiting = {url for url in waiting if not self._ready(url)}
            idle = [stat for stat in Stat.get_all(self.queue) if stat.status == Conf.IDLE]
            if not waiting and len(idle) >= len(self.clusters()):
                return
            time.sleep(0.3)
        pytest.fail(f"not ready after {START_SECONDS} s: {sorted(waiting)}\n{self.logs()}")

    @staticmethod
    def _ready(url):
        try:
            return Browser().get(f"{url}/health/ready/").status == 200
        except OSError:
            return False

    def _check_alive(self):
        for name, process in self.processes.items():
            if process.poll() is not None:
                pytest.fail(f"{name} stopped ({process.returncode})\n{self.logs()}")

    def enqueue(self, func, *args):
        """Put a task on the clusters' queue."""
        return async_task(func, *args, broker=self.queue, sync=False)

    def wait_for(self, condition, what, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._check_alive()
            if condition():
                return
            time.sleep(0.3)
        pytest.fail(f"{what}: not within {seconds} s\n{self.logs()}")

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def logs(self, tail=3000):
        return "\n".join(
            f"--- {name}:\n{(self.workdir / f'{name}.log').read_text(errors='replace')[-tail:]}"
            for name in self.processes
        )

    def mail_to(self, address):
        """How many e-mails really left for `address` (the file backend
        writes every message it sends)."""
        header = f"To: {address}\n"
        return sum(path.read_text().count(header) for path in self.mail_dir.iterdir())


def flush_redis():
    redis.from_url(REDIS_URL).flushdb()
