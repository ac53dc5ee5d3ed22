"""The aftercare section of the coordinators' weekly digest
(people.digest): how many contact moments of their organisation are late,
with first names and days only (never a note), and a link to the list."""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from people.digest import DigestSection
from people.models import Membership, Role

from .admin.overdue import overdue_moments
from .models import ContactMoment

# Enough to act on; the rest is in the list.
DIGEST_MAX_ITEMS = 10


def overdue_by_organisation(today):
    """{organisation_id: [moment, ...]}: late moments, the oldest first."""
    found = defaultdict(list)
    for moment in overdue_moments(ContactMoment.objects.all(), today):
        found[moment.plan.organisation_id].append(moment)
    return found


def digest_sections(today):
    """Registered for people.digest.WEEKLY_DIGEST: a section per coordinator
    and organisation with late moments, never another organisation's."""
    found = overdue_by_organisation(today)
    if not found:
        return
    memberships = Membership.objects.filter(
        role=Role.COORDINATOR, organisation_id__in=found
    ).select_related("user", "organisation")
    url = f"{settings.SITE_URL}{reverse('aftercare_overdue:index')}"
    for membership in memberships:
        moments = found[membership.organisation_id]
        yield DigestSection(
            recipient=membership.user,
            order=35,
            title=format_lazy(_("Aftercare at {name}"), name=membership.organisation.name),
            template="aftercare/email/digest_overdue",
            context={
                "count": len(moments),
                "items": [
                    {"first_name": moment.plan.person.get_short_name(), "due_on": moment.due_on}
                    for moment in moments[:DIGEST_MAX_ITEMS]
                ],
                "more": max(len(moments) - DIGEST_MAX_ITEMS, 0),
                "overdue_url": url,
            },
        )
