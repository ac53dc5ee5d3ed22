"""Per-group numbers as correlated subqueries: one small indexed look-up per
group, where a join of enrolments and meetings would multiply the rows
(groups × enrolments × meetings) before counting them."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import HOLDING_PLACE, Enrolment, Meeting


def places_taken(group_ref="pk"):
    """The sign-ups that hold a place in the group `group_ref` names, 0 when none."""
    counted = (
        Enrolment.objects.filter(group_id=OuterRef(group_ref), status__in=HOLDING_PLACE)
        .order_by()
        .values("group_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def next_meeting_at(now, group_ref="pk"):
    """When the group's next planned meeting starts, or None."""
    coming = (
        Meeting.objects.planned()
        .filter(group_id=OuterRef(group_ref), starts_at__gte=now)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return Subquery(coming)
