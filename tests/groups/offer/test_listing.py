"""The offer a page of cards at a time (groups.offer.listing): page links
keep the filters, the filter form starts at page 1 again, any page number
gives a normal page, and the count says how many there are in plain Dutch."""

import re

import pytest
from django.utils import timezone

from groups.models import GroupKind
from groups.offer import listing
from tests.groups.factories import GroupPageFactory, MeetingFactory, group_index

from .test_views import OFFER_QUERIES

pytestmark = pytest.mark.django_db

# What groups.offer.listing draws per page in these tests: small, so that a
# few groups make several pages.
PER_PAGE = 2


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(listing, "CARDS_PER_PAGE", PER_PAGE)


def circles(count, start=1, **kwargs):
    """`count` savings circles named "Kring 01", "Kring 02", … (by title)."""
    return [
        GroupPageFactory(title=f"Kring {n:02}", kind=GroupKind.SAVINGS_CIRCLE, **kwargs)
        for n in range(start, start + count)
    ]


def titles(html):
    return re.findall(r'waakvlam-group-card__link" href="[^"]*">([^<]+)</a>', html)


def test_page_two_shows_the_next_cards_and_its_links_keep_the_filters(client):
    circles(5)
    GroupPageFactory(title="Budgetcursus", kind=GroupKind.BUDGET_COURSE)
    url = group_index().url

    html = client.get(url, {"kind": "spaarkring", "page": "2"}).content.decode()
    assert titles(html) == ["Kring 03", "Kring 04"]
    assert "U ziet 3 tot en met 4 van de 5 groepen." in html
    assert f'href="{url}?kind=spaarkring"' in html  # page 1: no page number
    assert f'href="{url}?kind=spaarkring&amp;page=3" rel="next"' in html
    assert f'href="{url}?kind=spaarkring" rel="prev"' in html
    assert 'aria-current="page">2</a>' in html
    # The filter form sends only the filters: choosing again starts at page 1.
    assert 'name="page"' not in html

    last = client.get(url, {"kind": "spaarkring", "page": "3"}).content.decode()
    assert titles(last) == ["Kring 05"]
    assert "U ziet nummer 5 van de 5 groepen." in last
    assert 'rel="next"' not in last


@pytest.mark.parametrize("number", ["abc", "", "0", "-1", "1.5", "999", "9" * 5000, "<b>"])
def test_any_page_number_gives_a_normal_page(client, number):
    circles(3)
    response = client.get(group_index().url, {"page": number})
    assert response.status_code == 200
    # Out of range: the last page; not a number: the first.
    expected = ["Kring 03"] if number in ("999", "0", "-1") else ["Kring 01", "Kring 02"]
    assert titles(response.content.decode()) == expected


def test_a_junk_page_number_is_not_in_the_links_or_the_canonical_address(client):
    circles(3)
    url = group_index().url
    html = client.get(url, {"page": "abc", "kind": "bestaat-niet"}).content.decode()
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert f'<link rel="next" href="{url}?page=2">' in html
    links = re.findall(r'href="([^"]*)"', html)
    assert not [link for link in links if "abc" in link or "bestaat-niet" in link]


def test_the_pages_are_an_accessible_navigation_with_dutch_labels(client):
    circles(7)
    html = client.get(group_index().url, {"page": "2"}).content.decode()
    nav = re.search(r'<nav class="utrecht-pagination.*?</nav>', html, re.S).group()
    assert 'aria-label="Pagina’s met groepen"' in nav
    assert 'aria-label="Vorige pagina"' in nav and 'aria-label="Volgende pagina"' in nav
    assert 'aria-label="Pagina 4"' in nav
    assert nav.count('aria-current="page"') == 1
    assert "Aanbod – pagina 2 van 4 – Waakvlam" in html


def test_one_page_has_no_navigation_and_says_just_how_many(client):
    circles(1)
    html = client.get(group_index().url).content.decode()
    assert "1 groep" in html and "U ziet" not in html
    assert "utrecht-pagination" not in html and 'rel="next"' not in html


def test_finished_groups_come_after_the_open_ones_across_the_pages(client):
    past = timezone.now() - timezone.timedelta(days=2)
    finished = GroupPageFactory(title="Afgelopen kring")
    MeetingFactory(group=finished, starts_at=past)
    circles(3)
    url = group_index().url
    first = client.get(url).content.decode()
    assert titles(first) == ["Kring 01", "Kring 02"] and 'id="finished-heading"' not in first
    second = client.get(url, {"page": "2"}).content.decode()
    open_part, finished_part = second.split('id="finished-heading"')
    assert titles(open_part) == ["Kring 03"] and titles(finished_part) == ["Afgelopen kring"]
    assert "4 groepen" in second


def test_a_page_of_only_finished_groups_does_not_say_nothing_matches(client):
    past = timezone.now() - timezone.timedelta(days=2)
    for title in ("Afgelopen A", "Afgelopen B", "Afgelopen C"):
        MeetingFactory(group=GroupPageFactory(title=title), starts_at=past)
    html = client.get(group_index().url, {"page": "2"}).content.decode()
    assert titles(html) == ["Afgelopen C"]
    assert "Geen groep past" not in html and "nog geen groepen" not in html


def test_an_organisations_part_of_the_offer_has_pages_too(client):
    groups = circles(1)
    organisation = groups[0].organisation
    for n in range(2, 4):
        GroupPageFactory(title=f"Kring {n:02}", organisation=organisation)
    part = groups[0].get_parent()
    html = client.get(part.url, {"page": "2"}).content.decode()
    assert titles(html) == ["Kring 03"]
    assert f'href="{part.url}" rel="prev"' in html


def test_query_count_of_a_later_page_does_not_grow_with_groups(assert_page_queries):
    for group in circles(3):
        MeetingFactory(group=group)
    url = group_index().url
    assert_page_queries(url, OFFER_QUERIES, page="2", kind="spaarkring")
    for group in circles(9, start=4):
        MeetingFactory(group=group)
    response = assert_page_queries(url, OFFER_QUERIES, page="2", kind="spaarkring")
    assert titles(response.content.decode()) == ["Kring 03", "Kring 04"]
