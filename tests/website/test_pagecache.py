"""The page cache (website.pagecache): anonymous visitors get a stored copy
of a public page without a query; nobody else ever gets one, and nothing
personal or per-request is ever stored."""

import pytest
from django.contrib import messages
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.middleware.csrf import get_token
from wagtail.models import Site

from groups.models import GroupKind
from tests.factories import OrganisationFactory, UserFactory
from tests.groups.factories import GroupPageFactory, group_index
from website.models import FooterSettings, HomePage
from website.pagecache import GENERATION_KEY, may_change_pages

pytestmark = pytest.mark.django_db

REDIS_TEST_URL = "redis://127.0.0.1:6379/11"


def is_hit(response):
    return response.get("X-Page-Cache") == "hit"


def warm(client, url, **params):
    first = client.get(url, params)
    assert first.status_code == 200 and not is_hit(first)
    return first


def test_a_stored_page_is_served_without_a_query(client, page_cache, django_assert_num_queries):
    OrganisationFactory(name="Op Koers Utrecht", region="Utrecht")
    first = warm(client, "/")
    with django_assert_num_queries(0):
        again = client.get("/")
    assert is_hit(again)
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["Content-Type"] == first["Content-Type"]


def test_with_the_page_cache_off_nothing_is_stored(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert not is_hit(client.get("/"))


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings, page_cache):
    """The two caches a deployment shares between processes."""
    if request.param == "database":
        config = {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "waakvlam_page_cache",
        }
    else:
        redis = pytest.importorskip("redis")
        try:
            redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping()
        except redis.exceptions.ConnectionError:
            pytest.skip("no Redis on 127.0.0.1:6379")
        config = {"BACKEND": "django.core.cache.backends.redis.RedisCache"}
        config["LOCATION"] = REDIS_TEST_URL
    settings.CACHES = {**settings.CACHES, "pages": config}
    call_command("createcachetable", verbosity=0)
    caches["pages"].clear()
    yield request.param
    caches["pages"].clear()


def test_a_shared_cache_serves_a_stored_page_in_one_round_trip(
    client, shared_cache, django_assert_max_num_queries
):
    warm(client, "/")
    # The database cache reads the generation and the page in one query.
    with django_assert_max_num_queries(1 if shared_cache == "database" else 0):
        assert is_hit(client.get("/"))
    with django_assert_max_num_queries(1 if shared_cache == "database" else 0):
        assert is_hit(client.get("/"))


def test_a_shared_cache_retires_pages_on_a_change(client, shared_cache, sent):
    warm(client, "/")
    with sent():
        OrganisationFactory(name="Geldmaatjes Zeist", region="Utrecht")
    response = client.get("/")
    assert not is_hit(response)
    assert "Geldmaatjes Zeist" in response.content.decode()


def test_a_logged_in_person_never_gets_a_stored_page_and_theirs_is_never_stored(client, page_cache):
    warm(client, "/")
    client.force_login(UserFactory())
    mine = client.get("/")
    assert not is_hit(mine)
    assert "Log out" in mine.content.decode() or "Uitloggen" in mine.content.decode()
    assert mine["Cache-Control"] == "private, no-store"

    page_cache.clear()
    client.get("/")
    client.logout()
    anonymous = client.get("/")
    assert not is_hit(anonymous)
    assert "Uitloggen" not in anonymous.content.decode()


def test_a_request_with_a_session_or_messages_cookie_is_never_served_from_the_cache(
    client, page_cache
):
    warm(client, "/")
    for name in ("sessionid", "messages"):
        client.cookies.clear()
        client.cookies[name] = "anything"
        assert not is_hit(client.get("/"))
    client.cookies.clear()
    client.cookies["csrftoken"] = "x" * 32
    assert is_hit(client.get("/"))


@pytest.fixture
def home_page_does(monkeypatch):
    """`home_page_does(action)`: the home page's view also calls
    `action(request, response)` before the page is rendered."""

    def install(action):
        serve = HomePage.serve

        def patched(self, request, *args, **kwargs):
            response = serve(self, request, *args, **kwargs)
            action(request, response)
            return response

        monkeypatch.setattr(HomePage, "serve", patched)

    return install


def _set_cookie(request, response):
    response.set_cookie("seen", "1")


def _use_csrf_token(request, response):
    get_token(request)


def _add_message(request, response):
    messages.info(request, "Alleen voor u.")


def _use_the_nonce(request, response):
    str(request._csp_nonce)


def _say_private(request, response):
    response["Cache-Control"] = "private"


def _vary_on_language(request, response):
    response["Vary"] = "Accept-Language"


@pytest.mark.parametrize(
    "action",
    [_set_cookie, _use_csrf_token, _add_message, _use_the_nonce, _say_private, _vary_on_language],
)
def test_an_answer_that_is_not_the_same_for_everyone_is_never_stored(
    client, page_cache, home_page_does, action
):
    home_page_does(action)
    client.get("/")
    client.cookies.clear()
    assert not is_hit(client.get("/"))


def test_a_nonce_used_on_a_page_is_never_handed_to_another_visitor(
    client, page_cache, home_page_does
):
    home_page_does(_use_the_nonce)
    first = client.get("/")
    second = client.get("/")
    assert "nonce-" in first["Content-Security-Policy"]
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


def test_a_query_string_is_a_page_of_its_own(client, page_cache):
    GroupPageFactory(title="Spaarkring Noord", kind=GroupKind.SAVINGS_CIRCLE)
    GroupPageFactory(title="Lotgenoten Zuid", kind=GroupKind.PEER_SUPPORT)
    url = group_index().url
    warm(client, url, kind="spaarkring")
    everything = client.get(url)
    assert not is_hit(everything)
    assert "Lotgenoten Zuid" in everything.content.decode()
    filtered = client.get(url, {"kind": "spaarkring"})
    assert is_hit(filtered)
    assert "Lotgenoten Zuid" not in filtered.content.decode()


def test_a_head_request_gets_the_stored_page(client, page_cache):
    warm(client, "/")
    assert is_hit(client.head("/"))


def test_only_the_public_pages_are_stored(client, page_cache):
    for url in ("/account/login/", "/robots.txt", "/health/"):
        client.get(url)
        client.cookies.clear()
        assert not is_hit(client.get(url)), url


def test_a_missing_page_is_not_stored(client, page_cache):
    client.get("/bestaat-niet/")
    assert client.get("/bestaat-niet/").status_code == 404


def test_a_cache_that_cannot_be_reached_fails_no_request(client, page_cache, monkeypatch, sent):
    def down(*args, **kwargs):
        raise ConnectionError("the cache is down")

    for name in ("get", "get_many", "set", "add"):
        monkeypatch.setattr(page_cache, name, down)
    assert client.get("/").status_code == 200
    with sent():
        OrganisationFactory(name="Geldmaatjes Zeist")
    assert client.get("/").status_code == 200


def test_a_lost_generation_retires_every_stored_page(client, page_cache):
    warm(client, "/")
    page_cache.delete(GENERATION_KEY)
    assert not is_hit(client.get("/"))
    assert is_hit(client.get("/"))


def test_a_change_rolled_back_keeps_the_stored_pages(client, page_cache, sent):
    warm(client, "/")
    with sent():
        try:
            with transaction.atomic():
                OrganisationFactory(name="Nooit Bestaan")
                raise RuntimeError
        except RuntimeError:
            pass
    assert is_hit(client.get("/"))


def test_a_change_is_seen_only_once_committed(client, page_cache, sent):
    warm(client, "/")
    # The callbacks run when the blocks are left, as at a real commit.
    with sent(), transaction.atomic():
        OrganisationFactory(name="Geldmaatjes Zeist", region="Utrecht")
        assert is_hit(client.get("/"))
    response = client.get("/")
    assert "Geldmaatjes Zeist" in response.content.decode()


def test_a_changed_site_setting_shows_at_once_on_every_page(client, page_cache, sent):
    warm(client, "/")
    with sent():
        footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
        footer.contact_text = "Bel ons op werkdagen."
        footer.save()
    assert "Bel ons op werkdagen." in client.get("/").content.decode()


def test_writes_that_no_public_page_shows_keep_the_stored_pages(client, page_cache, sent):
    warm(client, "/")
    with sent():
        SessionStore().create()
    assert is_hit(client.get("/"))


@pytest.mark.parametrize(
    ("sql", "changes"),
    [
        ('SELECT "groups_meeting"."id" FROM "groups_meeting"', False),
        ('SELECT "id" FROM "groups_grouppage" FOR UPDATE', False),
        ('UPDATE "groups_meeting" SET "status" = %s', True),
        ('INSERT INTO "groups_enrolment" ("id") VALUES (%s)', True),
        ('DELETE FROM "wagtailcore_page" WHERE "id" = %s', True),
        ('TRUNCATE "groups_enrolment"', True),
        ('UPDATE "django_session" SET "expire_date" = %s', False),
        ('INSERT INTO "waakvlam_page_cache" ("cache_key") VALUES (%s)', False),
        ('DELETE FROM "django_q_ormq" WHERE "id" = %s', False),
        ('SAVEPOINT "s1_x1"', False),
    ],
)
def test_which_statements_retire_the_stored_pages(settings, sql, changes):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "waakvlam_page_cache",
        },
    }
    assert may_change_pages(sql) is changes
