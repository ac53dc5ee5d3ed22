import pytest
from wagtail.models import PageViewRestriction

from knowledge.models import ArticlePage, KnowledgeIndexPage
from website.models import HomePage

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_public_pages_but_no_drafts_or_private_pages(client):
    home = HomePage.objects.get()
    index = home.add_child(instance=KnowledgeIndexPage(title="Kennisbank", slug="kennisbank"))
    index.add_child(instance=ArticlePage(title="Openbaar", slug="openbaar"))
    draft = index.add_child(instance=ArticlePage(title="Concept", slug="concept", live=False))
    private = index.add_child(instance=ArticlePage(title="Besloten", slug="besloten"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/kennisbank/openbaar/" in xml
    assert "/privacy/" in xml and "/toegankelijkheid/" in xml
    assert f"/kennisbank/{draft.slug}/" not in xml
    assert "/kennisbank/besloten/" not in xml
