"""The aftercare app's scheduled tasks (website.setup.SCHEDULES); each one
calls its service and carries no personal data."""

from .retention import plans_anonymise


def anonymise_closed_plans():
    return plans_anonymise()
