"""Reminders before a competency or VOG expires, in stages
(settings.EXPIRY_REMINDER_DAYS, e.g. 60, 14 and 0 days before).

Each stage is told once: an ExpiryNotice row, unique per record (or VOG end
date) and stage, decides who was told, not the worker, so a job may run
twice or in two workers at once. A job that missed days tells only the
latest stage that is due, never the ones it skipped."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse

from people.mail import send_templated_email

from .models import CompetencyRecord, ExpiryNotice, VolunteerProfile, VolunteerStatus


def stages():
    """The stages, the earliest (most days before) first."""
    return sorted(set(settings.EXPIRY_REMINDER_DAYS), reverse=True)


def due_stage(expires_on, today):
    """The latest stage reached on `today` (its days before expiry), or None
    while the first stage is still to come."""
    reached = [days for days in stages() if expires_on - datetime.timedelta(days=days) <= today]
    return min(reached) if reached else None


def stage_started_on(expires_on, stage):
    return expires_on - datetime.timedelta(days=stage)


def _horizon(today):
    return today + datetime.timedelta(days=max(stages()))


def active_profiles():
    """Active volunteers only: someone who left is not asked to renew."""
    return VolunteerProfile.objects.filter(status=VolunteerStatus.ACTIVE, user__is_active=True)


def newest_records():
    """Each volunteer's newest record per competency: a record replaced by
    a renewal is never due, even when the renewal expires soon too."""
    newer = CompetencyRecord.objects.filter(
        volunteer=OuterRef("volunteer"), competency=OuterRef("competency")
    ).filter(
        Q(achieved_on__gt=OuterRef("achieved_on"))
        | Q(achieved_on=OuterRef("achieved_on"), pk__gt=OuterRef("pk"))
    )
    return CompetencyRecord.objects.filter(~Exists(newer))


def _untold(stage, notices):
    """Nobody was told about this stage, or a later one."""
    return stage is not None and all(notice.stage > stage for notice in notices)


def _due_records(today):
    records = (
        newest_records()
        .filter(
            expires_on__lte=_horizon(today),
            volunteer_id__in=active_profiles().values("user_id"),
        )
        # No address (anonymised, signed up without e-mail): nobody to tell.
        .exclude(volunteer__email__endswith=".invalid")
        .select_related("volunteer", "competency")
        .prefetch_related("notices")
        .order_by("expires_on", "pk")
    )
    for record in records:
        stage = due_stage(record.expires_on, today)
        if _untold(stage, record.notices.all()):
            yield record, stage


def _due_vogs(today):
    """VOGs due a stage; not while a new one has been requested (the
    volunteer did what the reminder would ask)."""
    profiles = (
        active_profiles()
        .filter(vog_valid_until__lte=_horizon(today))
        .exclude(user__email__endswith=".invalid")
        .select_related("user", "organisation")
        .prefetch_related(Prefetch("notices", to_attr="told"))
        .order_by("vog_valid_until", "pk")
    )
    for profile in profiles:
        if profile.vog_pending:
            continue
        stage = due_stage(profile.vog_valid_until, today)
        notices = [n for n in profile.told if n.vog_valid_until == profile.vog_valid_until]
        if _untold(stage, notices):
            yield profile, stage


def _item(*, expires_on, today, stage, competency=None, profile=None):
    return {
        "competency": competency,
        "profile": profile,
        "expires_on": expires_on,
        "expired": expires_on < today,
        "stage": stage,
    }


def notify(person, records, profiles, today):
    """One e-mail about whatever in `records` and `profiles` ([(thing,
    stage)]) nobody was told about yet; True when sent.

    The notices and the queued mail share one transaction, so the mail
    leaves only once the notices are committed. get_or_create inserts in a
    savepoint and reads the other worker's row when it loses the race on the
    unique constraint, so that worker's e-mail is the only one."""
    with transaction.atomic():
        items = []
        for record, stage in records:
            _notice, created = ExpiryNotice.objects.get_or_create(record=record, stage=stage)
            if created:
                items.append(
                    _item(
                        competency=record.competency,
                        expires_on=record.expires_on,
                        today=today,
                        stage=stage,
                    )
                )
        for profile, stage in profiles:
            _notice, created = ExpiryNotice.objects.get_or_create(
                profile=profile, vog_valid_until=profile.vog_valid_until, stage=stage
            )
            if created:
                items.append(
                    _item(
                        profile=profile,
                        expires_on=profile.vog_valid_until,
                        today=today,
                        stage=stage,
                    )
                )
        if items:
            send_templated_email(
                to=person.email,
                template="volunteers/email/expiring",
                context={
                    "person": person,
                    "items": items,
                    "has_competencies": any(item["competency"] for item in items),
                    "has_vog": any(item["profile"] for item in items),
                    "my_url": f"{settings.SITE_URL}{reverse('people:my')}",
                },
                language=person.preferred_language,
            )
    return bool(items)


def expiry_reminders_send(today):
    """Tell each volunteer, in one e-mail, what reached a new stage today.
    Returns the e-mails sent."""
    people = {}
    records = defaultdict(list)
    profiles = defaultdict(list)
    for record, stage in _due_records(today):
        people[record.volunteer_id] = record.volunteer
        records[record.volunteer_id].append((record, stage))
    for profile, stage in _due_vogs(today):
        people[profile.user_id] = profile.user
        profiles[profile.user_id].append((profile, stage))
    sent = 0
    for person_id in sorted(people):
        if notify(people[person_id], records[person_id], profiles[person_id], today):
            sent += 1
    return sent
