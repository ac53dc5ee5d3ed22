"""Reads about people that more than one screen needs."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail import hooks

from .models import Membership

# Higher apps add the people an organisation works with who hold no role
# there (groups: its participants and trainers): fn(organisations) -> user ids.
ORGANISATION_PEOPLE = "waakvlam_organisation_people"


def people_linked_to_q(organisations):
    """A filter on users: a role in one of `organisations`, or linked to
    them through a higher app (ORGANISATION_PEOPLE)."""
    scope = Q(pk__in=Membership.objects.filter(organisation__in=organisations).values("user"))
    for people_of in hooks.get_hooks(ORGANISATION_PEOPLE):
        scope |= Q(pk__in=people_of(organisations))
    return scope


def people_linked_to(organisations):
    """The people `organisations` (a queryset) already work with."""
    return get_user_model().objects.filter(people_linked_to_q(organisations))
