"""More meetings for a group that already has some ("meer bijeenkomsten
toevoegen"): the series goes on in the group's rhythm after its last
meeting, at the same time of day, and skips the organisation's closures."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import services as offer_services


class Rhythm:
    """How a group meets, read from its last two meetings."""

    def __init__(self, group):
        last_two = list(group.meetings.order_by("-starts_at")[:2])
        if not last_two:
            raise ValidationError(_("This group has no meetings yet. First add a series."))
        last = last_two[0]
        self.last_date = timezone.localtime(last.starts_at).date()
        self.start_time = timezone.localtime(last.starts_at).time()
        self.end_time = timezone.localtime(last.ends_at).time()
        self.frequency = "weekly"
        if len(last_two) == 2:
            gap = (self.last_date - timezone.localtime(last_two[1].starts_at).date()).days
            if gap == 14:
                self.frequency = "biweekly"
            elif 28 <= gap <= 35:
                self.frequency = "monthly"

    def plan(self, *, group, count=None, until=None, skip=(), frequency=None):
        """(dates, skipped) after the last meeting; see services.series_plan."""
        return offer_services.series_plan(
            group=group,
            first_date=self.last_date,
            frequency=frequency or self.frequency,
            count=count,
            until=until,
            skip=skip,
            after=self.last_date,
        )


@transaction.atomic
def meeting_series_extend(*, group, count=None, until=None, skip=(), frequency=None, topic=""):
    """Add meetings after the group's last one, in its rhythm."""
    rhythm = Rhythm(group)
    return offer_services.meeting_series_create(
        group=group,
        first_date=rhythm.last_date,
        start_time=rhythm.start_time,
        end_time=rhythm.end_time,
        frequency=frequency or rhythm.frequency,
        count=count,
        until=until,
        skip=skip,
        topic=topic,
        after=rhythm.last_date,
    )
