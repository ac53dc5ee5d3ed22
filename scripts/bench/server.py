"""gunicorn as production runs it (two sync workers), on a free loopback
port, and plain HTTP requests to check what a page answers."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time

from .databases import ROOT

WORKERS = 2
HEADERS = {"X-Forwarded-Proto": "https"}


class ServerError(RuntimeError):
    pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, cookie=""):
    """(status, Location header, body) of one GET as wrk sends it."""
    headers = dict(HEADERS)
    if cookie:
        headers["Cookie"] = cookie
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Location", ""), response.read()
    finally:
        connection.close()


class Gunicorn:
    """A context manager: the server runs inside the `with`, and is stopped
    however the block ends (an error, Ctrl-C)."""

    def __init__(self, env, log_path):
        self.env = env
        self.log_path = log_path
        self.port = free_port()
        self.process = None

    def __enter__(self):
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        args = [gunicorn, "website.wsgi:application", "--workers", str(WORKERS)]
        args += ["--bind", f"127.0.0.1:{self.port}", "--chdir", str(ROOT), "--timeout", "120"]
        with open(self.log_path, "ab") as log:
            # Its own session: Ctrl-C reaches the bench, which stops it in order.
            self.process = subprocess.Popen(
                args, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        self.wait_ready()
        return self

    def wait_ready(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"gunicorn stopped; see {self.log_path}")
            try:
                if get(self.port, "/health/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise ServerError(f"gunicorn did not answer in {seconds} s; see {self.log_path}")

    def __exit__(self, *exc_info):
        self.stop()

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
