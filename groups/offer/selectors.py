"""Reads of the offer: whose groups, whose sign-ups, in a fixed number of
queries whatever their number."""

import datetime
from datetime import timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from people.models import Role
from people.permissions import has_role, organisations_with_role

from .models import Enrolment, EnrolmentInvitation, EnrolmentStatus, Meeting
from .pages import GroupPage, finished_flag, open_pauses


def day_start(day):
    """Midnight at the start of `day`, Dutch time."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def managed_groups(user):
    """The groups whose meetings and sign-ups `user` may manage."""
    organisations = organisations_with_role(user, Role.COORDINATOR)
    return GroupPage.objects.filter(organisation__in=organisations).order_by("title")


def groups_in_care(user, *, co_trained=True):
    """Live groups whose attendance `user` registers: those they lead (or
    co-train, unless `co_trained` is False) and, for a coordinator, every
    group of their organisations."""
    # The link tables themselves: indexed by user, no join of the pages.
    led = GroupPage.trainers.through.objects.filter(user=user).values("grouppage_id")
    scope = Q(pk__in=led)
    if co_trained:
        joined = GroupPage.co_trainers.through.objects.filter(user=user).values("grouppage_id")
        scope |= Q(pk__in=joined)
    if user.is_superuser or has_role(user, Role.COORDINATOR):
        scope |= Q(organisation__in=organisations_with_role(user, Role.COORDINATOR))
    return GroupPage.objects.live().filter(scope)


def member_ids(group):
    """Ids of the people signed up for `group` now."""
    return set(
        Enrolment.objects.filter(group=group, status=EnrolmentStatus.ENROLLED).values_list(
            "person_id", flat=True
        )
    )


def members(group):
    """The people signed up for `group` now, by name."""
    return [
        enrolment.person
        for enrolment in Enrolment.objects.filter(group=group, status=EnrolmentStatus.ENROLLED)
        .select_related("person")
        .order_by("person__full_name", "person_id")
    ]


def my_enrolments(user):
    """`user`'s sign-ups still in play, each group with its coming meetings
    as `group.upcoming` and whether it has finished or is paused: two
    queries."""
    upcoming = Meeting.objects.planned().filter(ends_at__gte=timezone.now()).order_by("starts_at")
    enrolments = list(
        Enrolment.objects.active()
        .filter(person=user)
        .select_related("group")
        .annotate(
            group_finished=finished_flag("group_id"), group_paused=Exists(open_pauses("group_id"))
        )
        .prefetch_related(Prefetch("group__meetings", queryset=upcoming, to_attr="upcoming"))
        .order_by("created_at")
    )
    for enrolment in enrolments:
        # GroupPage.is_finished() reads it without another query.
        enrolment.group.has_finished = enrolment.group_finished
        enrolment.group.paused = enrolment.group_paused
    return enrolments


def led_groups(user):
    """The groups in `user`'s care, each with `today` and `upcoming`
    meetings and whether `user` joins it as a co-trainer (`co_trained`);
    today's meetings first, then the group that meets soonest.
    Two queries."""
    today = timezone.localdate()
    today_start, tomorrow_start = day_start(today), day_start(today + timedelta(days=1))
    coming = Meeting.objects.planned().filter(starts_at__gte=today_start).order_by("starts_at")
    co_trainer = GroupPage.co_trainers.through.objects.filter(
        grouppage_id=OuterRef("pk"), user_id=user.pk
    )
    groups = list(
        groups_in_care(user)
        .annotate(co_trained=Exists(co_trainer))
        .prefetch_related(Prefetch("meetings", queryset=coming, to_attr="coming"))
        .order_by("title")
    )
    for group in groups:
        group.today = [m for m in group.coming if m.starts_at < tomorrow_start]
        group.upcoming = [m for m in group.coming if m.starts_at >= tomorrow_start]
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    groups.sort(
        key=lambda group: (
            not group.today,
            group.coming[0].starts_at if group.coming else far,
            group.title,
        )
    )
    return groups


def open_invitations_to(user):
    """Open invitations to `user`'s address, soonest to expire first: one query."""
    return list(
        EnrolmentInvitation.objects.open()
        .to_address(user.email)
        .filter(group__live=True)
        .select_related("group")
        .order_by("expires_at", "pk")
    )
