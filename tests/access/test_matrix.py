"""The access matrix: every URL pattern, GET and POST, by every role, with
the ids of objects the role must not see (tests.access.victims). What the
role may not use is refused and changes nothing; no response shows the
personal data of someone the role has no business with; nothing answers
with a server error.

One test per role walks all patterns in one world; each request runs in a
savepoint that is rolled back, so what one POST changes (or a log-out)
does not colour the next."""

import copy

import pytest
from django.apps import apps
from django.db import connection, transaction

from .expectations import PUBLIC, SIGNED_IN, STAFF, rule_for
from .paths import victim_path
from .resolver import project_routes, url_patterns
from .roles import ROLES, login_as
from .victims import build_two_organisations, role_setup

pytestmark = pytest.mark.django_db

ROUTES = [route for route, _name in url_patterns()]
PROJECT_ROUTES = project_routes()
STAFF_ROLES = {"coordinator", "other_coordinator", "editor", "superuser"}
# Roles without admin access: Wagtail's own admin pages refuse them all at
# one gate, so one of them (the participant) walks those; the others walk
# the project's own admin views and everything outside the admin.
GATE_WALKER = "participant"
# Rows that a refused request may write: the session of the one refused,
# and the admin preferences Wagtail makes on a staff member's first page.
BOOKKEEPING = {"sessions.Session", "wagtailusers.UserProfile"}
# Wagtail's own screens that answer a refusal with HTTP 200: what they show
# is checked (no one's personal data) but not their status.
ANSWERS_200 = {
    # An editor's explorer opens an organisation's part of the offer but
    # lists none of its group pages (the walled page permissions).
    "admin/pages/<int:parent_page_id>/",
    "admin/pages/<int:parent_page_id>/results/",
    # "You do not have permission to unpublish: <title>"; the POST does nothing.
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
    # The page chooser lists every page by title, to link to (titles are public).
    "admin/choose-page/<int:parent_page_id>/",
    # For a page without a workflow: {"step": "no_confirmation_needed"}.
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
}
# Server errors in Wagtail's own staff screens for input that its forms never
# send (ids that are not numbers, a missing field) or that Wagtail means as
# an error; the project adds no code to them.
WAGTAILS_OWN_ERRORS = {
    "admin/choose-external-link/",  # POST without `url`: None.startswith
    "admin/documents/chooser/chosen/<str:pk>/",  # int("x")
    "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/",
    "admin/failwhale/",  # Wagtail's deliberate error page, to test error reporting
    "admin/images/chooser/chosen/<str:pk>/",
    # POST by someone who may add services, to a chooser without a creation
    # form: None.is_valid().
    "admin/snippets/choose/knowledge/service/create/",
    "admin/snippets/choose/knowledge/service/chosen/<str:pk>/",
    "admin/snippets/choose/knowledge/topic/chosen/<str:pk>/",
}


def denied(response):
    # A redirect shows nothing (where it leads is walked as its own route):
    # to the log-in, to Wagtail's dashboard for those without a permission,
    # or back with a message; `state` checks that nothing changed.
    return response.status_code in (302, 400, 401, 403, 404, 405)


def _count_sql():
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.managed and model._meta.label not in BOOKKEEPING
    )
    return "SELECT " + ", ".join(f'(SELECT COUNT(*) FROM "{table}")' for table in tables)


COUNT_SQL = _count_sql()


def state(victims):
    """Rows per table (in one query) and every field of every victim: a
    refused POST leaves both as they were (an unpublish changes no count)."""
    with connection.cursor() as cursor:
        cursor.execute(COUNT_SQL)
        counts = cursor.fetchone()
    rows = {
        key: type(obj).objects.filter(pk=obj.pk).values().first()
        for key, obj in victims.items()
        if hasattr(obj, "pk")
    }
    return counts, rows


def must_refuse(rule, role, names_victim):
    if role == "superuser" or rule == PUBLIC:
        return False
    if names_victim:
        return True
    if rule == STAFF:
        return role not in STAFF_ROLES
    return rule == SIGNED_IN and role == "anonymous"


def walks(route, role):
    is_wagtails_own = route.startswith("admin/") and rule_for(route) == STAFF
    if role in STAFF_ROLES or role in ("anonymous", GATE_WALKER) or not is_wagtails_own:
        return True
    return route in PROJECT_ROUTES


def check(client, route, role, victims, markers):
    """The problems of `role` with `route` (an empty list when none)."""
    path, names_victim = victim_path(route, victims)
    refuse = must_refuse(rule_for(route), role, names_victim) and route not in ANSWERS_200
    # A superuser's POST would do what it says (delete, unpublish): only GET.
    methods = ("GET",) if role == "superuser" else ("GET", "POST")
    problems = []
    for method in methods:
        before = state(victims) if refuse else None
        response = client.generic(method, path)
        label = f"{role}: {method} {path} → {response.status_code}"
        if response.status_code >= 500 and route not in WAGTAILS_OWN_ERRORS:
            problems.append(f"{label}: server error")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        content = body.decode(errors="replace").lower()
        problems += [f"{label}: shows {marker}" for marker in markers if marker.lower() in content]
        if refuse and not denied(response):
            problems.append(f"{label}: not refused")
        if refuse and state(victims) != before:
            problems.append(f"{label}: changed the database")
    return problems


@pytest.mark.parametrize("role", ROLES)
def test_every_role_is_refused_what_is_not_theirs(client, role):
    world = build_two_organisations()
    user, victims, markers = role_setup(role, world)
    login_as(client, user)
    # A server error is one problem in the list, not the end of the walk.
    client.raise_request_exception = False
    cookies = copy.deepcopy(client.cookies)
    problems = []
    for route in ROUTES:
        if not walks(route, role):
            continue
        with transaction.atomic():
            problems += check(client, route, role, victims, markers)
            transaction.set_rollback(True)
        client.cookies = copy.deepcopy(cookies)
    assert not problems, "\n".join(problems)
