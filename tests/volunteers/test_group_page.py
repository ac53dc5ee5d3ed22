"""What the volunteers app adds to a training's group page: the
competencies its completion records, through the GROUP_PAGE_SECTION hook."""

import re

import pytest
from django.template.loader import render_to_string

from tests.groups.factories import GroupPageFactory
from tests.helpers import group_page_section, nl, squeezed
from tests.volunteers.factories import TrainingFactory, VolunteerProfileFactory
from volunteers.models import Competency, TrainingCompetency

pytestmark = pytest.mark.django_db

TEMPLATE = "volunteers/group_page_competencies.html"


def competencies_section(page):
    return group_page_section(page, TEMPLATE)


def test_a_training_shows_the_competencies_it_awards():
    training = TrainingFactory(awards=["gespreksvoering", "privacy-avg"])
    section = competencies_section(training)
    # By category ("Kennis" before "Vaardigheden"), then name.
    assert section.context == {
        "competencies": [
            Competency.objects.get(slug="privacy-avg"),
            Competency.objects.get(slug="gespreksvoering"),
        ]
    }


def test_a_training_that_awards_nothing_and_other_groups_show_no_section():
    assert competencies_section(TrainingFactory()) is None
    course = GroupPageFactory()
    # Only a training's completion records competencies.
    TrainingCompetency.objects.create(
        training=course, competency=Competency.objects.get(slug="gespreksvoering")
    )
    assert competencies_section(course) is None


def test_the_section_has_the_markup_of_the_group_page(client):
    training = TrainingFactory(awards=["privacy-avg", "gespreksvoering"])
    profile = VolunteerProfileFactory(organisation=training.organisation)
    client.force_login(profile.user)  # trainings are shown to volunteers
    html = client.get(training.url).content.decode()
    on_the_page = re.search(
        r'<section aria-labelledby="competencies-heading">.*?</section>', html, re.S
    ).group(0)
    section = competencies_section(training)
    rendered = render_to_string(section.template, {"section": section.context})
    assert squeezed(rendered) == squeezed(on_the_page)


# The most queries a training's page needs today; more would be a regression.
# (Wagtail routes through the organisation's part of the offer: a child
# and its specific page per level; one for whether the group has finished,
# one for whether it is paused.)
MOST_QUERIES = 28


def test_a_training_page_lists_its_competencies_in_a_fixed_number_of_queries(
    client, assert_page_queries
):
    profile = VolunteerProfileFactory()
    competencies = list(Competency.objects.all())
    training = TrainingFactory(organisation=profile.organisation, awards=competencies[:1])
    client.force_login(profile.user)  # trainings are shown to volunteers
    assert_page_queries(training.url, MOST_QUERIES)
    for competency in competencies[1:]:
        TrainingCompetency.objects.create(training=training, competency=competency)
    html = client.get(training.url).content.decode()
    assert nl("Competencies") in html
    assert all(competency.name in html for competency in competencies)
    assert_page_queries(training.url, MOST_QUERIES)
