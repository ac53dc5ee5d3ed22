"""The volunteers' section of the coordinators' weekly digest
(people.digest), per organisation they coordinate: what of its volunteers
reached a reminder stage or expired, the VOGs requested and not in yet, and
the trainers who lead a group without a valid qualification."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from people.digest import DigestSection
from people.models import Membership, Role

from .flags import groups_being_led, lapses
from .models import VolunteerProfile, VolunteerStatus
from .qualification import latest_records
from .reminders import due_stage, stage_started_on

# The admin's qualification overview (volunteers.admin.viewsets); the admin
# home should that ever be gone.
OVERVIEW_URL_NAMES = ["qualification:index", "wagtailadmin_home"]
WEEK = datetime.timedelta(days=7)


def overview_url():
    for name in OVERVIEW_URL_NAMES:
        try:
            return f"{settings.SITE_URL}{reverse(name)}"
        except NoReverseMatch:
            continue
    return f"{settings.SITE_URL}/admin/"


def _item(*, person, expires_on, today, competency=None, profile=None):
    """What expires: `stage` is the reminder stage it is in, `new` says it
    reached that stage (or expired) in the past week."""
    expired = expires_on < today
    stage = due_stage(expires_on, today)
    started = expires_on + datetime.timedelta(days=1) if expired else None
    started = started or stage_started_on(expires_on, stage)
    return {
        "person": person,
        "competency": competency,
        "profile": profile,
        "expires_on": expires_on,
        "expired": expired,
        "stage": stage,
        "new": started > today - WEEK,
    }


def _sort_key(item):
    return (
        item["expires_on"],
        item["person"].full_name,
        item["competency"].name if item["competency"] else "",
    )


def _profiles():
    return list(
        VolunteerProfile.objects.filter(
            status__in=[VolunteerStatus.APPLYING, VolunteerStatus.ACTIVE], user__is_active=True
        )
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


def expiring_by_organisation(today, profiles):
    """{organisation_id: [item, ...]}: the newest competency records and
    the VOGs of each organisation's active volunteers that reached a
    reminder stage or expired, soonest first."""
    horizon = today + datetime.timedelta(days=max(settings.EXPIRY_REMINDER_DAYS))
    active = [profile for profile in profiles if profile.status == VolunteerStatus.ACTIVE]
    latest = latest_records({profile.user_id for profile in active})
    expiring = defaultdict(list)
    for (user_id, _competency_id), record in latest.items():
        if record.expires_on and record.expires_on <= horizon:
            expiring[user_id].append(record)
    found = defaultdict(list)
    for profile in active:
        for record in expiring[profile.user_id]:
            found[profile.organisation_id].append(
                _item(
                    person=profile.user,
                    competency=record.competency,
                    expires_on=record.expires_on,
                    today=today,
                )
            )
        valid_until = profile.vog_valid_until
        if valid_until and valid_until <= horizon and not profile.vog_pending:
            found[profile.organisation_id].append(
                _item(person=profile.user, profile=profile, expires_on=valid_until, today=today)
            )
    for items in found.values():
        items.sort(key=_sort_key)
    return found


def requested_by_organisation(today, profiles):
    """{organisation_id: [item, ...]}: VOGs requested and not in yet, the
    oldest request first; `overdue` after VOG_REQUEST_OVERDUE_WEEKS."""
    found = defaultdict(list)
    for profile in sorted(profiles, key=lambda profile: profile.vog_requested_on or today):
        if profile.vog_pending:
            found[profile.organisation_id].append(
                {
                    "person": profile.user,
                    "requested_on": profile.vog_requested_on,
                    "free": profile.vog_free,
                    "overdue": profile.vog_request_overdue(today),
                }
            )
    return found


def lapsed_by_organisation(today):
    """{organisation_id: [item, ...]}: trainers who lead a group of the
    organisation without a valid qualification."""
    found = defaultdict(list)
    for lapse in lapses(groups_being_led(), today):
        found[lapse.group.organisation_id].append(
            {
                "trainer": lapse.trainer,
                "group": lapse.group,
                "competencies": lapse.competencies,
                "vog": lapse.vog,
            }
        )
    return found


def digest_sections(today):
    """Registered for people.digest.WEEKLY_DIGEST: a section per coordinator
    and organisation with something to report, never about another
    organisation's volunteers."""
    profiles = _profiles()
    parts = {
        "items": expiring_by_organisation(today, profiles),
        "requested": requested_by_organisation(today, profiles),
        "trainers": lapsed_by_organisation(today),
    }
    organisation_ids = {pk for found in parts.values() for pk in found}
    if not organisation_ids:
        return
    memberships = Membership.objects.filter(
        role=Role.COORDINATOR, organisation_id__in=organisation_ids
    ).select_related("user", "organisation")
    url = overview_url()
    for membership in memberships:
        organisation = membership.organisation
        yield DigestSection(
            recipient=membership.user,
            order=30,
            title=format_lazy(_("Volunteers of {name}"), name=organisation.name),
            template="volunteers/email/digest_volunteers",
            context={
                "organisation": organisation,
                **{name: found.get(organisation.pk, []) for name, found in parts.items()},
                "overdue_weeks": settings.VOG_REQUEST_OVERDUE_WEEKS,
                "overview_url": url,
            },
        )
