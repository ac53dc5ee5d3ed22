"""The page cache: anonymous visitors get public pages from the shared cache,
never one older than the last committed change.

What is stored: the GET answers of the views in CACHEABLE_VIEWS (Wagtail's
pages, the search, a group's public calendar) to a request that carries no
session and no messages cookie, when the answer is a plain 200 for everyone:
no cookie set, no nonce used, not marked private (`storable`). A request
with a session cookie never gets a stored page, so a logged-in person
always sees their own.

How it stays right: the cache holds one "generation", a random token. Each
stored page keeps the generation read before it was rendered, and is served
only while that is still the current one. Any SQL statement that may write
to a table a public page could show (any table but those of IGNORED_MODELS
and the cache tables) replaces the generation with a new token once its
transaction commits. Listening to the statements, not to model signals,
also covers `update()`, bulk writes and Wagtail's own tree operations. The
generation lives in the shared cache (Redis or the database), so every
server process sees a change at once.
"""

import hashlib
import logging
import re
import secrets
from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
# Sorts after every "page:" key: the database cache culls the lowest keys.
GENERATION_KEY = "pages-generation"
CACHEABLE_VIEWS = frozenset({"wagtail_serve", "knowledge:search", "groups:group_feed"})
REFUSING_DIRECTIVES = frozenset({"private", "no-store", "no-cache"})
# Rows no public page shows, written often (sessions, tasks, logs, admin
# editing sessions, personal records): a write there keeps the cache.
IGNORED_MODELS = (
    "sessions.Session",
    "django_q.Task",
    "django_q.Schedule",
    "django_q.OrmQ",
    "people.AuditEntry",
    "people.OutboxMessage",
    "people.WeeklyDigestSent",
    "account.EmailConfirmation",
    "mfa.Authenticator",
    "wagtailadmin.EditingSession",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.ReferenceIndex",
    "wagtailcore.PageSubscription",
    "wagtailimages.Rendition",
    "wagtailusers.UserProfile",
    "groups.Attendance",
    "groups.AttentionSignal",
    "groups.MeetingReminder",
    "groups.CalendarToken",
    "groups.SavingsEntry",
    "aftercare.AftercarePlan",
    "aftercare.PlanHistory",
    "aftercare.ContactMoment",
    "aftercare.Referral",
)
READ_ONLY_STATEMENTS = (
    "SELECT",
    "SAVEPOINT",
    "RELEASE",
    "ROLLBACK",
    "BEGIN",
    "COMMIT",
    "SET ",
    "SHOW",
    "PRAGMA",
    "EXPLAIN",
)
WRITE_STATEMENT = re.compile(
    r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?', re.IGNORECASE
)


def _cache():
    return caches[CACHE_ALIAS]


def page_cache_invalidate():
    """Retire every stored page: a new generation nobody rendered under."""
    _cache().set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def _current_generation():
    generation = _cache().get(GENERATION_KEY)
    if generation is None:
        # A fresh random token (also after an eviction) matches no stored page.
        _cache().add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        generation = _cache().get(GENERATION_KEY)
    return generation


# Writes


@cache
def _ignored_model_tables():
    return frozenset(apps.get_model(label)._meta.db_table for label in IGNORED_MODELS)


def ignored_tables():
    """The tables of IGNORED_MODELS and of the database caches; a cache's
    own writes must never retire the pages it stores."""
    caches_in_database = {
        config["LOCATION"]
        for config in settings.CACHES.values()
        if config["BACKEND"].endswith("DatabaseCache")
    }
    return _ignored_model_tables() | caches_in_database


def may_change_pages(sql):
    """Whether `sql` may change what a public page shows: anything but a
    read, or a write to an ignored table. Unknown statements count."""
    if not isinstance(sql, str):
        return True
    if sql.lstrip()[:10].upper().startswith(READ_ONLY_STATEMENTS):
        return False
    match = WRITE_STATEMENT.match(sql)
    return match is None or match.group(1) not in ignored_tables()


def _retire():
    # The data is committed: a cache that cannot be reached now leaves pages
    # at most PAGE_CACHE_SECONDS old; it fails no request.
    try:
        page_cache_invalidate()
    except Exception:
        logger.warning("The page cache cannot be retired.", exc_info=True)


def _invalidate_on_commit(connection):
    if not connection.in_atomic_block:
        _retire()  # autocommit: the write is committed
        return
    # Once per transaction and savepoint: an earlier registration at the
    # same savepoints runs whenever this write is committed.
    savepoints = set(connection.savepoint_ids)
    for registered_at, callback, _robust in connection.run_on_commit:
        if callback is _retire and registered_at == savepoints:
            return
    transaction.on_commit(_retire, using=connection.alias)


def watch_writes(execute, sql, params, many, context):
    """An execute wrapper (Django's `connection.execute_wrapper`) on every
    connection: a statement that may change a public page retires the cached
    pages once it is committed."""
    try:
        return execute(sql, params, many, context)
    finally:
        if settings.PAGE_CACHE_SECONDS and may_change_pages(sql):
            _invalidate_on_commit(context["connection"])


def watch_connection(sender=None, connection=None, **kwargs):
    """A `connection_created` receiver; the wrapper stays on the connection
    object when it reconnects."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


# Requests


def anonymous(request):
    """No session and no messages cookie: nothing personal to show, known
    without asking the database."""
    return not (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
    )


def cache_key(request):
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    parts = (request.scheme, host, settings.LANGUAGE_CODE, request.get_full_path())
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _header_values(response, name):
    return {value.strip().lower() for value in response.get(name, "").split(",") if value.strip()}


def storable(request, response):
    """A 200 from an allowed view that is the same for every anonymous
    visitor: no cookie set (a CSRF token or session would set one), no
    message added, no CSP nonce (it must differ per answer), the site's
    language, not private, and varying on nothing but the cookies."""
    match = request.resolver_match
    user = getattr(request, "user", None)
    messages = getattr(request, "_messages", None)
    return (
        request.method == "GET"
        and match is not None
        and match.view_name in CACHEABLE_VIEWS
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (user is not None and user.is_authenticated)
        and not (messages is not None and messages.added_new)
        and not get_nonce(request)
        and response.get("Content-Language", settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE
        and not _header_values(response, "Cache-Control") & REFUSING_DIRECTIVES
        and _header_values(response, "Vary") <= {"cookie"}
    )


def _replay(entry):
    status, headers, content = entry
    response = HttpResponse(content, status=status, headers=headers)
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    """Serves and stores anonymous public pages (see the module). Sits before
    the session middleware, so a stored page costs no session, user or
    CSRF work. A personal answer (the request has a session cookie) that
    says nothing about caching is marked `private, no-store`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not anonymous(request):
            response = self.get_response(request)
            if "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_store=True)
            return response
        key = None
        if settings.PAGE_CACHE_SECONDS and request.method in ("GET", "HEAD"):
            key = cache_key(request)
        if key is None:
            return self.get_response(request)
        generation, entry = self._lookup(key)
        if entry is not None:
            return _replay(entry)
        response = self.get_response(request)
        if generation is not None and storable(request, response):
            self._store(key, generation, response)
        return response

    @staticmethod
    def _lookup(key):
        try:
            # One round trip: the generation and the page together.
            found = _cache().get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY) or _current_generation()
        except Exception:  # an unreachable cache: render, as without one
            logger.warning("The page cache cannot be read.", exc_info=True)
            return None, None
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            return generation, stored[1]
        return generation, None

    @staticmethod
    def _store(key, generation, response):
        entry = (response.status_code, dict(response.items()), response.content)
        try:
            _cache().set(key, (generation, entry), settings.PAGE_CACHE_SECONDS)
        except Exception:  # the answer itself is fine; only the copy is lost
            logger.warning("The page cache cannot be written.", exc_info=True)
