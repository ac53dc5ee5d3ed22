"""Successes from elsewhere: a course completed, a savings goal reached, a
pay-out. Each lands on the person's running plans in the same organisation
as the group (never another organisation's plan: its coordinators would
learn what the person does elsewhere), once per source."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from courses.signals import course_completed
from groups.savings.signals import savings_goal_reached, savings_paid_out

from ..models import AftercarePlan, SuccessKind
from .services import success_record


def _record(*, organisation_id, person, kind, title, source):
    plans = AftercarePlan.objects.running().filter(organisation_id=organisation_id, person=person)
    for plan in plans:
        success_record(plan=plan, kind=kind, title=title, source=source)


@receiver(course_completed, dispatch_uid="aftercare-course-completed")
def course_success(sender, completion, **kwargs):
    group = completion.group
    _record(
        organisation_id=group.organisation_id,
        person=completion.person,
        kind=SuccessKind.COURSE_COMPLETED,
        title=_("Completed: %(course)s") % {"course": group.title},
        source=f"completion:{completion.pk}",
    )


@receiver(savings_goal_reached, dispatch_uid="aftercare-savings-goal")
def savings_goal_success(sender, success, person, cycle, **kwargs):
    _record(
        organisation_id=cycle.circle.group.organisation_id,
        person=person,
        kind=SuccessKind.SAVINGS_GOAL,
        title=_("Savings goal reached"),
        source=f"savings-goal:{success.pk}",
    )


@receiver(savings_paid_out, dispatch_uid="aftercare-savings-payout")
def savings_payout_success(sender, success, person, cycle, **kwargs):
    _record(
        organisation_id=cycle.circle.group.organisation_id,
        person=person,
        kind=SuccessKind.SAVINGS_PAYOUT,
        title=_("Savings paid out"),
        source=f"payout:{success.pk}",
    )
