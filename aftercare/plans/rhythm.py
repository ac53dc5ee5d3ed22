"""The dates a plan's rhythm asks for: after 3, 6 and 12 months, every two
months, or every few weeks, counted from the day the debt trajectory ended
(or the plan was opened) and never past "aftercare until"."""

import datetime

from dateutil.relativedelta import relativedelta

from .models import Rhythm

AFTER_MONTHS = (3, 6, 12)
TWO_MONTHS = 2


def rhythm_dates(plan, *, after):
    """The rhythm's dates from `after` (inclusive) up to the plan's end."""
    if plan.wants_no_contact:
        return []
    start, until = plan.start_date, plan.aftercare_until
    if plan.rhythm == Rhythm.AFTER_3_6_12:
        steps = (start + relativedelta(months=months) for months in AFTER_MONTHS)
    elif plan.rhythm == Rhythm.TWO_MONTHLY:
        steps = _every(start, until, lambda n: relativedelta(months=TWO_MONTHS * n))
    else:
        weeks = plan.interval_weeks
        steps = _every(start, until, lambda n: datetime.timedelta(weeks=weeks * n))
    return [day for day in steps if after <= day <= until]


def _every(start, until, step):
    n = 1
    while (day := start + step(n)) <= until:
        yield day
        n += 1
