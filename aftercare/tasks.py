"""Scheduled jobs of the aftercare app, run by django-q2 (see
website.setup.SCHEDULES); each calls its service and carries no personal
data."""

from .moments.reminders import contact_reminders_send
from .retention import plans_anonymise
from .successes.steady import steady_successes_record


def remind_contact_moments(today=None):
    """Daily: the steady contact hears once, the week before, of each moment."""
    return contact_reminders_send(today=today)


def anonymise_closed_plans():
    return plans_anonymise()


def record_steady_successes():
    """Daily: 3, 6 and 12 months without concerns become a success, once."""
    return steady_successes_record()
