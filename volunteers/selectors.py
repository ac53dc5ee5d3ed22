"""Reads behind the volunteer screens: whom a coordinator may choose, a
volunteer's profiles and records, and the open trainings that help them."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Prefetch, Subquery

from groups.models import Enrolment, GroupKind, GroupPage
from groups.offer.selectors import managed_groups
from people.models import Membership, Organisation, Role
from people.permissions import organisations_with_role, roles_by_organisation

from .models import (
    CompetencyRecord,
    TrainingCompetency,
    VolunteerProfile,
    VolunteerRole,
    VolunteerStatus,
)
from .qualification import ROLE_FOR_GROUP_KIND, latest_records

# The roles that come with a qualification of one's own (and may follow a
# training, see groups.offer.services).
VOLUNTEER_ROLES = (Role.VOLUNTEER, Role.TRAINER, Role.COORDINATOR)


# What a coordinator may choose -------------------------------------------------


def own_organisations(user):
    if user is None:
        return Organisation.objects.none()
    return organisations_with_role(user, Role.COORDINATOR).order_by("name")


def own_members(user):
    """People with a volunteer, trainer or coordinator role in one of the
    organisations `user` coordinates."""
    members = Membership.objects.filter(
        organisation__in=own_organisations(user), role__in=VOLUNTEER_ROLES
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=members).order_by("full_name", "email")


def own_volunteers(user):
    """People with a volunteer profile (not left) in one of the
    organisations `user` coordinates: whose competencies they record."""
    profiles = (
        VolunteerProfile.objects.filter(organisation__in=own_organisations(user))
        .exclude(status=VolunteerStatus.LEFT)
        .values("user_id")
    )
    return get_user_model().objects.filter(pk__in=profiles).order_by("full_name", "email")


def own_trainings(user):
    if user is None:
        return GroupPage.objects.none()
    return managed_groups(user).filter(kind=GroupKind.TRAINING)


def overview_profiles(organisations, status=None):
    """The volunteers (not left) of `organisations` in the qualification
    overview, by name."""
    profiles = (
        VolunteerProfile.objects.filter(organisation__in=organisations)
        .exclude(status=VolunteerStatus.LEFT)
        .select_related("user", "organisation")
        .order_by("user__full_name", "user__email", "organisation__name")
    )
    return profiles.filter(status=status) if status else profiles


def has_volunteers(organisations):
    return VolunteerProfile.objects.filter(organisation__in=organisations).exists()


# One volunteer, for their coordinator --------------------------------------------


def records_of(user_id):
    """Every record of a volunteer, newest first."""
    return (
        CompetencyRecord.objects.filter(volunteer_id=user_id)
        .select_related("competency", "recorded_by", "training")
        .order_by("-achieved_on", "-recorded_at", "-pk")
    )


def open_trainings_awarding(*, organisation_id, competency_ids):
    """Open trainings of the organisation that award any of
    `competency_ids`, the next meeting first."""
    awarding = TrainingCompetency.objects.filter(competency__in=competency_ids)
    return list(
        GroupPage.objects.open_for_enrolment()
        .filter(
            kind=GroupKind.TRAINING,
            organisation=organisation_id,
            pk__in=awarding.values("training_id"),
        )
        .with_counts()
        .prefetch_related("awarded_competencies")
        .order_by("next_meeting_at", "title")
    )


def enrolment_statuses(*, person_id, group_ids):
    """{group id: status} of the person's active sign-ups for those groups."""
    return dict(
        Enrolment.objects.active()
        .filter(person_id=person_id, group__in=group_ids)
        .values_list("group_id", "status")
    )


# The volunteer's own Mijn Waakvlam ------------------------------------------------


def own_profiles(user):
    """The user's volunteer profiles, with the roles they want and what
    those require."""
    return list(
        VolunteerProfile.objects.filter(user=user).prefetch_related("roles_wanted__competencies")
    )


def held_records(user):
    """{competency id: the user's newest record of it}."""
    return {
        competency_id: record
        for (_user, competency_id), record in latest_records([user.pk]).items()
    }


def newest_vog(profiles):
    """The profile with the newest VOG (then the newest request), or None,
    as in qualification.newest_vog_first."""
    return max(
        (profile for profile in profiles if profile.vog_valid_until or profile.vog_requested_on),
        key=lambda profile: (
            profile.vog_valid_until or datetime.date.min,
            profile.vog_requested_on or datetime.date.min,
        ),
        default=None,
    )


def wanted_roles(profiles):
    """The roles wanted in any of the profiles, by name."""
    roles = {role for profile in profiles for role in profile.roles_wanted.all()}
    return sorted(roles, key=lambda role: role.name)


def own_organisation_ids(user, profiles):
    """Where the user volunteers: a volunteer, trainer or coordinator role,
    or a volunteer profile."""
    with_role = {
        organisation_id
        for organisation_id, held_roles in roles_by_organisation(user).items()
        if held_roles & set(VOLUNTEER_ROLES)
    }
    return with_role | {profile.organisation_id for profile in profiles}


def open_trainings_for(user, organisation_ids, today):
    """Open, public trainings of those organisations, with the user's own
    sign-up (if any) and the competencies each one awards (`awards`)."""
    own = Enrolment.objects.active().filter(group=OuterRef("pk"), person=user).order_by("-pk")
    awards = TrainingCompetency.objects.select_related("competency").order_by("competency__name")
    return list(
        GroupPage.objects.open_for_enrolment(today)
        .public()
        .filter(kind=GroupKind.TRAINING, organisation_id__in=organisation_ids)
        .with_counts()
        .annotate(
            own_enrolment_id=Subquery(own.values("pk")[:1]),
            own_status=Subquery(own.values("status")[:1]),
        )
        .prefetch_related(Prefetch("awarded_competencies", queryset=awards, to_attr="awards"))
    )


# The group page -------------------------------------------------------------------


def awarded_competencies(page):
    """What completing the training records, by category and name; nothing
    for a group that is not a training."""
    if page.kind != GroupKind.TRAINING:
        return []
    return [link.competency for link in page.awarded_competencies.all()]


# The qualification overview ---------------------------------------------------------


def in_training(user_ids):
    """{user id: sorted role names} each volunteer is in training for: a
    co-trainer (meeloper) in a live group whose kind needs the role, or
    signed up for a training that awards one of the role's competencies.
    Four queries, whatever the number of volunteers."""
    roles = list(VolunteerRole.objects.prefetch_related("competencies"))
    by_slug = {role.slug: role for role in roles}
    found = {}
    co_training = GroupPage.co_trainers.through.objects.filter(
        user_id__in=user_ids, grouppage__live=True
    ).values_list("user_id", "grouppage__kind")
    for user_id, kind in co_training:
        role = by_slug.get(ROLE_FOR_GROUP_KIND.get(kind))
        if role:
            found.setdefault(user_id, set()).add(role.name)
    awarded = (
        Enrolment.objects.active()
        .filter(person_id__in=user_ids, group__kind=GroupKind.TRAINING)
        .filter(group__awarded_competencies__isnull=False)
        .values_list("person_id", "group__awarded_competencies__competency_id")
    )
    competencies = {}
    for user_id, competency_id in awarded:
        competencies.setdefault(user_id, set()).add(competency_id)
    for user_id, gained in competencies.items():
        for role in roles:
            if gained & {competency.pk for competency in role.competencies.all()}:
                found.setdefault(user_id, set()).add(role.name)
    return {user_id: sorted(names) for user_id, names in found.items()}
