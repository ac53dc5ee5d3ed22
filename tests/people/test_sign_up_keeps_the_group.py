"""Signing up from a group: the confirmation link keeps the group (a path on
this site, nothing else), logs the person in when it is opened in the browser
that signed up, and leads there after logging in when opened elsewhere."""

import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from people.models import User
from tests.people.test_accounts import SIGNUP

pytestmark = pytest.mark.django_db

ENROL = "/groepen/7/aanmelden/"


def confirm_link():
    body = mail.outbox[-1].body
    return re.search(r"https?://[^/\s]+(/account/confirm-email/\S+)", body).group(1)


def test_the_confirmation_link_carries_the_group_the_person_chose(post):
    post(f"{reverse('account_signup')}?next={quote(ENROL)}", SIGNUP)
    assert confirm_link().endswith(f"?next={quote(ENROL, safe='')}")


def test_confirming_in_the_same_browser_logs_in_and_goes_back_to_the_group(client, post):
    post(reverse("account_signup"), {**SIGNUP, "next": ENROL})
    response = post(confirm_link())
    assert response.status_code == 302
    assert response.url == ENROL
    assert client.session["_auth_user_id"] == str(User.objects.get(email=SIGNUP["email"]).pk)


def test_confirming_on_another_device_leads_to_the_group_after_logging_in(post):
    post(reverse("account_signup"), {**SIGNUP, "next": ENROL})
    other = Client()
    page = other.get(confirm_link())
    assert page.status_code == 200
    # The confirm form passes the group on.
    assert f'value="{ENROL}"' in page.content.decode()
    response = other.post(confirm_link(), {"next": ENROL})
    assert response.url == ENROL
    assert "_auth_user_id" not in other.session
    login = other.post(
        f"{reverse('account_login')}?next={quote(ENROL)}",
        {"login": SIGNUP["email"], "password": SIGNUP["password1"], "next": ENROL},
    )
    assert login.url == ENROL


@pytest.mark.parametrize(
    "next_url", ["https://elders.example/", "//elders.example/pad/", "javascript:alert(1)"]
)
def test_a_next_that_leaves_the_site_is_not_put_in_the_link(post, next_url):
    post(reverse("account_signup"), {**SIGNUP, "next": next_url})
    assert "next=" not in confirm_link()
    assert "elders" not in mail.outbox[-1].body
