"""The knowledge base as a reader without an account walks it: from the main
menu to the white paper "Nazorg", its contents and sections, the search, the
local agreements and the social map. axe-core checks every page on the way.

Elements are found by id, name, rel and href, not by text where the Dutch
translations may still change.
"""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import AgreementKind, ArticlePage, KnowledgeIndexPage, LifeArea
from knowledge.whitepaper import import_whitepaper
from website.demo.knowledge import seed_knowledge_extras

from .helpers import path_of, submit_button

pytestmark = pytest.mark.browser

SEARCH = "/zoeken/"


@pytest.fixture
def knowledge_base():
    publication, _ = import_whitepaper()
    seed_knowledge_extras()
    return publication


def test_reader_walks_publication_search_agreements_and_social_map(
    page, url, check_a11y, knowledge_base
):
    publication = knowledge_base
    index = KnowledgeIndexPage.objects.get()
    sections = list(ArticlePage.objects.child_of(publication).live().order_by("path"))
    assert len(sections) == 9

    # Home -> the Kennisbank from the main menu.
    page.goto(url("/"))
    check_a11y()
    page.locator(f"header nav a[href='{index.url}']").click()
    page.wait_for_url(f"**{index.url}")
    assert path_of(page) == "/kennisbank/"
    check_a11y()
    expect(page.locator("main h1")).to_have_text(index.title)

    # The publication and its table of contents.
    page.locator(f"main a[href='{publication.url}']").first.click()
    page.wait_for_url(f"**{publication.url}")
    check_a11y()
    expect(page.locator("main h1")).to_have_text("Nazorg")
    toc = page.locator("main nav.waakvlam-toc li a")
    expect(toc).to_have_count(9)

    # A section, then "next".
    first, second = sections[0], sections[1]
    toc.first.click()
    page.wait_for_url(f"**{first.url}")
    check_a11y()
    expect(page.locator("main h1")).to_have_text(first.title)
    expect(page.locator("a[rel=prev]")).to_have_count(0)
    page.locator("a[rel=next]").click()
    page.wait_for_url(f"**{second.url}")
    check_a11y()
    expect(page.locator("main h1")).to_have_text(second.title)
    expect(page.locator(f"a[rel=prev][href='{first.url}']")).to_be_visible()

    # Search: the form on the search page, a result, follow it.
    page.goto(url(SEARCH))
    check_a11y()
    page.fill("#search-q", "vrijwilligers")
    with page.expect_navigation():
        submit_button(page, "q").click()
    assert path_of(page) == SEARCH
    check_a11y()
    results = page.locator("main .waakvlam-results__item a[href^='/']")
    expect(results.first).to_be_visible()
    target = results.first.get_attribute("href")
    results.first.click()
    page.wait_for_url(f"**{target}")
    check_a11y()
    expect(page.locator("main h1")).to_have_count(1)

    # Local agreements: filter on type (GET form), open one.
    agreements_path = f"{index.url}lokale-afspraken/"
    page.goto(url(agreements_path))
    check_a11y()
    items = page.locator("main .waakvlam-results__item")
    expect(items).to_have_count(3)
    page.select_option("#filter-type", AgreementKind.COVENANT.value)
    with page.expect_navigation():
        submit_button(page, "type").click()
    assert f"type={AgreementKind.COVENANT.value}" in page.url
    check_a11y()
    expect(items).to_have_count(1)
    expect(page.locator("#filter-type")).to_have_value(AgreementKind.COVENANT.value)
    items.first.locator("h2 a").click()
    page.wait_for_url("**/voorbeeld-convenant-bewindvoering-utrecht/")
    check_a11y()
    expect(page.locator("main h1")).to_contain_text("Convenant beschermingsbewind Utrecht")
    parties = page.locator("main section[aria-labelledby=parties-heading] li")
    expect(parties).to_have_count(3)
    expect(parties.first).to_contain_text("Gemeente Utrecht")
    expect(page.locator("main .waakvlam-facts")).to_contain_text(
        re.compile(r"vastgesteld|geldig|adopted|in force|actief|active", re.I)
    )

    # Social map: filter on a need.
    page.goto(url(f"{index.url}sociale-kaart/"))
    check_a11y()
    services = page.locator("main .waakvlam-results__item")
    everything = services.count()
    assert everything > 1
    page.select_option("#filter-need", LifeArea.HOUSING.value)
    with page.expect_navigation():
        submit_button(page, "need").click()
    assert f"need={LifeArea.HOUSING.value}" in page.url
    check_a11y()
    expect(page.locator("#filter-need")).to_have_value(LifeArea.HOUSING.value)
    expect(services).to_have_count(2)


def test_search_with_a_very_long_query_gives_a_normal_page(page, url, check_a11y):
    response = page.goto(url(SEARCH + "?q=" + "a" * 5000))
    assert response.status == 200
    check_a11y()
    expect(page.locator("main h1")).to_have_count(1)
    assert len(page.locator("#search-q").input_value()) <= 200
