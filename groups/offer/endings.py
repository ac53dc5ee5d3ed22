"""What happens when a group ends (its last meeting passed; see
pages.finished_condition): the people still waiting for a place are told,
once each."""

from django.db import transaction
from django.utils import timezone

from . import notifications
from .models import Enrolment, EnrolmentStatus
from .pages import finished_condition

STILL_WAITING = [EnrolmentStatus.WAITING, EnrolmentStatus.OFFERED]


def tell_waiting_lists_of_finished_groups(now=None):
    """Returns how many people were told. The mark and the queued mail share
    a transaction, and the row is read again under its lock, so a second run
    or a second worker tells nobody twice."""
    now = now or timezone.now()
    due = Enrolment.objects.filter(
        finished_condition("group_id", now),
        status__in=STILL_WAITING,
        told_group_finished_at__isnull=True,
    ).order_by("pk")
    told = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            enrolment = (
                Enrolment.objects.select_for_update()
                .filter(pk=pk, status__in=STILL_WAITING, told_group_finished_at__isnull=True)
                .first()
            )
            if enrolment is None:
                continue
            enrolment.told_group_finished_at = now
            enrolment.save(update_fields=["told_group_finished_at"])
            notifications.group_finished(enrolment)
            told += 1
    return told
