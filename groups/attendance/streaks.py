"""Streaks of missed meetings: the counts behind attention signals.

Counting back from a person's most recent registered meeting:

- "absent" (without notice) adds one to the unannounced streak, which
  raises the attention signal (ATTENTION_MISSED_IN_A_ROW);
- "excused" (met bericht afwezig) adds one to the announced streak, which
  raises the softer signal (ATTENTION_EXCUSED_IN_A_ROW);
- "present" or "late" ends both streaks: the person came;
- an absence of the other kind neither adds to nor ends a streak: the
  person did not come then either, so "absent, excused, absent" is two
  unannounced absences in a row, and someone excused every week still
  builds up the softer streak;
- a meeting without a row for the person (they joined later, or the
  trainer left them out) is skipped;
- after someone recorded an outcome for the person's signal, counting
  starts again: only meetings after that moment count (`since`), so the
  same streak does not raise a new signal the next week.
"""

from dataclasses import dataclass

from .models import ATTENDED, Attendance, AttendanceStatus

# Enough history for any sensible threshold, in one query.
LOOK_BACK = 20


@dataclass(frozen=True)
class Streak:
    absent: int = 0
    excused: int = 0


def count_streak(statuses):
    """The Streak of `statuses`, newest first (None: not registered)."""
    absent = excused = 0
    for status in statuses:
        if status in ATTENDED:
            break
        if status == AttendanceStatus.ABSENT:
            absent += 1
        elif status == AttendanceStatus.EXCUSED:
            excused += 1
    return Streak(absent=absent, excused=excused)


def streaks(*, group, since=None):
    """{person_id: Streak} over the group's most recent registered meetings,
    for each person only those starting after `since[person_id]` when
    given: two queries whatever the number of people."""
    since = since or {}
    meetings = list(
        group.meetings.planned()
        .filter(attendance__isnull=False)
        .distinct()
        .order_by("-starts_at")
        .values_list("pk", "starts_at")[:LOOK_BACK]
    )
    by_person = {}
    for person_id, meeting_id, status in Attendance.objects.filter(
        meeting_id__in=[pk for pk, _starts in meetings]
    ).values_list("person_id", "meeting_id", "status"):
        by_person.setdefault(person_id, {})[meeting_id] = status
    return {
        person_id: count_streak(
            statuses.get(meeting_id)
            for meeting_id, starts_at in meetings
            if person_id not in since or starts_at > since[person_id]
        )
        for person_id, statuses in by_person.items()
    }
