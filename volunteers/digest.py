"""The volunteers' section of the coordinators' weekly digest
(people.digest): per organisation they coordinate, what of its volunteers
expires soon or has expired."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from people.digest import DigestSection
from people.models import Membership, Role

from .models import VolunteerProfile, VolunteerStatus
from .qualification import latest_records

# The admin's qualification overview (volunteers.admin.viewsets); the admin
# home should that ever be gone.
OVERVIEW_URL_NAMES = ["qualification:index", "wagtailadmin_home"]


def overview_url():
    for name in OVERVIEW_URL_NAMES:
        try:
            return f"{settings.SITE_URL}{reverse(name)}"
        except NoReverseMatch:
            continue
    return f"{settings.SITE_URL}/admin/"


def _item(*, person, expires_on, today, competency=None, profile=None):
    return {
        "person": person,
        "competency": competency,
        "profile": profile,
        "expires_on": expires_on,
        "expired": expires_on < today,
    }


def expiring_by_organisation(today):
    """{organisation_id: [item, ...]}: the newest competency records and
    the VOGs of each organisation's active volunteers that expire within
    the renewal window or have expired, soonest first."""
    horizon = today + datetime.timedelta(days=settings.RENEWAL_WINDOW_DAYS)
    profiles = list(
        VolunteerProfile.objects.filter(
            status=VolunteerStatus.ACTIVE, user__is_active=True
        ).select_related("user")
    )
    latest = latest_records({profile.user_id for profile in profiles})
    expiring = defaultdict(list)
    for (user_id, _competency_id), record in latest.items():
        if record.expires_on and record.expires_on <= horizon:
            expiring[user_id].append(record)
    found = defaultdict(list)
    for profile in profiles:
        for record in expiring[profile.user_id]:
            found[profile.organisation_id].append(
                _item(
                    person=profile.user,
                    competency=record.competency,
                    expires_on=record.expires_on,
                    today=today,
                )
            )
        if profile.vog_date and profile.vog_expires_on <= horizon:
            found[profile.organisation_id].append(
                _item(
                    person=profile.user,
                    profile=profile,
                    expires_on=profile.vog_expires_on,
                    today=today,
                )
            )
    for items in found.values():
        items.sort(
            key=lambda item: (
                item["expires_on"],
                item["person"].full_name,
                item["competency"].name if item["competency"] else "",
            )
        )
    return found


def digest_sections(today):
    """Registered for people.digest.WEEKLY_DIGEST: a section per coordinator
    and organisation with something to report."""
    found = expiring_by_organisation(today)
    if not found:
        return
    memberships = Membership.objects.filter(
        role=Role.COORDINATOR, organisation_id__in=found
    ).select_related("user", "organisation")
    url = overview_url()
    for membership in memberships:
        organisation = membership.organisation
        yield DigestSection(
            recipient=membership.user,
            order=30,
            title=format_lazy(_("Volunteers of {name}"), name=organisation.name),
            template="volunteers/email/digest_expiry",
            context={
                "organisation": organisation,
                "items": found[organisation.pk],
                "days": settings.RENEWAL_WINDOW_DAYS,
                "overview_url": url,
            },
        )
