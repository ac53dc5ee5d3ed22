"""Runs inside Django against one bench database (python -m
scripts.bench.prepare OUT.json): picks the key pages, logs their users in
as allauth's log-in leaves a session (with the second factor used, so that
staff pages do not ask for the code), and counts each page's queries with
Django's test client on the same session, the second time it is asked for
(caches warm, as under load). Writes [{name, path, user, cookie,
queries}] as JSON, the cookie as a Cookie header's value."""

import json
import sys

import django

django.setup()

from allauth.account.internal.flows.login import record_authentication  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from people.permissions import must_use_second_factor  # noqa: E402
from people.second_factor import add_authenticator_app  # noqa: E402
from scripts.bench.pages import key_pages  # noqa: E402
from website.demo.people import DEMO_TOTP_SECRET  # noqa: E402

HOST = "127.0.0.1"
HEADERS = {"X-Forwarded-Proto": "https"}


def logged_in_client(user):
    """A client whose session is the one a password and code log-in leaves."""
    client = Client(HTTP_HOST=HOST)
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[0])
    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, method="password", email=user.email)
    if must_use_second_factor(user):
        # The seed data gives staff the demo's authenticator app already.
        authenticator = add_authenticator_app(user, DEMO_TOTP_SECRET)
        record_authentication(request, user, "mfa", id=authenticator.pk, type="totp")
    request.session.save()
    return client


def count_queries(client, path):
    client.get(path, headers=HEADERS)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=HEADERS)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code} to the query count")
    return len(queries)


def main(out):
    clients = {}
    rows = []
    for page in key_pages():
        if page.user is None:
            client, cookie = Client(HTTP_HOST=HOST), ""
        else:
            if page.user.pk not in clients:
                clients[page.user.pk] = logged_in_client(page.user)
            client = clients[page.user.pk]
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
        rows.append(
            {
                "name": page.name,
                "path": page.path,
                "user": page.user.email if page.user else "",
                "cookie": cookie,
                "queries": count_queries(client, page.path),
            }
        )
    with open(out, "w") as file:
        json.dump(rows, file, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
