"""Scheduled jobs of aftercare, run by django-q2 (see website.setup.SCHEDULES).
They stay at this path: the database's schedules name it. Every job may run
twice, or in two workers at once, without doing its work twice."""

from .successes.steady import steady_successes_record


def record_steady_successes():
    """Daily: 3, 6 and 12 months without concerns become a success, once."""
    return steady_successes_record()
