import pytest
from django.db import connection
from django.urls import reverse
from wagtail.models import PageViewRestriction

from knowledge.models import ArticlePage, Service, Topic

from .test_agreements import make_agreement, make_index

pytestmark = pytest.mark.django_db

SEARCH = "/zoeken/"
# However many pages and services match: each kind is sliced.
SEARCH_QUERIES = 15


@pytest.fixture
def content(django_capture_on_commit_callbacks):
    """Own content, indexed: the index is updated by a task that may wait
    for the commit a test never makes."""
    with django_capture_on_commit_callbacks(execute=True):
        index = make_index()
        knowledge = index.get_parent()
        topic = Topic.objects.create(name="Nazorg")
        article = ArticlePage(
            title="Vrijwilligers in de nazorg",
            summary="Hoe vrijwilligers mensen na de schuldregeling blijven steunen.",
        )
        knowledge.add_child(instance=article)
        article.topics = [topic]
        article.save()
        make_agreement(
            index,
            "Convenant bewindvoering",
            intro="Afspraken tussen gemeenten en bewindvoerders over betalingsachterstanden.",
        )
        make_agreement(index, "Geheim concept", live=False, intro="Onzichtbare bewindvoering")
        private = make_agreement(index, "Besloten werkafspraken", intro="Besloten bewindvoering")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        Service.objects.create(
            name="Geldloket",
            helps_with="Hulp bij schuld, toeslagen en huurachterstanden.",
            place="Utrecht",
            organisation_type="gemeente",
            needs=["geld"],
        )
    return {"article": article, "topic": topic, "index": index}


def titles(response):
    return [result["title"] for result in response.context["results"]]


def test_the_search_url_is_named():
    assert reverse("knowledge:search") == SEARCH


def test_finds_articles_agreements_and_services_with_type_snippet_and_topic(client, content):
    response = client.get(SEARCH, {"q": "nazorg"})
    assert response.status_code == 200
    (result,) = [r for r in response.context["results"] if r["title"].startswith("Vrijwilligers")]
    assert result["topic"] == "Nazorg"
    assert "schuldregeling" in result["snippet"]
    assert result["url"] == content["article"].url

    assert "Convenant bewindvoering" in titles(client.get(SEARCH, {"q": "convenant"}))
    assert "Geldloket" in titles(client.get(SEARCH, {"q": "Geldloket"}))


def test_drafts_and_private_pages_never_appear(client, content):
    html = client.get(SEARCH, {"q": "bewindvoering"}).content.decode()
    assert "Convenant bewindvoering" in html
    assert "Geheim concept" not in html and "Onzichtbare" not in html
    assert "Besloten werkafspraken" not in html


@pytest.mark.parametrize("query", ["", "   ", "xqzwvk", "!!!"])
def test_empty_or_nonsense_query_gives_a_helpful_page(client, content, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["results"] == []
    assert "Nazorg" in response.context["suggested_topics"]
    assert 'href="/kennisbank-test/"' in html


@pytest.mark.parametrize(
    "query",
    [
        "a" * 5000,
        "vrijwilliger " * 500,
        "'; DROP TABLE wagtailcore_page; --",
        '" OR 1=1 --',
        "<script>alert(1)</script>",
        "nazorg\x00",
        'AND OR NOT ( ) * " -',
    ],
)
def test_long_sql_or_html_queries_give_a_normal_page(client, content, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert len(response.context["query"]) <= 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


# Words people type against the words in the text. PostgreSQL's Dutch
# stemmer joins these; known misses ("cursussen"/"cursus", "maatje"/"maatjes",
# "brieven"/"brief") need synonyms and are not promised here.
DUTCH_QUERIES = [
    ("vrijwilliger", "vrijwilligers"),
    ("vrijwilligers", "vrijwilliger"),
    ("schulden", "schuld"),
    ("schuld", "schulden"),
    ("afspraak", "afspraken"),
    ("gemeente", "gemeenten"),
    ("bewindvoerder", "bewindvoerders"),
    ("betalingsachterstand", "betalingsachterstanden"),
    ("toeslag", "toeslagen"),
    ("huurachterstand", "huurachterstanden"),
    ("deelnemer", "deelnemers"),
    ("woning", "woningen"),
    ("groep", "groepen"),
    ("training", "trainingen"),
]


def test_dutch_inflected_forms_find_each_other_on_postgresql(
    client, django_capture_on_commit_callbacks
):
    if connection.vendor != "postgresql":
        pytest.skip("Dutch stemming needs PostgreSQL's 'dutch' text search configuration")
    with django_capture_on_commit_callbacks(execute=True):
        index = make_index()
        for number, (_query, word) in enumerate(DUTCH_QUERIES):
            make_agreement(index, f"Afspraak nummer {number}", intro=f"Over {word} in de wijk.")
    misses = []
    for number, (query, word) in enumerate(DUTCH_QUERIES):
        found = titles(client.get(SEARCH, {"q": query}))
        if f"Afspraak nummer {number}" not in found:
            misses.append((query, word))
    assert misses == []


def add_content(index, knowledge, topic, start, count):
    for number in range(start, start + count):
        article = ArticlePage(title=f"Budget artikel {number}", summary="Over budget en geld.")
        knowledge.add_child(instance=article)
        article.topics = [topic]
        article.save()
        make_agreement(index, f"Budget afspraak {number}", intro="Budget en geld.")
        Service.objects.create(
            name=f"Budgetdienst {number}",
            helps_with="Budget en geld.",
            place="Utrecht",
            organisation_type="welzijn",
            needs=["geld"],
        )


def test_query_count_does_not_grow_with_the_number_of_pages(
    content, django_capture_on_commit_callbacks, assert_page_queries
):
    index, topic = content["index"], content["topic"]
    knowledge = index.get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        add_content(index, knowledge, topic, 0, 10)
    few = assert_page_queries(SEARCH, SEARCH_QUERIES, q="budget").context["results"]
    with django_capture_on_commit_callbacks(execute=True):
        # Past the 20 results a kind shows: the page still reads a fixed number.
        add_content(index, knowledge, topic, 10, 20)
    many = assert_page_queries(SEARCH, SEARCH_QUERIES, q="budget").context["results"]
    assert len(few) == 30 and len(many) > len(few)
