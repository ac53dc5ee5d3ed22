"""Scheduled jobs of the aftercare app, run by django-q2 (see
website.setup.SCHEDULES); the work is next to its process."""

from .moments.reminders import contact_reminders_send


def remind_contact_moments(today=None):
    """Daily: the steady contact hears once, the week before, of each moment."""
    return contact_reminders_send(today=today)
