"""Scheduled jobs of the volunteers app, run by django-q2 (see
website.setup.SCHEDULES); the work is in volunteers.reminders."""

from django.utils import timezone

from .reminders import expiry_reminders_send


def notify_expiring(today=None):
    """Daily: each volunteer hears once per stage when a competency or their
    VOG is about to expire. Returns the e-mails sent."""
    return expiry_reminders_send(today or timezone.localdate())
