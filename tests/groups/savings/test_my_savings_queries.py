"""Mijn Waakvlam of someone in savings circles costs the same queries for one
circle or several: as a member with savings, as a member of a circle whose
ledger nobody opened yet, as the bookkeeper and as the trainer."""

import pytest
from django.urls import reverse

from groups.models import GroupKind
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

from .circles import deposit, make_circle

pytestmark = pytest.mark.django_db

# As a trainer too: the groups in their care and their own qualification.
MY_SAVINGS_QUERIES = 39


def add_circles(person):
    """One circle of each kind `person` has to do with, and other members."""
    saved, meeting, trainer, _people = make_circle(3)
    EnrolmentFactory(group=saved.group, person=person)
    deposit(saved, meeting, trainer, {person: "4.00"})
    kept, _meeting, _trainer, _people = make_circle(3)
    EnrolmentFactory(group=kept.group, person=person)
    kept.bookkeeper = person
    kept.save()
    unopened = GroupPageFactory(kind=GroupKind.SAVINGS_CIRCLE)
    EnrolmentFactory(group=unopened, person=person)
    led = GroupPageFactory(kind=GroupKind.SAVINGS_CIRCLE, trainers=[person])
    for _ in range(3):
        EnrolmentFactory(group=led, person=UserFactory())


def test_my_waakvlam_takes_as_many_queries_for_four_sets_of_circles_as_for_one(
    client, assert_page_queries
):
    person = UserFactory()
    add_circles(person)
    client.force_login(person)
    assert_page_queries(reverse("people:my"), MY_SAVINGS_QUERIES)
    for _ in range(3):
        add_circles(person)
    response = assert_page_queries(reverse("people:my"), MY_SAVINGS_QUERIES)
    keeping = response.context["sections"]
    assert any(len(s.context.get("keeping", [])) == 8 for s in keeping)
    assert any(len(s.context.get("cards", [])) == 12 for s in keeping)
