"""The steady contact's reminder, the week before a moment is due: one
e-mail per moment, exactly once. Each moment is claimed with a conditional
UPDATE (… WHERE reminded_at IS NULL) in the transaction that queues the
mail, so two workers, or a job that runs twice, never send it twice."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .. import mail
from ..plans.models import AftercarePlan
from .models import ContactMoment

REMIND_DAYS_AHEAD = 7
MY_AFTERCARE = "#aftercare-contacts-heading"


def moments_to_remind(today):
    """Open moments due within the coming week, not reminded yet, of
    running plans that are not paused, whose contact can get an e-mail."""
    return (
        ContactMoment.objects.open()
        .filter(
            reminded_at__isnull=True,
            due_on__gte=today,
            due_on__lte=today + datetime.timedelta(days=REMIND_DAYS_AHEAD),
            plan__in=AftercarePlan.objects.active().filter(contact__is_active=True),
        )
        .exclude(plan__contact__email__endswith=".invalid")
        .select_related("plan__contact", "plan__person")
        .order_by("due_on", "pk")
    )


def moment_remind(moment, now):
    """Claim `moment` and queue its reminder; False when another worker
    claimed it first."""
    with transaction.atomic():
        claimed = ContactMoment.objects.filter(pk=moment.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if claimed:
            plan = moment.plan
            # The person's first name and the day; never a note or a choice.
            mail.send(
                plan.contact,
                "moment_reminder",
                {
                    "first_name": plan.person.first_name,
                    "due_on": moment.due_on,
                    "my_url": mail.absolute_url(reverse("people:my") + MY_AFTERCARE),
                },
            )
    return bool(claimed)


def contact_reminders_send(today=None, now=None):
    """Send every reminder that is due; returns how many were sent."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    return sum(moment_remind(moment, now) for moment in moments_to_remind(today))
