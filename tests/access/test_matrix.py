"""The access matrix for the roles that may not reach the admin or anyone's
records: every URL pattern, GET and POST, by an anonymous visitor and by a
participant of one organisation. A refused POST changes nothing."""

import pytest
from django.apps import apps

from tests.groups.factories import EnrolmentFactory

from .expectations import SIGNED_IN, STAFF, rule_for
from .paths import sample_path
from .resolver import url_patterns
from .roles import login_as

pytestmark = pytest.mark.django_db

MARKER = "Geheimnaam-Zwaluw-4711"
ROUTES = [route for route, _name in url_patterns()]


def denied(response):
    if response.status_code in (401, 403, 404, 405):
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and "login" in location


def row_counts():
    """Rows per model: a refused POST must leave every table as it was."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture
def victim():
    """Another participant, with a unique marker in her name and e-mail
    that no response to the others may contain."""
    enrolment = EnrolmentFactory(
        person__full_name=f"Vera {MARKER}", person__email=f"{MARKER.lower()}@example.org"
    )
    return enrolment.person


def check(client, route, *, signed_in):
    rule = rule_for(route)
    path = sample_path(route)
    before = row_counts()
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code < 500, f"{method.__name__.upper()} {path}"
        assert MARKER.encode() not in response.content, f"{path} shows another person's data"
        if rule == STAFF or (rule == SIGNED_IN and not signed_in):
            assert denied(response), f"{method.__name__.upper()} {path}: {response.status_code}"
    if rule in (STAFF, SIGNED_IN) and not signed_in:
        assert row_counts() == before, f"POST {path} changed the database"


@pytest.mark.parametrize("route", ROUTES)
def test_anonymous_and_participant_are_refused_what_is_not_theirs(client, route, victim):
    check(client, route, signed_in=False)
    # A participant: signed in, enrolled in a group of their own, no role.
    login_as(client, EnrolmentFactory().person)
    check(client, route, signed_in=True)
