import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.utils import translation

from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory
from tests.helpers import SecondFactorClient


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth's rate limits count in the cache; every test starts afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page_cache(settings):
    """The page cache on (the test settings turn it off), empty."""
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's language: a request of someone who
    chose English leaves English active in the thread, and under xdist the
    next test would depend on which one ran before it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def client():
    """Django's test client, whose force_login also passes the second factor
    for staff who must use one (tests.helpers.SecondFactorClient)."""
    return SecondFactorClient()


@pytest.fixture
def assert_page_queries(client, django_assert_max_num_queries):
    """`assert_page_queries(url, n)`: the page answers 200 in at most `n`
    queries, once a first request has warmed Wagtail's caches (site root
    paths, the menu). Call it at two data sizes with the same `n`."""

    def check(url, count, **params):
        client.get(url, params)
        with django_assert_max_num_queries(count):
            response = client.get(url, params)
        assert response.status_code == 200
        return response

    return check


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """client.post that also runs what waits for the commit (queued mails,
    signals), as a real request's commit would."""

    def _post(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return _post


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """`with sent(): ...` runs the on-commit callbacks (the queued mail
    tasks) at the end of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def organisations():
    """Two organisations and a coordinator of the first: where a
    coordinator must see only their own organisation's records."""
    own, other = OrganisationFactory(), OrganisationFactory()
    coordinator = MembershipFactory(organisation=own, role=Role.COORDINATOR).user
    return {"own": own, "other": other, "coordinator": coordinator}


@pytest.fixture
def coordinator_client(client, world):
    """The client, logged in as the coordinator of the module's `world`."""
    client.force_login(world["coordinator"])
    return client


def pytest_collection_modifyitems(items):
    """The long tests first (the browser journeys, then other transactional
    ones): xdist hands tests out in order, and long ones left for last keep
    one worker busy while the other has finished."""

    def weight(item):
        if item.get_closest_marker("browser"):
            return 0
        marker = item.get_closest_marker("django_db")
        return 1 if marker and marker.kwargs.get("transaction") else 2

    items.sort(key=weight)
