"""Scheduled jobs of the offer, run by django-q2 (see website.setup.SCHEDULES).
They stay at this path: the database's schedules name it.

Every job may run twice, or in two workers at once, without doing its work
twice: the database decides, not the worker."""

import datetime

from django.db import transaction
from django.utils import timezone

from .attendance import escalation
from .attendance.links import absence_link
from .offer import endings, notifications, services
from .offer.models import Enrolment, EnrolmentStatus, Meeting, MeetingReminder


def _tomorrow_bounds(now):
    """Start and end of tomorrow as a calendar day in Europe/Amsterdam; a
    day is 23 or 25 hours long when the clocks change."""
    zone = timezone.get_default_timezone()
    tomorrow = timezone.localtime(now, zone).date() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        tomorrow + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def _remind(meeting, person):
    """Send one reminder unless one was sent already; True when sent.

    The row and the queued mail share one transaction, so the mail leaves
    only once the row is committed. get_or_create inserts in a savepoint and
    reads the other worker's row when it loses the race on the unique
    constraint, so that worker's reminder is the only one."""
    with transaction.atomic():
        _reminder, created = MeetingReminder.objects.get_or_create(meeting=meeting, person=person)
        if created:
            # The link's token is made when the mail leaves, never stored.
            notifications.meeting_reminder(
                meeting, person, absence_url=absence_link(meeting, person)
            )
    return created


def send_meeting_reminders(now=None):
    """Hourly: remind everyone with a place of each planned meeting that
    starts tomorrow. Returns the number of reminders sent."""
    start, end = _tomorrow_bounds(now or timezone.now())
    meetings = (
        Meeting.objects.planned()
        .filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("group")
        .order_by("starts_at", "pk")
    )
    sent = 0
    for meeting in meetings:
        enrolments = (
            Enrolment.objects.filter(group_id=meeting.group_id, status=EnrolmentStatus.ENROLLED)
            # No address (signed up without e-mail, anonymised): nothing to send.
            .exclude(person__email__endswith=".invalid")
            # Hourly runs skip those already reminded without touching them.
            .exclude(
                person_id__in=MeetingReminder.objects.filter(meeting=meeting).values("person_id")
            )
            .select_related("person")
        )
        for enrolment in enrolments:
            if _remind(meeting, enrolment.person):
                sent += 1
    return sent


def expire_offers():
    """Every 15 minutes: offers not accepted in time pass to the next person."""
    return services.offers_expire()


def prune_invitations():
    """Daily: answered or expired sign-up invitations are kept
    INVITATION_RETENTION_DAYS."""
    return services.invitations_prune()


def tell_waiting_lists_of_finished_groups():
    """Daily: whoever still waits for a place in a group whose last meeting
    has passed hears that it ended, once."""
    return endings.tell_waiting_lists_of_finished_groups()


def escalate_attention_signals():
    """Hourly: signals left without an outcome too long, or from two groups
    at once, go to the organisation's coordinators, once."""
    return escalation.signals_escalate()
