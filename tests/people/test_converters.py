"""Secret tokens in URLs are matched strictly: a NUL byte (which PostgreSQL
refuses in a query) or any other odd character is a 404, never a 500."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ODD = ["%00", "a%00b", "..%2F..", "%20", "x" * 101]


@pytest.mark.parametrize("token", ODD)
def test_odd_tokens_are_not_found(client, token):
    client.force_login(UserFactory())
    for address in (
        f"/groepen/agenda/{token}.ics",
        f"/groepen/plek/{token}/",
        f"/groepen/uitnodiging/{token}/",
        f"/cursussen/certificaat/{token}/",
    ):
        assert client.get(address).status_code == 404, address


def test_a_well_formed_but_unknown_token_is_not_found_either(client):
    client.force_login(UserFactory())
    token = "Abc_-123" * 5
    for name in ("groups:personal_feed", "groups:offer_accept", "groups:invitation"):
        assert client.get(reverse(name, args=[token])).status_code == 404
    assert client.get(reverse("courses:certificate", args=[token])).status_code == 404
