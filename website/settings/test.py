"""Test settings: fast hashing, tasks run inline, mail kept in memory."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("EMAIL_URL", "consolemail://")

from .base import *  # noqa: E402,F403
from .base import BASE_DIR, DATABASES, Q_CLUSTER, env  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# django-q2 reads `sync` once at import, so it is set here and not per test.
# The worker test starts a real `qcluster` with Q_SYNC=false.
Q_CLUSTER["sync"] = env.bool("Q_SYNC", default=True)

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: the live server thread and the worker process in
    # the tests must see the same database.
    DATABASES["default"]["TEST"] = {
        "NAME": env("TEST_SQLITE_NAME", default=str(BASE_DIR / ".test-db.sqlite3"))
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A throwaway test database need not wait for the disk on every commit.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"

# One process per xdist worker: a local cache keeps each page's query count
# about the page (the default cache table would add reads).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Off, so that every test measures the page itself; the page cache's own
# tests turn it on (the `page_cache` fixture).
PAGE_CACHE_SECONDS = 0

ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# Uploaded evidence goes to a throwaway folder.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="waakvlam-private-"))
