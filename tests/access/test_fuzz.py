"""Fuzz every form and filter of the project (issue #10, design invariant
9): long strings, NUL bytes, RTL and emoji, markup, formulas, negative and
huge numbers, wrong types, missing and doubled fields, bad dates and ids.
Never a server error, and an invalid form shows what was typed again.

Each form's page is rendered once as the role that uses it; its fields,
read from that page, get hypothesis's values. Every example runs in a
savepoint that is rolled back, so examples do not pile up rows."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils.html import escape
from django.utils.module_loading import import_string
from hypothesis import HealthCheck, given, settings

from .forms_table import (
    COVERED_ELSEWHERE,
    FORMS,
    SHOWN_AS,
    VIEWS,
    project_forms,
    table_problems,
)
from .nasties import echo_value, form_fields, submissions
from .roles import login_as
from .world import URLS, build_world, user_for

FUZZED = {**FORMS, **VIEWS}
FUZZ_SETTINGS = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.database_free
def test_every_project_form_is_fuzzed_and_no_entry_is_stale():
    assert table_problems(project_forms()) == []
    assert {url for url, _role, _method in FUZZED.values()} <= set(URLS)


@pytest.mark.database_free
def test_a_new_form_fails_with_where_to_add_it():
    (problem,) = table_problems(["groups.forms.GeheimForm"], table={}, covered={})
    assert "'groups.forms.GeheimForm'" in problem and "FORMS" in problem


@pytest.mark.database_free
def test_a_stale_entry_fails():
    (problem,) = table_problems([], table={"weg.Form": ("x", "admin", "POST")}, covered={})
    assert "'weg.Form'" in problem and "remove it" in problem


def test_covered_elsewhere_gives_reasons():
    assert all(len(reason) > 20 for reason in COVERED_ELSEWHERE.values())


def _form_page(client, name):
    url_key, role, method = FUZZED[name]
    world = build_world()
    login_as(client, user_for(role, world))
    response = client.get(URLS[url_key](world), follow=True)
    assert response.status_code == 200, f"{name}: GET answered {response.status_code}"
    url = (
        response.redirect_chain[-1][0] if response.redirect_chain else response.request["PATH_INFO"]
    )
    return url, method, form_fields(response.content.decode(), method)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FUZZED))
def test_no_input_breaks_a_form_and_what_was_typed_stays(client, name):
    url, method, fields = _form_page(client, name)
    send = client.get if method == "GET" else client.post
    shown_as = import_string(SHOWN_AS[name]) if name in SHOWN_AS else str

    @FUZZ_SETTINGS
    @given(data=submissions(fields))
    def fuzz(data):
        cache.clear()  # allauth's rate limits
        with transaction.atomic():
            response = send(url, data)
            assert response.status_code < 500, f"{method} {url} {data!r}"
            echo = echo_value(fields, data)
            if response.status_code == 200 and echo:
                field, value = echo
                assert escape(shown_as(value)) in response.content.decode(), (
                    f"{method} {url}: {field}={value!r} is not shown again"
                )
            transaction.set_rollback(True)

    fuzz()
