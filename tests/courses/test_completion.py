"""Who completes a course: computed when the last meeting is registered,
from attendance and the group's completion rule."""

import datetime

import pytest
from django.utils import timezone

from courses import services
from courses.models import Completion, CompletionRule
from courses.signals import course_completed
from groups.attendance import services as attendance_services
from groups.models import AttendanceStatus, GroupKind
from groups.offer import services as offer_services
from tests.courses.factories import course_with_trainer, participant, past_meetings
from tests.groups.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PRESENT, LATE, EXCUSED, ABSENT = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)


@pytest.fixture
def register(django_capture_on_commit_callbacks):
    """Save attendance as a trainer does; what waits for the commit runs."""

    def _register(meeting, statuses, by):
        with django_capture_on_commit_callbacks(execute=True):
            attendance_services.attendance_record(
                meeting=meeting, statuses={p.pk: s for p, s in statuses.items()}, by=by
            )

    return _register


@pytest.fixture
def completed():
    """Every (person, completion) that `course_completed` announced."""
    calls = []

    def receiver(sender, completion, **kwargs):
        calls.append((completion.person_id, completion))

    course_completed.connect(receiver, dispatch_uid="test-course-completed")
    yield calls
    course_completed.disconnect(dispatch_uid="test-course-completed")


def attend(register, meetings, person, pattern, trainer):
    """Register `person` per meeting: "x" there, "l" late, "e" excused, "-" absent."""
    codes = {"x": PRESENT, "l": LATE, "e": EXCUSED, "-": ABSENT}
    for meeting, code in zip(meetings, pattern, strict=True):
        register(meeting, {person: codes[code]}, trainer)


@pytest.mark.parametrize(
    ("percent", "pattern", "passes"),
    [
        (75, "xx-x", True),  # exactly 75 %
        (76, "xx-x", False),  # just below the rule
        (75, "x--x", False),
        (60, "xx-x-", True),  # exactly 60 %
        (61, "xx-x-", False),
        (100, "xxxx", True),
        (100, "xxx-", False),
        (1, "x---", True),
        (75, "xl-x", True),  # late counts as there
        (75, "xe-x", False),  # excused does not
    ],
)
def test_the_rule_decides_at_exactly_n_percent(register, percent, pattern, passes):
    group, trainer = course_with_trainer()
    CompletionRule.objects.create(group=group, min_attendance_percent=percent)
    person = participant(group)
    meetings = past_meetings(group, len(pattern))
    attend(register, meetings, person, pattern, trainer)

    completion = Completion.objects.filter(group=group, person=person).first()
    assert (completion is not None) is passes
    if passes:
        assert completion.attended == pattern.count("x") + pattern.count("l")
        assert completion.meetings == len(pattern)
        assert completion.first_date == timezone.localtime(meetings[0].starts_at).date()
        assert completion.last_date == timezone.localtime(meetings[-1].starts_at).date()


def test_without_a_stored_rule_75_percent_and_the_first_meeting_count(register):
    group, trainer = course_with_trainer()
    passes, too_few, missed_first = participant(group), participant(group), participant(group)
    meetings = past_meetings(group, 4)
    attend(register, meetings, passes, "xx-x", trainer)
    attend(register, meetings, too_few, "x--x", trainer)
    attend(register, meetings, missed_first, "-xxx", trainer)
    assert set(Completion.objects.values_list("person", flat=True)) == {passes.pk}


@pytest.mark.parametrize(("required", "passes"), [(True, False), (False, True)])
def test_missing_the_first_meeting_fails_only_when_it_is_required(register, required, passes):
    group, trainer = course_with_trainer()
    CompletionRule.objects.create(
        group=group, min_attendance_percent=75, first_meeting_required=required
    )
    person = participant(group)
    attend(register, past_meetings(group, 4), person, "-xxx", trainer)
    assert Completion.objects.filter(person=person).exists() is passes


def test_computed_only_when_every_planned_meeting_is_registered_in_any_order(register):
    group, trainer = course_with_trainer()
    person = participant(group)
    first, second, third = past_meetings(group, 3)
    register(third, {person: PRESENT}, trainer)  # the last one first
    register(first, {person: PRESENT}, trainer)
    assert not Completion.objects.exists()
    register(second, {person: PRESENT}, trainer)
    assert Completion.objects.get().person == person


def test_a_future_meeting_without_attendance_keeps_the_course_open(register):
    group, trainer = course_with_trainer()
    person = participant(group)
    meetings = past_meetings(group, 3)
    MeetingFactory(group=group)  # next week
    attend(register, meetings, person, "xxx", trainer)
    assert not Completion.objects.exists()


def test_the_last_meeting_registered_before_it_starts_still_finishes_the_course(register):
    """Trainers may register on the day itself, before the start time."""
    group, trainer = course_with_trainer()
    person = participant(group)
    meetings = past_meetings(group, 3)
    soon = timezone.now() + datetime.timedelta(minutes=30)
    last = MeetingFactory(group=group, starts_at=soon)
    attend(register, [*meetings, last], person, "xxxx", trainer)
    assert Completion.objects.get().meetings == 4


def test_cancelled_meetings_do_not_count(register):
    group, trainer = course_with_trainer()
    person = participant(group)
    meetings = past_meetings(group, 5)
    offer_services.meeting_cancel(meeting=meetings[2])
    attend(register, meetings[:2] + meetings[3:], person, "xx-x", trainer)
    completion = Completion.objects.get()
    assert (completion.attended, completion.meetings) == (3, 4)


def test_cancelling_the_only_unregistered_meeting_finishes_the_course(
    register, django_capture_on_commit_callbacks
):
    """No attendance is saved for a meeting that did not take place; its
    cancellation is what completes the course."""
    group, trainer = course_with_trainer()
    person = participant(group)
    meetings = past_meetings(group, 4)
    attend(register, meetings[:3], person, "xxx", trainer)
    assert not Completion.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        offer_services.meeting_cancel(meeting=meetings[3])
    assert Completion.objects.get().meetings == 3


def test_running_again_creates_nothing_twice(register):
    group, trainer = course_with_trainer()
    person = participant(group)
    meetings = past_meetings(group, 2)
    attend(register, meetings, person, "xx", trainer)
    assert Completion.objects.count() == 1
    assert services.completions_compute(group=group) == []
    register(meetings[0], {person: PRESENT}, trainer)  # saved again
    assert Completion.objects.count() == 1


def test_a_correction_that_makes_someone_pass_adds_only_them(register):
    group, trainer = course_with_trainer()
    first, late_pass = participant(group), participant(group)
    meetings = past_meetings(group, 2)
    for meeting in meetings:
        register(meeting, {first: PRESENT, late_pass: ABSENT}, trainer)
    register(meetings[1], {late_pass: PRESENT}, trainer)
    assert Completion.objects.count() == 1  # first was absent at the first meeting
    register(meetings[0], {late_pass: PRESENT}, trainer)
    assert set(Completion.objects.values_list("person", flat=True)) == {first.pk, late_pass.pk}


def test_course_completed_is_sent_once_per_person_with_the_completion(register, completed):
    group, trainer = course_with_trainer()
    anna, bert, cor = participant(group), participant(group), participant(group)
    meetings = past_meetings(group, 2)
    for meeting in meetings:
        register(meeting, {anna: PRESENT, bert: PRESENT, cor: ABSENT}, trainer)
    register(meetings[1], {anna: LATE, bert: PRESENT, cor: ABSENT}, trainer)  # again
    services.completions_compute(group=group)

    assert sorted(person_id for person_id, _ in completed) == sorted([anna.pk, bert.pk])
    for person_id, completion in completed:
        assert completion == Completion.objects.get(person_id=person_id, group=group)


def test_only_courses_and_trainings_have_completions(register):
    group, trainer = course_with_trainer(kind=GroupKind.PEER_SUPPORT)
    person = participant(group)
    attend(register, past_meetings(group, 2), person, "xx", trainer)
    assert not Completion.objects.exists()


def test_a_training_completes_like_a_course(register, completed):
    group, trainer = course_with_trainer(kind=GroupKind.TRAINING)
    person = participant(group)
    attend(register, past_meetings(group, 2), person, "xx", trainer)
    assert [person_id for person_id, _ in completed] == [person.pk]
