"""What a search result shows: the offer among the results, an excerpt with
the matched words marked (and everything else escaped), and an empty state
that points to the offer."""

import pytest

from groups.models import GroupKind
from tests.factories import UserFactory
from tests.groups.factories import GroupPageFactory, group_index

pytestmark = pytest.mark.django_db

SEARCH = "/zoeken/"


@pytest.fixture
def groups(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        circle = GroupPageFactory(
            title="Spaarkring Overvecht",
            kind=GroupKind.SAVINGS_CIRCLE,
            intro="Samen sparen <b>voor</b> een buffer & rust, elke week een klein bedrag.",
        )
        training = GroupPageFactory(
            title="Training spaarkring begeleiden",
            kind=GroupKind.TRAINING,
            intro="Voor vrijwilligers die een spaarkring gaan begeleiden.",
        )
    return {"circle": circle, "training": training}


def result(response, title):
    (found,) = [r for r in response.context["results"] if r["title"] == title]
    return found


def test_spaarkring_finds_the_savings_circle_with_its_kind_place_and_link(client, groups):
    response = client.get(SEARCH, {"q": "spaarkring"})
    found = result(response, "Spaarkring Overvecht")
    assert found["url"] == groups["circle"].url
    assert found["topic"] == "Utrecht"
    assert 'href="{}"'.format(groups["circle"].url) in response.content.decode()


def test_trainings_are_found_only_by_who_may_see_them(client, groups):
    anonymous = {r["title"] for r in client.get(SEARCH, {"q": "spaarkring"}).context["results"]}
    assert "Training spaarkring begeleiden" not in anonymous
    client.force_login(UserFactory(is_staff=True))
    staff = {r["title"] for r in client.get(SEARCH, {"q": "spaarkring"}).context["results"]}
    assert "Training spaarkring begeleiden" in staff


def test_the_excerpt_marks_the_matched_words_and_escapes_the_text(client, groups):
    response = client.get(SEARCH, {"q": "sparen buffer"})
    snippet = str(result(response, "Spaarkring Overvecht")["snippet"])
    assert '<mark class="utrecht-mark">sparen</mark>' in snippet
    assert '<mark class="utrecht-mark">buffer</mark>' in snippet
    # Markup in a text is left out, the rest escaped.
    assert "<b>" not in snippet and "buffer</mark> &amp; rust" in snippet
    assert '<mark class="utrecht-mark">buffer</mark>' in response.content.decode()


def test_a_query_of_markup_is_shown_escaped(client, groups):
    html = client.get(SEARCH, {"q": "<mark>spaarkring"}).content.decode()
    assert "&lt;mark&gt;spaarkring" in html
    assert "<mark>" not in html


def test_nothing_found_points_to_the_offer(client, groups):
    response = client.get(SEARCH, {"q": "xqzwvk"})
    assert response.context["results"] == []
    assert 'id="search-offer-link"' in response.content.decode()
    assert f'href="{group_index().url}"' in response.content.decode()


@pytest.mark.parametrize("query", ["\x00", "spaar\x00kring", "." * 300, "ß" * 1000, "‽‽‽", "*"])
def test_odd_input_gives_a_normal_page(client, groups, query):
    assert client.get(SEARCH, {"q": query}).status_code == 200
