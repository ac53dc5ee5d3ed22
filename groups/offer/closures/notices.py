"""Telling participants once: a closure's cancelled meetings, a pause and
a resume each give an enrolled participant one e-mail that lists the dates,
never one per meeting. A ParticipantNotice row decides "told once": it and
the queued mail share a transaction (as groups.tasks._remind does), so a
second run or a second worker tells nobody twice. People without an e-mail
address (ending in .invalid) get no mail."""

from collections import defaultdict

from django.db import transaction

from ..models import Enrolment, EnrolmentStatus
from ..notifications import absolute_url, send
from .models import NoticeEvent, ParticipantNotice


def _enrolled(group_ids):
    """{group id: [person]} of those with a place and an address."""
    people = defaultdict(list)
    enrolments = (
        Enrolment.objects.filter(group_id__in=group_ids, status=EnrolmentStatus.ENROLLED)
        .exclude(person__email__endswith=".invalid")
        .select_related("person")
        .order_by("pk")
    )
    for enrolment in enrolments:
        people[enrolment.group_id].append(enrolment.person)
    return people


def _tell_once(person, template, context, **cause):
    with transaction.atomic():
        _notice, created = ParticipantNotice.objects.get_or_create(person=person, **cause)
        if created:
            send(person, template, context)
    return created


def tell_closure(closure, meetings):
    """Each participant of the cancelled meetings' groups hears once, in
    one mail with all their dates. Returns how many were told."""
    meetings = sorted(meetings, key=lambda meeting: meeting.starts_at)
    by_person = defaultdict(list)
    people = {}
    groups = _enrolled({meeting.group_id for meeting in meetings})
    for meeting in meetings:
        for person in groups.get(meeting.group_id, []):
            people[person.pk] = person
            by_person[person.pk].append(meeting)
    told = 0
    for pk, own in by_person.items():
        context = {
            "closure": closure,
            "meetings": own,
            "group": own[0].group,
            "group_url": absolute_url(own[0].group.url),
        }
        told += _tell_once(
            people[pk],
            "closure_meetings_cancelled",
            context,
            event=NoticeEvent.CLOSURE,
            closure=closure,
        )
    return told


def tell_pause(pause, event, meetings):
    """Everyone with a place hears that the group paused (with the dates
    that do not take place) or resumed (with the meetings planned)."""
    group = pause.group
    template = "group_paused" if event == NoticeEvent.PAUSED else "group_resumed"
    context = {
        "pause": pause,
        "group": group,
        "meetings": sorted(meetings, key=lambda meeting: meeting.starts_at),
        "group_url": absolute_url(group.url),
    }
    return sum(
        _tell_once(person, template, context, event=event, pause=pause)
        for person in _enrolled([group.pk]).get(group.pk, [])
    )
