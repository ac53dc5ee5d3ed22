"""Reads of the offer."""

from people.models import Role
from people.permissions import organisations_with_role

from ..models import GroupPage


def managed_groups(user):
    """The groups whose meetings and sign-ups `user` may manage."""
    organisations = organisations_with_role(user, Role.COORDINATOR)
    return GroupPage.objects.filter(organisation__in=organisations).order_by("title")
