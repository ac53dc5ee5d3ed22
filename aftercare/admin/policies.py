"""Who may do what with aftercare in the admin: the coordinators of the
plan's organisation (superusers all), nobody else. Plans hang on to their
history, moments and successes: never deleted in the admin; they close."""

from people.admin_kit.policies import OrganisationScopedPolicy

from ..models import AftercarePlan, AftercareSettings, ContactMoment

plan_policy = OrganisationScopedPolicy(
    AftercarePlan, "organisation", permitted_actions=("add", "change", "view")
)
# The overdue list and the report only read the moments.
moment_policy = OrganisationScopedPolicy(
    ContactMoment, "plan__organisation", permitted_actions=("view",)
)
settings_policy = OrganisationScopedPolicy(
    AftercareSettings, "organisation", permitted_actions=("add", "change", "view")
)
