"""People, records and mailboxes that the tests of expiry reminders and of
the weekly digest share. People read English (preferred_language="en") so
that the texts can be checked before the Dutch catalogue is compiled."""

import datetime

from dateutil.relativedelta import relativedelta
from django.core import mail
from django.utils import timezone

from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.volunteers.factories import CompetencyRecordFactory, VolunteerProfileFactory
from volunteers.models import VolunteerStatus

TODAY = timezone.localdate()


def in_days(days):
    return TODAY + datetime.timedelta(days=days)


def long_date(day):
    return f"{day.day} {day:%B} {day.year}"


def vog_expiring_in(days):
    """A VOG date whose VOG expires in about `days` days."""
    return in_days(days) - relativedelta(months=36)


def volunteer(organisation, *, vog_date=None, status=VolunteerStatus.ACTIVE, **person):
    return VolunteerProfileFactory(
        organisation=organisation,
        status=status,
        vog_date=vog_date,
        user__preferred_language="en",
        **{f"user__{name}": value for name, value in person.items()},
    ).user


def coordinator(organisation, **kwargs):
    user = UserFactory(preferred_language="en", **kwargs)
    MembershipFactory(user=user, organisation=organisation, role=Role.COORDINATOR)
    return user


def record(user, slug, *, expires_on, achieved_on=None):
    return CompetencyRecordFactory(
        volunteer=user,
        competency=slug,
        achieved_on=achieved_on or min(TODAY, expires_on) - datetime.timedelta(days=700),
        expires_on=expires_on,
    )


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def the_mail_to(user):
    (message,) = mails_to(user)
    return message
