"""Wagtail's admin runs under a nonce-based script policy: no 'unsafe-inline'
for scripts, and every inline script Wagtail writes carries the nonce."""

import re

import pytest
from django.http import HttpResponse
from django.urls import reverse

from knowledge.models import Service
from tests.factories import UserFactory
from tests.groups.factories import GroupPageFactory, MeetingFactory
from website.middleware import AdminContentSecurityPolicyMiddleware

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_TYPES = ("application/json", "text/template", "application/ld+json")


def policy(response):
    directives = (part.strip().split() for part in response["Content-Security-Policy"].split(";"))
    return {words[0]: words[1:] for words in directives if words}


def inline_scripts(html):
    """The attributes of each <script> the browser would run from the page itself."""
    for match in SCRIPT_TAG.finditer(html):
        attributes = match.group(1)
        if "src=" in attributes or any(kind in attributes for kind in DATA_TYPES):
            continue
        yield attributes


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def admin_pages():
    group = GroupPageFactory(title="Budgetcursus Noord")
    meeting = MeetingFactory(group=group)
    service = Service.objects.create(name="Formulierenhulp", helps_with="Post", place="Utrecht")
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[group.pk]),
        reverse("wagtailsnippets_knowledge_service:edit", args=[service.pk]),
        reverse("meetings:edit", args=[meeting.pk]),
        reverse("meetings:add"),
        reverse("attendance_report:index"),
    ]


def test_the_admin_allows_scripts_only_from_the_site_and_with_the_nonce(admin_client):
    response = admin_client.get(reverse("meetings:add"))
    script_src = policy(response)["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'self'" in script_src
    assert any(source.startswith("'nonce-") for source in script_src)


def test_every_inline_script_of_the_admin_carries_the_nonce_of_its_response(admin_client):
    stamped = 0
    for url in admin_pages():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        nonces = [s[7:-1] for s in policy(response)["script-src"] if s.startswith("'nonce-")]
        for attributes in inline_scripts(response.content.decode()):
            assert nonces and f'nonce="{nonces[0]}"' in attributes, (url, attributes)
            stamped += 1
    assert stamped, "the pages tested hold no inline script; pick pages that do"


def test_only_the_scripts_wagtail_writes_get_the_nonce(rf):
    html = (
        b'<script>initDateChooser("id_day", {});</script>'
        b'<script>new PageChooser("id_page", {});</script>'
        b"<script>alert(1)</script>"
    )
    response = HttpResponse(html)
    AdminContentSecurityPolicyMiddleware.stamp(response, "abc")
    assert response.content.count(b'<script nonce="abc">') == 2
    assert b"<script>alert(1)</script>" in response.content


def test_the_public_site_keeps_its_policy_without_inline_script(client):
    response = client.get("/")
    assert "'unsafe-inline'" not in policy(response)["script-src"]
