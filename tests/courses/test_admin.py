"""Coordinators manage lessons and completion rules of their own
organisation's courses in the Wagtail admin, and see its completions."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse

from courses.models import Completion, CompletionRule, Lesson
from groups.models import GroupKind
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import GroupPageFactory, MeetingFactory
from tests.helpers import nl

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisations):
    own, other, coordinator = organisations.values()
    course = GroupPageFactory(organisation=own, title="Budgetcursus Oost")
    second_course = GroupPageFactory(organisation=own, title="Budgetcursus West")
    circle = GroupPageFactory(
        organisation=own, title="Spaarkring Oost", kind=GroupKind.SAVINGS_CIRCLE
    )
    other_course = GroupPageFactory(organisation=other, title="Budgetcursus Elders")
    meeting = MeetingFactory(group=course)
    second_meeting = MeetingFactory(group=second_course)
    other_meeting = MeetingFactory(group=other_course)
    lesson = Lesson.objects.create(group=course, meeting=meeting, number=1, title="Post ordenen")
    other_lesson = Lesson.objects.create(
        group=other_course, meeting=other_meeting, number=1, title="Geheime les"
    )
    dates = {"first_date": datetime.date(2026, 9, 1), "last_date": datetime.date(2026, 10, 6)}
    completion = Completion.objects.create(
        group=course, person=UserFactory(full_name="Anna de Vries"), attended=5, meetings=6, **dates
    )
    other_completion = Completion.objects.create(
        group=other_course,
        person=UserFactory(full_name="Kees Elders"),
        attended=6,
        meetings=6,
        **dates,
    )
    return locals()


def url(name, *args):
    return reverse(name, args=args)


def lesson_data(world, **overrides):
    return {
        "group": world["course"].pk,
        "number": 2,
        "title": "Vaste lasten",
        "meeting": "",
        "topic": "",
        "goals": "",
        **overrides,
    }


# ------------------------------------------------------------------ scoping


def test_a_coordinator_sees_only_their_own_lessons(coordinator_client, world):
    html = coordinator_client.get(url("lessons:index")).content.decode()
    assert "Post ordenen" in html
    assert "Geheime les" not in html


def test_another_organisations_lesson_cannot_be_opened(coordinator_client, world):
    assert coordinator_client.get(url("lessons:edit", world["lesson"].pk)).status_code == 200
    assert coordinator_client.get(url("lessons:edit", world["other_lesson"].pk)).status_code == 404
    response = coordinator_client.post(
        url("lessons:edit", world["other_lesson"].pk), lesson_data(world, number=1)
    )
    assert response.status_code == 404
    world["other_lesson"].refresh_from_db()
    assert world["other_lesson"].title == "Geheime les"


def test_the_forms_offer_only_own_courses_and_their_meetings(coordinator_client, world):
    html = coordinator_client.get(url("lessons:add")).content.decode()
    assert "Budgetcursus Oost" in html and "Budgetcursus West" in html
    assert "Budgetcursus Elders" not in html
    assert "Spaarkring Oost" not in html  # not a course

    html = coordinator_client.get(url("lessons:edit", world["lesson"].pk)).content.decode()
    assert f'value="{world["meeting"].pk}"' in html
    assert f'value="{world["second_meeting"].pk}"' not in html

    html = coordinator_client.get(url("completion_rules:add")).content.decode()
    assert "Budgetcursus Oost" in html
    assert "Budgetcursus Elders" not in html and "Spaarkring Oost" not in html


def test_people_without_the_coordinator_role_get_no_course_admin(client, world):
    trainer = MembershipFactory(organisation=world["own"], role=Role.TRAINER).user
    client.force_login(trainer)
    response = client.get(url("lessons:index"))
    assert response.status_code in (302, 403)


# ------------------------------------------------------------------ lessons


def test_a_lesson_is_added_for_a_meeting_of_its_group(coordinator_client, world):
    meeting = MeetingFactory(group=world["course"])
    response = coordinator_client.post(
        url("lessons:add"), lesson_data(world, meeting=meeting.pk, goals="Overzicht")
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get(number=2, group=world["course"])
    assert (lesson.meeting, lesson.title) == (meeting, "Vaste lasten")


def test_a_meeting_of_another_group_is_refused_with_a_message(coordinator_client, world):
    response = coordinator_client.post(
        url("lessons:add"), lesson_data(world, meeting=world["second_meeting"].pk)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["meeting"] == [
        nl("This meeting belongs to another group. Choose a meeting of this group.")
    ]
    assert 'value="Vaste lasten"' in response.content.decode()  # what was typed stays
    assert not Lesson.objects.filter(title="Vaste lasten").exists()


def test_a_meeting_of_another_organisation_cannot_be_chosen(coordinator_client, world):
    response = coordinator_client.post(
        url("lessons:add"), lesson_data(world, meeting=world["other_meeting"].pk)
    )
    assert response.status_code == 200
    assert "meeting" in response.context["form"].errors
    assert not Lesson.objects.filter(title="Vaste lasten").exists()


def test_a_lesson_number_is_used_once_per_course(coordinator_client, world):
    response = coordinator_client.post(url("lessons:add"), lesson_data(world, number=1))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Lesson.objects.filter(group=world["course"]).count() == 1


def test_a_lesson_cannot_be_added_to_a_savings_circle(coordinator_client, world):
    response = coordinator_client.post(
        url("lessons:add"), lesson_data(world, group=world["circle"].pk)
    )
    assert response.status_code == 200
    assert "group" in response.context["form"].errors


# --------------------------------------------------------- completion rules


def rule_data(world, percent, **overrides):
    return {
        "group": world["course"].pk,
        "min_attendance_percent": percent,
        "first_meeting_required": "on",
        **overrides,
    }


@pytest.mark.parametrize("percent", ["0", "101", "-5", "abc", ""])
def test_a_percentage_outside_1_to_100_gets_a_clear_message(coordinator_client, world, percent):
    response = coordinator_client.post(url("completion_rules:add"), rule_data(world, percent))
    assert response.status_code == 200
    errors = response.context["form"].errors["min_attendance_percent"]
    assert errors
    if percent in ("0", "101", "-5"):
        assert errors == [nl("Fill in a percentage from 1 to 100.")]
    assert not CompletionRule.objects.exists()


@pytest.mark.parametrize("percent", [1, 100])
def test_the_percentage_may_be_1_to_100(coordinator_client, world, percent):
    response = coordinator_client.post(url("completion_rules:add"), rule_data(world, percent))
    assert response.status_code == 302
    rule = CompletionRule.objects.get()
    assert (rule.group, rule.min_attendance_percent) == (world["course"], percent)
    assert rule.first_meeting_required


def test_a_course_has_one_rule_and_a_savings_circle_none(coordinator_client, world):
    CompletionRule.objects.create(group=world["course"])
    response = coordinator_client.post(url("completion_rules:add"), rule_data(world, 80))
    assert response.status_code == 200
    response = coordinator_client.post(
        url("completion_rules:add"), rule_data(world, 80, group=world["circle"].pk)
    )
    assert response.status_code == 200
    assert "group" in response.context["form"].errors
    assert CompletionRule.objects.count() == 1


def test_another_organisations_rule_cannot_be_opened(coordinator_client, world):
    rule = CompletionRule.objects.create(group=world["other_course"])
    assert coordinator_client.get(url("completion_rules:edit", rule.pk)).status_code == 404


# -------------------------------------------------------------- completions


def test_completions_are_listed_per_organisation_and_read_only(coordinator_client, world):
    html = coordinator_client.get(url("completions:index")).content.decode()
    assert "Anna de Vries" in html and "Kees Elders" not in html
    assert url("completions:inspect", world["completion"].pk) in html

    response = coordinator_client.get(url("completions:inspect", world["completion"].pk))
    assert response.status_code == 200
    assert world["completion"].get_absolute_url() in response.content.decode()
    other = url("completions:inspect", world["other_completion"].pk)
    assert coordinator_client.get(other).status_code == 404


def test_completions_have_no_add_edit_or_delete(world):
    for name, args in [
        ("completions:add", []),
        ("completions:edit", [world["completion"].pk]),
        ("completions:delete", [world["completion"].pk]),
    ]:
        with pytest.raises(NoReverseMatch):
            reverse(name, args=args)


def test_a_lesson_stays_editable_when_its_group_is_no_longer_a_course(coordinator_client, world):
    """The group is read-only on the edit form; an error on it would be a
    server error."""
    course = world["course"]
    course.kind = GroupKind.PEER_SUPPORT
    course.save()
    data = lesson_data(
        world, number=1, title="Post ordenen en bewaren", meeting=world["meeting"].pk
    )
    response = coordinator_client.post(url("lessons:edit", world["lesson"].pk), data)
    assert response.status_code == 302
    world["lesson"].refresh_from_db()
    assert world["lesson"].title == "Post ordenen en bewaren"
