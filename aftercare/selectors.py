"""Reads of the aftercare app: who may be a steady contact, and the plans a
person sees as contact or as the person the plan is about."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from people.models import Membership, Role
from volunteers.models import CompetencyRecord

from .models import AftercarePlan, AftercareSettings

# Who may be a steady contact: the organisation's volunteers and trainers
# (and coordinators, who often are both).
CONTACT_ROLES = (Role.VOLUNTEER, Role.TRAINER, Role.COORDINATOR)


def required_competency(organisation):
    settings = AftercareSettings.objects.filter(organisation=organisation).first()
    return settings.competency if settings else None


def eligible_contacts(organisation, today=None):
    """Volunteers and trainers of `organisation` who hold the competency it
    requires for aftercare, valid today."""
    today = today or timezone.localdate()
    members = Membership.objects.filter(organisation=organisation, role__in=CONTACT_ROLES)
    people = get_user_model().objects.filter(pk__in=members.values("user_id"))
    competency = required_competency(organisation)
    if competency is not None:
        # A renewal is a later record, so any record still valid counts.
        valid = CompetencyRecord.objects.filter(competency=competency).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today)
        )
        people = people.filter(pk__in=valid.values("volunteer_id"))
    # Someone who cannot log in (no e-mail, anonymised) cannot keep contact.
    return people.exclude(email__endswith=".invalid").order_by("full_name", "email")


def plans_of_contact(user):
    """The running plans `user` is the steady contact of."""
    return AftercarePlan.objects.running().for_contact(user).select_related("person")


def plans_of_person(user):
    """The person's own plans, newest first (closed ones keep their card)."""
    return AftercarePlan.objects.filter(person=user).select_related("organisation", "contact")
