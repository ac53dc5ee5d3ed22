"""An article page costs the same queries however many topics, document links
and sections its publication has."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from knowledge.models import ArticlePage, KnowledgeIndexPage, PublicationPage, Topic
from website.models import HomePage

pytestmark = pytest.mark.django_db

# With its publication, the neighbouring sections, the topics and the
# documents it links to (read together, not one by one).
ARTICLE_QUERIES = 18


def make_document(number):
    document = get_document_model()(title=f"Bijlage {number}")
    document.file.save(f"bijlage-{number}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


def add_section(publication, number, size):
    topics = [
        Topic.objects.create(name=f"Onderwerp {number}-{n}", slug=f"o-{number}-{n}")
        for n in range(size)
    ]
    body = [{"type": "heading", "value": f"Stap {n}"} for n in range(size)]
    body += [
        {
            "type": "document",
            "value": {"document": make_document(f"{number}-{n}").pk, "label": ""},
        }
        for n in range(size)
    ]
    article = ArticlePage(title=f"Deel {number}", summary="Kort", body=body)
    article.topics = topics
    publication.add_child(instance=article)
    article.save_revision().publish()
    return article


@pytest.fixture
def publication():
    home = HomePage.objects.get()
    index = KnowledgeIndexPage(title="Kennisbank", slug="kennisbank", show_in_menus=True)
    home.add_child(instance=index)
    page = PublicationPage(title="Uitgave", slug="uitgave", author_name="LSTA")
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_an_article_takes_as_many_queries_with_many_topics_and_documents_as_with_one(
    publication, assert_page_queries
):
    add_section(publication, 1, 1)
    small = add_section(publication, 2, 1)
    add_section(publication, 3, 1)
    assert_page_queries(small.url, ARTICLE_QUERIES)

    for number in range(4, 9):
        add_section(publication, number, 1)
    large = add_section(publication, 9, 6)
    add_section(publication, 10, 1)
    response = assert_page_queries(large.url, ARTICLE_QUERIES)
    html = response.content.decode()
    assert "Bijlage 9-5" in html and "Onderwerp 9-5" in html
