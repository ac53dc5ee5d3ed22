"""The steady contact's section of Mijn Waakvlam: "Mijn nazorgcontacten"
(registered in aftercare.wagtail_hooks)."""

from django.utils import timezone

from people.permissions import has_role
from people.sections import Section

from ..selectors import CONTACT_ROLES
from .selectors import contact_overview


def my_aftercare_contacts(request):
    """Only for someone who may be a steady contact and is one: nothing
    (and no query) for the participants."""
    user = request.user
    if not any(has_role(user, role) for role in CONTACT_ROLES):
        return None
    overview = contact_overview(user, timezone.localdate())
    if overview.is_empty:
        return None
    return Section("aftercare/contacts/my_contacts.html", {"overview": overview})
