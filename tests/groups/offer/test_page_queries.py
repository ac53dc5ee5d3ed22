"""The offer filtered by kind, place or day costs the same queries for a few
groups or many, each with meetings and sign-ups (counted per group in
subqueries, never one by one)."""

import datetime

import pytest
from django.utils import timezone

from groups.models import GroupKind
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory, group_index

pytestmark = pytest.mark.django_db

# One of them counts the groups for the pages (groups.offer.listing).
FILTERED_OFFER_QUERIES = 13
NEXT_TUESDAY = timezone.now() + datetime.timedelta(days=(1 - timezone.now().weekday()) % 7 + 7)


def add_circles(count):
    for _ in range(count):
        group = GroupPageFactory(kind=GroupKind.SAVINGS_CIRCLE, place="Utrecht", capacity=5)
        for weeks in range(3):
            MeetingFactory(group=group, starts_at=NEXT_TUESDAY + datetime.timedelta(weeks=weeks))
        for _ in range(2):
            EnrolmentFactory(group=group, person=UserFactory())


@pytest.mark.parametrize(
    "params",
    [
        {"kind": GroupKind.SAVINGS_CIRCLE},
        {"kind": GroupKind.SAVINGS_CIRCLE, "place": "Utrecht", "weekday": "2"},
    ],
)
def test_the_filtered_offer_takes_as_many_queries_for_eight_groups_as_for_one(
    assert_page_queries, params
):
    index = group_index()
    add_circles(1)
    assert (
        len(
            assert_page_queries(index.url, FILTERED_OFFER_QUERIES, **params).context["cards"][
                "open"
            ]
        )
        == 1
    )
    add_circles(7)
    response = assert_page_queries(index.url, FILTERED_OFFER_QUERIES, **params)
    cards = response.context["cards"]["open"]
    assert len(cards) == 8
    assert {card["places_left"] for card in cards} == {3}
    assert all(card["next_meeting_at"] == NEXT_TUESDAY for card in cards)
