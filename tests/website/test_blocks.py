"""A page body posted without the data the page editor always sends (the
count, order and type of its blocks) is refused with a message, never with
a server error, and the page keeps its content."""

import pytest

from tests.factories import UserFactory
from tests.helpers import nl
from website.models import StandardPage

pytestmark = pytest.mark.django_db

BROKEN = [
    {"body": "geen blokken"},
    {"body-count": "veel"},
    {"body-count": "1"},
    {"body-count": "1", "body-0-deleted": "", "body-0-type": "paragraph", "body-0-order": "x"},
]


@pytest.mark.parametrize("body", BROKEN)
def test_an_unreadable_body_is_refused_and_the_page_keeps_its_content(client, body):
    page = StandardPage.objects.get(slug="privacy")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", {"title": "Nieuwe titel", "slug": page.slug, **body}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert nl("The content could not be read. Reload the page and try again.") in content
    assert "Nieuwe titel" in content
    page.refresh_from_db()
    assert page.title != "Nieuwe titel"


def test_a_body_as_the_editor_sends_it_is_saved(client):
    page = StandardPage.objects.get(slug="privacy")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            "title": page.title,
            "slug": page.slug,
            "body-count": "1",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-type": "heading",
            "body-0-value": "Wat wij bewaren",
            "body-0-id": "",
        },
    )
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().body[0].value == "Wat wij bewaren"
