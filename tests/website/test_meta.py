"""Every public page tells search engines and link previews what it is: a
meta description (the editor's, or the page's own text) and Open Graph
title and description; robots.txt keeps robots out of accounts, the admin
and personal pages and names the sitemap."""

import html
import re

import pytest
from wagtail.models import get_page_models
from wagtail.rich_text import RichText

from groups.models import GroupPage
from knowledge.models import (
    AgreementIndexPage,
    AgreementPage,
    ArticlePage,
    KnowledgeIndexPage,
    PublicationPage,
    SocialMapPage,
)
from tests.groups.factories import GroupPageFactory
from website.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"website", "groups", "knowledge", "courses", "volunteers", "people"}


def meta(response, attribute, name):
    found = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', response.content.decode()
    )
    return html.unescape(found.group(1)) if found else None


@pytest.fixture
def one_page_of_each_type():
    """A live page of every type, none with a search description."""
    group = GroupPageFactory(intro="Samen sparen voor een buffer.")
    home = HomePage.objects.get()
    knowledge = home.add_child(
        instance=KnowledgeIndexPage(title="Kennisbank", intro="<p>Alles over nazorg.</p>")
    )
    publication = knowledge.add_child(
        instance=PublicationPage(
            title="Nazorg", author_name="LSTA", intro="<p>Wat nazorg <b>is</b>.</p>"
        )
    )
    article = publication.add_child(
        instance=ArticlePage(
            title="Wat is nazorg?",
            body=[("paragraph", RichText("<p>Nazorg is <i>steun</i> na de schulden.</p>"))],
        )
    )
    agreements = knowledge.add_child(
        instance=AgreementIndexPage(title="Afspraken", intro="<p>Lokale afspraken.</p>")
    )
    agreement = agreements.add_child(
        instance=AgreementPage(
            title="Convenant", kind="convenant", municipality="Utrecht", intro="Over bewind."
        )
    )
    social_map = knowledge.add_child(instance=SocialMapPage(title="Sociale kaart"))
    return {
        HomePage: (home, "Had u schulden"),
        StandardPage: (StandardPage.objects.get(slug="privacy"), "Hier leest u"),
        type(group.get_parent().get_parent().specific): (group.get_parent().get_parent(), None),
        type(group.get_parent().specific): (group.get_parent(), None),
        GroupPage: (group, "Samen sparen voor een buffer."),
        KnowledgeIndexPage: (knowledge, "Alles over nazorg."),
        PublicationPage: (publication, "Wat nazorg is."),
        ArticlePage: (article, "Nazorg is steun na de schulden."),
        AgreementIndexPage: (agreements, "Lokale afspraken."),
        AgreementPage: (agreement, "Over bewind."),
        SocialMapPage: (social_map, None),  # no text of its own: the site's
    }


def test_every_public_page_type_has_a_description_and_open_graph(client, one_page_of_each_type):
    ours = {m for m in get_page_models() if m._meta.app_label in PROJECT_APPS}
    assert ours <= set(one_page_of_each_type), "a page type is missing from this walk"
    for page_type, (page, own_text) in one_page_of_each_type.items():
        response = client.get(page.url)
        assert response.status_code == 200, page_type
        description = meta(response, "name", "description")
        assert description, f"{page_type.__name__} has no description"
        if own_text:
            assert description.startswith(own_text), (page_type.__name__, description)
        assert meta(response, "property", "og:description") == description
        assert meta(response, "property", "og:title") == (page.seo_title or page.title)
        assert meta(response, "property", "og:url").endswith(page.url)


def test_the_editors_search_description_comes_first_and_long_text_is_shortened(client):
    home = HomePage.objects.get()
    home.search_description = "Groepen bij u in de buurt."
    home.save()
    assert meta(client.get("/"), "name", "description") == "Groepen bij u in de buurt."
    page = home.add_child(instance=StandardPage(title="Lang", intro="woord " * 200))
    assert len(meta(client.get(page.url), "name", "description")) <= 160


@pytest.mark.parametrize("path", ["/zoeken/", "/account/login/", "/account/signup/"])
def test_screens_that_are_not_pages_have_the_sites_description(client, path):
    response = client.get(path)
    assert meta(response, "name", "description")
    assert meta(response, "property", "og:title")


def test_robots_txt_keeps_robots_out_of_personal_pages_and_names_the_sitemap(client, settings):
    settings.SITE_URL = "https://waakvlam.example.org"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for path in ["/admin/", "/account/", "/mijn/", "/groepen/", "/documenten/"]:
        assert f"Disallow: {path}" in lines
    assert "Sitemap: https://waakvlam.example.org/sitemap.xml" in lines
    # The offer and the knowledge base stay open.
    assert not any(line in ("Disallow: /", "Disallow: /aanbod/") for line in lines)
