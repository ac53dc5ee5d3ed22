"""The Dutch public holidays of a year (feestdagen), Easter by dateutil."""

import datetime
from datetime import timedelta

from dateutil.easter import easter
from django.utils.translation import gettext as _


def kings_day(year):
    """27 April, or the 26th when the 27th is a Sunday."""
    day = datetime.date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


def dutch_public_holidays(year):
    """[(name, day)] in date order, names in the active language."""
    easter_sunday = easter(year)
    return sorted(
        [
            (_("New Year's Day"), datetime.date(year, 1, 1)),
            (_("Good Friday"), easter_sunday - timedelta(days=2)),
            (_("Easter Sunday"), easter_sunday),
            (_("Easter Monday"), easter_sunday + timedelta(days=1)),
            (_("King's Day"), kings_day(year)),
            (_("Liberation Day"), datetime.date(year, 5, 5)),
            (_("Ascension Day"), easter_sunday + timedelta(days=39)),
            (_("Whit Sunday"), easter_sunday + timedelta(days=49)),
            (_("Whit Monday"), easter_sunday + timedelta(days=50)),
            (_("Christmas Day"), datetime.date(year, 12, 25)),
            (_("Boxing Day"), datetime.date(year, 12, 26)),
        ],
        key=lambda holiday: holiday[1],
    )
