"""After a life event: an article and a budget course that may help,
found with the knowledge base's search, never by a fixed page."""

import pytest
from django.test import RequestFactory

from aftercare.contacts.help import life_event_help
from knowledge.models import ArticlePage
from tests.groups.factories import GroupPageFactory
from tests.knowledge.test_agreements import make_index

from .helpers import contact_with_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def knowledge(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        parent = make_index().get_parent()
        for title, summary in (
            (
                "Verhuizen zonder nieuwe schulden",
                "Wat u regelt bij een verhuizing: huur en lasten.",
            ),
            ("Ziek en minder inkomen", "Wat u kunt doen bij ziekte."),
        ):
            parent.add_child(instance=ArticlePage(title=title, summary=summary))
    return parent


def test_moving_finds_the_moving_article_and_the_organisations_course(knowledge):
    contact, (plan,) = contact_with_plans()
    course = GroupPageFactory(organisation=plan.organisation, title="Budgetcursus Noord")
    GroupPageFactory(title="Budgetcursus elders")

    links = life_event_help(RequestFactory().get("/"), plan, "moving")

    assert [link["title"] for link in links] == ["Verhuizen zonder nieuwe schulden", course.title]


def test_nothing_to_find_is_no_error(db):
    contact, (plan,) = contact_with_plans()

    assert life_event_help(RequestFactory().get("/"), plan, "death") == []
    assert life_event_help(RequestFactory().get("/"), plan, "unknown") == []
