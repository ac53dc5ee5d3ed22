"""Who may do what with volunteers' records in the admin: coordinators of
the volunteer's organisation, and only what may ever be done to each kind."""

from people.admin_kit.policies import KeptRecordsPolicy, OrganisationScopedPolicy
from people.models import Role
from people.permissions import organisations_with_role

from ..models import (
    Competency,
    CompetencyRecord,
    TrainingCompetency,
    VolunteerProfile,
    VolunteerRole,
)

# Never deleted: other records hang on these.
KEPT = ("add", "change", "view")


class CompetencyRecordPolicy(OrganisationScopedPolicy):
    """A record belongs to a person, not to an organisation: a coordinator
    sees the records of the people with a volunteer profile in one of their
    organisations (a superuser: all records)."""

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return CompetencyRecord.objects.none()
        if user.is_superuser:
            return CompetencyRecord.objects.all()
        volunteers = VolunteerProfile.objects.filter(
            organisation__in=organisations_with_role(user, Role.COORDINATOR)
        ).values("user_id")
        return CompetencyRecord.objects.filter(volunteer__in=volunteers)


# Profiles are kept (status "left"): records, reminders and trainings hang
# on them.
profile_policy = OrganisationScopedPolicy(VolunteerProfile, "organisation", permitted_actions=KEPT)
# Added and looked at, never changed or deleted, not even by a superuser: a
# renewal is a new record.
record_policy = CompetencyRecordPolicy(
    CompetencyRecord, "volunteer", permitted_actions=("add", "view")
)
training_competency_policy = OrganisationScopedPolicy(TrainingCompetency, "training__organisation")
# Records point to competencies (PROTECT); the trainer checks name roles.
competency_policy = KeptRecordsPolicy(Competency, permitted_actions=KEPT)
role_policy = KeptRecordsPolicy(VolunteerRole, permitted_actions=KEPT)
