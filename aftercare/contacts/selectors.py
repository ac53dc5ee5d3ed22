"""Reads of the steady contact's screens: the open moments of the people
they keep in touch with, grouped by when, and one plan with its story.
Each read is a fixed number of queries, whatever the number of plans."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from ..models import AftercarePlan, ContactMoment, Referral
from ..selectors import plans_of_contact
from .links import reach_links

# "Deze week": the coming seven days, today included (the reminder's week).
WEEK_DAYS = 7
# "Later": only the next few, one per person; the plan page has them all.
LATER_SHOWN = 5


@dataclass
class ContactOverview:
    overdue: list = field(default_factory=list)
    this_week: list = field(default_factory=list)
    later: list = field(default_factory=list)
    # Running plans without moments now: paused, rather no contact, none planned.
    quiet: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not (self.overdue or self.this_week or self.later or self.quiet)


def contact_overview(user, today):
    """The open moments of the running, not paused plans `user` is the
    steady contact of, grouped overdue / this week / later; and the plans
    that have none. Two queries."""
    plans = list(plans_of_contact(user).order_by("person__full_name", "pk"))
    active_ids = [plan.pk for plan in plans if not plan.is_paused and not plan.wants_no_contact]
    moments = (
        ContactMoment.objects.open()
        .filter(plan_id__in=active_ids)
        .order_by("due_on", "pk")
        .only("pk", "plan_id", "due_on", "purpose", "way", "moved_from", "follows_id")
    )
    by_pk = {plan.pk: plan for plan in plans}
    overview = ContactOverview()
    week_end = today + datetime.timedelta(days=WEEK_DAYS)
    with_moment, later_plans = set(), set()
    for moment in moments:
        moment.plan = by_pk[moment.plan_id]
        moment.links = reach_links(moment.plan)
        with_moment.add(moment.plan_id)
        if moment.due_on < today:
            overview.overdue.append(moment)
        elif moment.due_on < week_end:
            overview.this_week.append(moment)
        elif moment.plan_id not in later_plans and len(overview.later) < LATER_SHOWN:
            later_plans.add(moment.plan_id)
            overview.later.append(moment)
    overview.quiet = [plan for plan in plans if plan.pk not in with_moment]
    return overview


def plan_for_contact(plan_id):
    """The plan with what its page shows, or None."""
    return (
        plans_with_details()
        .filter(pk=plan_id)
        .select_related("person", "contact", "organisation")
        .first()
    )


def plans_with_details():
    return AftercarePlan.objects.prefetch_related(
        Prefetch(
            "moments",
            queryset=ContactMoment.objects.select_related("done_by").order_by("due_on", "pk"),
        ),
        Prefetch(
            "referrals",
            queryset=Referral.objects.select_related("service", "recorded_by", "follow_up"),
        ),
        "successes",
    )
