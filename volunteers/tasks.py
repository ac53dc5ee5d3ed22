"""Scheduled reminders about competencies and VOGs that expire, run by
django-q2 (see website.setup.SCHEDULES).

A job may run twice, or in two workers at once: an ExpiryNotice row, unique
per record and per VOG date, decides who was told, not the worker."""

import datetime
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from people.mail import send_templated_email

from .models import CompetencyRecord, ExpiryNotice, VolunteerProfile, VolunteerStatus


def _horizon(today):
    return today + datetime.timedelta(days=settings.RENEWAL_WINDOW_DAYS)


def _active_profiles():
    """Active volunteers only: someone who left is not asked to renew."""
    return VolunteerProfile.objects.filter(status=VolunteerStatus.ACTIVE, user__is_active=True)


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


def _item(*, expires_on, today, competency=None, profile=None, person=None):
    return {
        "competency": competency,
        "profile": profile,
        "person": person,
        "expires_on": expires_on,
        "expired": expires_on < today,
    }


# The volunteer's own reminder ------------------------------------------------


def _due_records(horizon):
    """Newest records (per volunteer and competency) that expire before
    `horizon` and were not told about yet; a record replaced by a renewal
    is never due, even when the renewal expires soon too."""
    newer = CompetencyRecord.objects.filter(
        volunteer=OuterRef("volunteer"), competency=OuterRef("competency")
    ).filter(
        Q(achieved_on__gt=OuterRef("achieved_on"))
        | Q(achieved_on=OuterRef("achieved_on"), pk__gt=OuterRef("pk"))
    )
    return (
        CompetencyRecord.objects.filter(
            expires_on__lte=horizon,
            notice__isnull=True,
            volunteer_id__in=_active_profiles().values("user_id"),
        )
        .filter(~Exists(newer))
        # No address (anonymised, signed up without e-mail): nobody to tell.
        .exclude(volunteer__email__endswith=".invalid")
        .select_related("volunteer", "competency")
        .order_by("expires_on", "pk")
    )


def _due_vogs(horizon):
    """Active profiles whose VOG expires before `horizon`, not told about
    this VOG date yet."""
    # Adding months is not exactly reversible at month ends: select a few
    # days wide and let vog_expires_on decide.
    latest_date = (
        horizon - relativedelta(months=settings.VOG_VALID_MONTHS) + datetime.timedelta(days=3)
    )
    told = ExpiryNotice.objects.filter(profile=OuterRef("pk"), vog_date=OuterRef("vog_date"))
    profiles = (
        _active_profiles()
        .filter(vog_date__lte=latest_date)
        .filter(~Exists(told))
        .exclude(user__email__endswith=".invalid")
        .select_related("user", "organisation")
        .order_by("vog_date", "pk")
    )
    return [profile for profile in profiles if profile.vog_expires_on <= horizon]


def _notify(person, records, profiles, today):
    """One e-mail about whatever in `records` and `profiles` nobody was told
    about yet; True when sent.

    The notices and the queued mail share one transaction, so the mail
    leaves only once the notices are committed. get_or_create inserts in a
    savepoint and reads the other worker's row when it loses the race on the
    unique constraint, so that worker's e-mail is the only one."""
    with transaction.atomic():
        items = []
        for record in records:
            _notice, created = ExpiryNotice.objects.get_or_create(record=record)
            if created:
                items.append(
                    _item(competency=record.competency, expires_on=record.expires_on, today=today)
                )
        for profile in profiles:
            _notice, created = ExpiryNotice.objects.get_or_create(
                profile=profile, vog_date=profile.vog_date
            )
            if created:
                items.append(_item(profile=profile, expires_on=profile.vog_expires_on, today=today))
        if items:
            send_templated_email(
                to=person.email,
                template="volunteers/email/expiring",
                context={
                    "person": person,
                    "items": items,
                    "has_competencies": any(item["competency"] for item in items),
                    "has_vog": any(item["profile"] for item in items),
                    "my_url": _absolute(reverse("people:my")),
                },
                language=person.preferred_language,
            )
    return bool(items)


def notify_expiring(today=None):
    """Daily: tell each volunteer once when a competency or their VOG comes
    within the renewal window or has expired. Returns the e-mails sent."""
    today = today or timezone.localdate()
    horizon = _horizon(today)
    people = {}
    records = defaultdict(list)
    profiles = defaultdict(list)
    for record in _due_records(horizon):
        people[record.volunteer_id] = record.volunteer
        records[record.volunteer_id].append(record)
    for profile in _due_vogs(horizon):
        people[profile.user_id] = profile.user
        profiles[profile.user_id].append(profile)
    sent = 0
    for person_id in sorted(people):
        if _notify(people[person_id], records[person_id], profiles[person_id], today):
            sent += 1
    return sent
