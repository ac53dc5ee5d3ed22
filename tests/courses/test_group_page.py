"""What the courses app adds to a group page: its lessons, through the
GROUP_PAGE_SECTION hook."""

import re

import pytest
from django.template.loader import render_to_string

from courses.models import Lesson
from tests.courses.factories import course_with_trainer
from tests.groups.factories import GroupPageFactory, MeetingFactory
from tests.helpers import group_page_section, squeezed

pytestmark = pytest.mark.django_db

TEMPLATE = "courses/group_page_lessons.html"


def lessons_section(page):
    return group_page_section(page, TEMPLATE)


def test_a_course_shows_its_lessons_in_order():
    group = GroupPageFactory()
    second = Lesson.objects.create(group=group, number=2, title="Vaste lasten")
    first = Lesson.objects.create(group=group, number=1, title="Post ordenen")
    Lesson.objects.create(group=GroupPageFactory(), number=1, title="Les van een ander")
    assert lessons_section(group).context == {"lessons": [first, second]}


def test_a_group_without_lessons_has_no_lessons_section():
    assert lessons_section(GroupPageFactory()) is None


def test_the_section_has_the_markup_of_the_group_page(client):
    group = GroupPageFactory()
    Lesson.objects.create(
        group=group, number=1, title="Post ordenen", topic="Ordenen", goals="Overzicht\nen rust"
    )
    Lesson.objects.create(group=group, number=2, title="Vaste lasten")
    html = client.get(group.url).content.decode()
    on_the_page = re.search(
        r'<section aria-labelledby="lessons-heading">.*?</section>', html, re.S
    ).group(0)
    section = lessons_section(group)
    rendered = render_to_string(section.template, {"section": section.context})
    assert squeezed(rendered) == squeezed(on_the_page)


# The most queries a course's page needs today; more would be a regression.
# (Wagtail routes through the organisation's part of the offer: a child
# and its specific page per level; one for whether the group has finished,
# one for whether it is paused.)
MOST_QUERIES = 20


def test_the_group_page_lists_its_lessons_in_a_fixed_number_of_queries(client, assert_page_queries):
    group, _trainer = course_with_trainer()
    meeting = MeetingFactory(group=group)
    Lesson.objects.create(
        group=group, meeting=meeting, number=1, title="Post ordenen", goals="Overzicht"
    )
    assert_page_queries(group.url, MOST_QUERIES)
    html = client.get(group.url).content.decode()
    assert 'id="lessons-heading"' in html and "Post ordenen" in html
    for number in range(2, 12):
        Lesson.objects.create(
            group=group, meeting=MeetingFactory(group=group), number=number, title=f"Les {number}"
        )
    assert_page_queries(group.url, MOST_QUERIES)


def test_a_group_without_lessons_shows_no_lessons_section(client):
    group = GroupPageFactory()
    assert 'id="lessons-heading"' not in client.get(group.url).content.decode()
