"""The request log names the path of a refused request, never a secret in it."""

import io
import logging

import pytest

from tests.factories import UserFactory
from website.log_filters import RedactUrlSecrets

pytestmark = pytest.mark.django_db

TOKEN = "dit-is-een-geheim-token-4711"


@pytest.fixture
def log_output():
    (handler,) = [
        handler
        for handler in logging.getLogger("django").handlers
        if any(isinstance(f, RedactUrlSecrets) for f in handler.filters)
    ]
    stream, handler.stream = handler.stream, io.StringIO()
    yield handler.stream
    handler.stream = stream


@pytest.mark.parametrize(
    "path",
    [
        f"/groepen/plek/{TOKEN}/",
        f"/groepen/agenda/{TOKEN}.ics",
        f"/cursussen/certificaat/{TOKEN}/",
        f"/account/confirm-email/{TOKEN}/",
        f"/mijn/uitnodiging/{TOKEN}/",
        f"/groepen/uitnodiging/{TOKEN}/",
    ],
)
def test_a_token_in_a_refused_url_is_not_logged(client, log_output, path):
    client.force_login(UserFactory())
    response = client.get(path)
    logged = log_output.getvalue()
    if response.status_code >= 400:
        assert path.split(TOKEN)[0] in logged
    assert TOKEN not in logged


def test_other_paths_are_logged_as_they_are(client, log_output):
    client.get("/bestaat-niet-4711/")
    assert "/bestaat-niet-4711/" in log_output.getvalue()
