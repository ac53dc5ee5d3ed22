"""Scheduled jobs of the volunteers app, run by django-q2 (see
website.setup.SCHEDULES); the work is in volunteers.reminders."""

from django.utils import timezone

from .lapse_mail import lapsed_trainers_tell
from .reminders import expiry_reminders_send


def notify_expiring(today=None):
    """Daily: each volunteer hears once per stage when a competency or their
    VOG is about to expire. Returns the e-mails sent."""
    return expiry_reminders_send(today or timezone.localdate())


def notify_lapsed_trainers(today=None):
    """Daily: the coordinators hear once when a trainer's qualification
    lapses while they lead a group."""
    return lapsed_trainers_tell(today or timezone.localdate())
