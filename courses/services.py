"""Who completed a course, decided once its last meeting is registered."""

from django.db import transaction
from django.utils import timezone

from groups.models import ATTENDED, Attendance, Enrolment, EnrolmentStatus, GroupPage

from .models import COURSE_KINDS, Completion, CompletionRule
from .signals import course_completed


def completion_rule_for(*, group):
    rule = CompletionRule.objects.filter(group=group).first()
    return rule or CompletionRule(group=group)  # the default rule, not stored


def course_finished(group):
    """Every planned meeting has its attendance registered; cancelled
    meetings do not count. Whichever meeting is registered last finishes the
    course. No clock check: attendance may be saved just before the last
    meeting starts, and nothing would compute the completions after that."""
    meetings = group.meetings.planned()
    return meetings.exists() and not meetings.filter(attendance__isnull=True).exists()


@transaction.atomic
def completions_compute(*, group):
    """Decide who completed the course, once its last meeting is registered.
    New completions send `course_completed`; running it again adds nobody
    twice."""
    if group.kind not in COURSE_KINDS or not course_finished(group):
        return []
    # One computation per group at a time: two trainers saving the last
    # meeting at once would otherwise both create the same completion.
    group = GroupPage.objects.select_for_update().get(pk=group.pk)
    rule = completion_rule_for(group=group)
    meetings = list(group.meetings.planned().order_by("starts_at"))
    first = meetings[0]
    attended = {}
    for person_id, meeting_id in Attendance.objects.filter(
        meeting__in=meetings, status__in=ATTENDED
    ).values_list("person_id", "meeting_id"):
        attended.setdefault(person_id, set()).add(meeting_id)
    done = set(Completion.objects.filter(group=group).values_list("person_id", flat=True))
    participants = Enrolment.objects.filter(
        group=group, status=EnrolmentStatus.ENROLLED
    ).values_list("person_id", flat=True)
    created = []
    for person_id in participants:
        present = attended.get(person_id, set())
        if person_id in done:
            continue
        if rule.first_meeting_required and first.pk not in present:
            continue
        if len(present) * 100 < rule.min_attendance_percent * len(meetings):
            continue
        created.append(
            Completion.objects.create(
                group=group,
                person_id=person_id,
                attended=len(present),
                meetings=len(meetings),
                first_date=timezone.localtime(first.starts_at).date(),
                last_date=timezone.localtime(meetings[-1].starts_at).date(),
            )
        )
    for completion in created:
        transaction.on_commit(
            lambda completion=completion: course_completed.send(
                sender=Completion, completion=completion
            )
        )
    return created
