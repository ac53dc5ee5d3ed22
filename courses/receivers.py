"""Completions follow from the groups app's signals: the last meeting
registered, or the last unregistered one cancelled."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from groups.attendance.signals import attendance_recorded
from groups.models import Meeting

from .models import COURSE_KINDS
from .services import completions_compute


@receiver(attendance_recorded)
def compute_completions(sender, meeting, **kwargs):
    """When the last meeting of a course is registered, completions follow."""
    completions_compute(group=meeting.group)


@receiver(post_save, sender=Meeting)
def compute_completions_after_cancelling(sender, instance, **kwargs):
    """Cancelling the one meeting still without attendance (it never took
    place) also finishes the course; no attendance is saved then."""
    if instance.is_cancelled and instance.group.kind in COURSE_KINDS:
        transaction.on_commit(lambda: completions_compute(group=instance.group))
