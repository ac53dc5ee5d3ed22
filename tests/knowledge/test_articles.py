import re

import pytest
from wagtail.models import PageViewRestriction

from knowledge.models import ArticlePage, KnowledgeIndexPage, PublicationPage, Topic
from website.models import HomePage

pytestmark = pytest.mark.django_db

WORDS = " ".join(["woord"] * 450)
# However many articles there are (the lists are sliced, topics prefetched).
INDEX_QUERIES = 17


@pytest.fixture
def index():
    home = HomePage.objects.get()
    page = KnowledgeIndexPage(title="Kennisbank", slug="kennisbank", show_in_menus=True)
    home.add_child(instance=page)
    return page


def add_article(parent, title, body=(), **kwargs):
    article = ArticlePage(title=title, body=list(body), **kwargs)
    parent.add_child(instance=article)
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def long_body():
    return [
        {"type": "heading", "value": "Eerste stap"},
        {"type": "paragraph", "value": f"<p>{WORDS}</p><ul><li>een punt</li></ul>"},
        {"type": "heading", "value": "Tweede stap"},
        {"type": "quote", "value": {"text": "Samen lukt het.", "source": "Een deelnemer"}},
        {"type": "heading", "value": "Derde stap"},
        {"type": "callout", "value": {"title": "Let op", "text": "<p>Bel op tijd.</p>"}},
    ]


def headings(html):
    return [int(level) for level in re.findall(r"<h([1-6])\b", html)]


def test_article_shows_reading_time_last_update_and_a_linked_table_of_contents(client, index):
    article = add_article(index, "Stappenplan", long_body(), summary="Kort gezegd.")
    assert article.reading_time() == 3  # 450 + a few words at 200 a minute
    html = client.get(article.url).content.decode()
    assert "css/knowledge.css" in html
    assert "Leestijd: 3 min." in html or "Reading time: 3 min." in html
    assert article.last_published_at.strftime("%Y") in html
    for anchor in ("eerste-stap", "tweede-stap", "derde-stap"):
        assert f'href="#{anchor}"' in html
        assert f'id="{anchor}"' in html
    assert "<li>een punt</li>" in html
    assert headings(html).count(1) == 1
    levels = headings(html)
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_short_article_has_no_table_of_contents_and_reads_in_at_least_a_minute(client, index):
    article = add_article(index, "Kort", [{"type": "heading", "value": "Alleen"}])
    assert article.reading_time() == 1
    assert article.table_of_contents() == [("alleen", "Alleen")]
    html = client.get(article.url).content.decode()
    assert 'id="toc-heading"' not in html


def test_publication_lists_its_sections_and_sections_link_to_each_other(client, index):
    publication = PublicationPage(
        title="Nazorg",
        slug="nazorg",
        author_name="LSTA",
        author_url="https://www.lsta.nl",
        year=2024,
    )
    index.add_child(instance=publication)
    publication.save_revision().publish()
    first, second, third = (add_article(publication, title) for title in ("Een", "Twee", "Drie"))

    html = client.get(publication.url).content.decode()
    assert 'href="https://www.lsta.nl"' in html and "2024" in html
    positions = [html.index(f'href="{page.url}"') for page in (first, second, third)]
    assert positions == sorted(positions)

    middle = client.get(second.url)
    assert middle.context["previous_section"].pk == first.pk
    assert middle.context["next_section"].pk == third.pk
    text = middle.content.decode()
    assert f'rel="prev" href="{first.url}"' in text
    assert f'rel="next" href="{third.url}"' in text
    assert 'href="https://www.lsta.nl"' in text

    start = client.get(first.url).content.decode()
    assert 'rel="prev"' not in start and f'rel="next" href="{second.url}"' in start
    assert 'rel="next"' not in client.get(third.url).content.decode()


def test_the_index_lists_only_live_public_pages(client, index):
    add_article(index, "Gepubliceerd artikel")
    draft = ArticlePage(title="Concept artikel", live=False)
    index.add_child(instance=draft)
    private = add_article(index, "Besloten artikel")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    hidden_publication = PublicationPage(title="Verborgen uitgave", author_name="X", live=False)
    index.add_child(instance=hidden_publication)

    html = client.get(index.url).content.decode()
    assert "Gepubliceerd artikel" in html
    assert "Concept artikel" not in html
    assert "Besloten artikel" not in html
    assert "Verborgen uitgave" not in html


def test_the_index_filters_by_topic(client, index):
    topic = Topic.objects.create(name="Vrijwilligers", slug="vrijwilligers")
    tagged = add_article(index, "Over vrijwilligers")
    tagged.topics.add(topic)
    tagged.save_revision().publish()
    add_article(index, "Over iets anders")
    response = client.get(index.url, {"onderwerp": "vrijwilligers"})
    assert response.context["topic"] == topic
    assert [a.pk for a in response.context["topic_articles"]] == [tagged.pk]


def test_the_index_needs_as_many_queries_for_40_articles_as_for_10(index, assert_page_queries):
    topic = Topic.objects.create(name="Nazorg", slug="nazorg")
    publication = PublicationPage(title="Uitgave", slug="uitgave", author_name="LSTA")
    index.add_child(instance=publication)
    publication.save_revision().publish()

    def add(count):
        for number in range(count):
            article = ArticlePage(title=f"Artikel {number}", summary="Samenvatting")
            article.topics = [topic]
            index.add_child(instance=article)

    add(10)
    assert_page_queries(index.url, INDEX_QUERIES)
    add(30)  # past the ten recent articles the page lists
    assert_page_queries(index.url, INDEX_QUERIES)
