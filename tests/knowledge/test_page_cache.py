"""The Kennisbank and the search with the page cache on (website.pagecache):
an article unpublished or changed shows so at once, and every search is a
page of its own."""

import pytest
from django.db import transaction

from knowledge.models import ArticlePage, KnowledgeIndexPage
from website.models import HomePage

pytestmark = pytest.mark.django_db

SEARCH = "/zoeken/"


def is_hit(response):
    return response.get("X-Page-Cache") == "hit"


@pytest.fixture
def article(sent):
    with sent():
        knowledge = KnowledgeIndexPage(title="Kennisbank", slug="kennisbank")
        HomePage.objects.get().add_child(instance=knowledge)
        article = ArticlePage(
            title="Vrijwilligers in de nazorg",
            summary="Hoe vrijwilligers mensen na de schuldregeling blijven steunen.",
        )
        knowledge.add_child(instance=article)
        article.save_revision().publish()
    article.refresh_from_db()
    return article


def warmed(client, url, **params):
    client.get(url, params)
    response = client.get(url, params)
    assert response.status_code == 200 and is_hit(response), url
    return response


def found(client, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_every_search_is_a_page_of_its_own(client, page_cache, article):
    warmed(client, SEARCH, q="nazorg")
    other = client.get(SEARCH, {"q": "geldloket"})
    assert not is_hit(other)
    assert "Vrijwilligers in de nazorg" not in other.content.decode()
    assert "Vrijwilligers in de nazorg" in warmed(client, SEARCH, q="nazorg").content.decode()


def test_an_unpublished_article_is_gone_at_once_from_its_page_and_the_search(
    client, page_cache, article, sent
):
    warmed(client, article.url)
    warmed(client, SEARCH, q="nazorg")
    with sent(), transaction.atomic():
        article.unpublish()
    assert client.get(article.url).status_code == 404
    assert "Vrijwilligers in de nazorg" not in found(client, "nazorg")


def test_a_published_change_to_an_article_shows_at_once(client, page_cache, article, sent):
    warmed(client, article.url)
    article.summary = "Een nieuwe samenvatting over steun na de schuldregeling."
    with sent(), transaction.atomic():
        article.save_revision().publish()
    assert "Een nieuwe samenvatting" in client.get(article.url).content.decode()


def test_a_newly_published_article_is_found_at_once(client, page_cache, article, sent):
    warmed(client, SEARCH, q="budgetcoach")
    with sent(), transaction.atomic():
        new = ArticlePage(title="De budgetcoach", summary="Wat een budgetcoach doet.")
        article.get_parent().add_child(instance=new)
        new.save_revision().publish()
    assert "De budgetcoach" in found(client, "budgetcoach")
