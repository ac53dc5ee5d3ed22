"""Writes around closures: a year's public holidays, cancelling the meetings
a closure covers, pausing and resuming a group. Atomic and keyword-only;
participants are told in one mail per action (notices)."""

import datetime
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import services as offer_services
from ..models import Meeting
from . import notices
from .holidays import dutch_public_holidays
from .models import Closure, ClosureKind, GroupPause, NoticeEvent

FIRST_YEAR, LAST_YEAR = 2000, 2100


def closure_add_public_holidays(*, organisation, year):
    """Add the Dutch public holidays of `year` that the organisation does
    not have yet (a holiday on a day that already has one is skipped);
    returns those added."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _("Choose a year from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    added = []
    for name, day in dutch_public_holidays(year):
        closure = Closure(
            organisation=organisation,
            name=name,
            first_day=day,
            last_day=day,
            kind=ClosureKind.PUBLIC_HOLIDAY,
        )
        if Closure.objects.filter(
            organisation=organisation, kind=ClosureKind.PUBLIC_HOLIDAY, first_day=day
        ).exists():
            continue
        try:
            # Two coordinators at once: the database keeps one per day.
            with transaction.atomic():
                closure.save()
        except IntegrityError:
            continue
        added.append(closure)
    return added


def meetings_in_closure(closure, now=None):
    """Planned meetings of the organisation's groups that start on a day
    of the closure and have not ended yet."""
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(closure.first_day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        closure.last_day + timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return (
        Meeting.objects.planned()
        .filter(
            group__organisation_id=closure.organisation_id,
            starts_at__gte=start,
            starts_at__lt=end,
            ends_at__gte=now or timezone.now(),
        )
        .select_related("group")
        .order_by("starts_at", "pk")
    )


@transaction.atomic
def closure_cancel_meetings(*, closure):
    """Cancel every planned meeting in the closure, with its name as the
    reason; each participant gets one mail listing their dates."""
    cancelled = [
        offer_services.meeting_cancel(meeting=meeting, reason=closure.name, notify=False)
        for meeting in meetings_in_closure(closure)
    ]
    notices.tell_closure(closure, cancelled)
    return cancelled


def pause_reason(pause):
    """What a cancelled meeting of a paused group says."""
    if pause.reason:
        return _("The group is paused: %(reason)s") % {"reason": pause.reason}
    return _("The group is paused.")


@transaction.atomic
def group_pause(*, group, by, reason=""):
    """Pause the group until further notice: its coming meetings are
    cancelled (they stay in calendars as cancelled), the participants keep
    their places, and newcomers can only join the waiting list."""
    group = offer_services._locked_group(group)
    if GroupPause.objects.filter(group=group, resumed_at__isnull=True).exists():
        raise ValidationError(_("This group is already paused."))
    pause = GroupPause(group=group, reason=reason.strip(), paused_by=by, paused_at=timezone.now())
    pause.full_clean()
    pause.save()
    cancelled = [
        offer_services.meeting_cancel(meeting=meeting, reason=pause_reason(pause), notify=False)
        for meeting in group.meetings.planned().filter(starts_at__gte=pause.paused_at)
    ]
    notices.tell_pause(pause, NoticeEvent.PAUSED, cancelled)
    return pause


@transaction.atomic
def group_resume(*, group, by):
    """End the pause. Cancelled meetings stay cancelled: the coordinator
    plans the next ones (closures.extension). Free places go to the
    waiting list again."""
    group = offer_services._locked_group(group)
    pause = (
        GroupPause.objects.select_for_update().filter(group=group, resumed_at__isnull=True).first()
    )
    if pause is None:
        raise ValidationError(_("This group is not paused."))
    pause.resumed_at = timezone.now()
    pause.resumed_by = by
    pause.full_clean()
    pause.save()
    group.paused = False
    notices.tell_pause(pause, NoticeEvent.RESUMED, list(group.meetings.planned().upcoming()))
    offer_services._offer_free_places(group)
    return pause
