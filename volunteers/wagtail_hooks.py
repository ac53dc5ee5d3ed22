"""Registrations only: policies, the admin screens and certificate URL, the sections of
Mijn Waakvlam and the group page, the trainer check, the weekly digest and the
personal data hooks."""

from django.urls import include, path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from groups.hooks import GROUP_PAGE_SECTION, TRAINER_FLAGS, TRAINER_LACKING, TRAINER_PROBLEMS
from people.digest import WEEKLY_DIGEST
from people.privacy import ERASE_PERSONAL_DATA, EXPORT_PERSONAL_DATA
from people.sections import MY_WAAKVLAM_SECTION, Section

from .admin import policies
from .admin.evidence import evidence_download
from .admin.viewsets import VolunteersViewSetGroup
from .digest import digest_sections
from .flags import trainer_flags
from .models import (
    Competency,
    CompetencyRecord,
    TrainingCompetency,
    VolunteerProfile,
    VolunteerRole,
)
from .privacy import erase_volunteer_data, export_volunteer_data
from .qualification import lacking_to_lead, missing_to_lead
from .selectors import awarded_competencies
from .views import my_competencies_section

register_permission_policy(VolunteerProfile, policies.profile_policy)
register_permission_policy(CompetencyRecord, policies.record_policy)
register_permission_policy(TrainingCompetency, policies.training_competency_policy)
register_permission_policy(Competency, policies.competency_policy)
register_permission_policy(VolunteerRole, policies.role_policy)


@hooks.register("register_admin_viewset")
def register_volunteers_viewsets():
    return VolunteersViewSetGroup()


@hooks.register("register_admin_urls")
def register_evidence_url():
    # Under /admin/: Wagtail lets only people with admin access in; the view
    # then allows only the volunteer's coordinators.
    evidence = [path("evidence/<int:pk>/", evidence_download, name="evidence")]
    return [path("volunteers/", include((evidence, "volunteers_admin")))]


@hooks.register(MY_WAAKVLAM_SECTION, order=30)
def my_competencies(request):
    context = my_competencies_section(request)
    return Section("volunteers/my_competencies.html", context) if context else None


@hooks.register(GROUP_PAGE_SECTION, order=40)
def competencies_section(request, page):
    competencies = awarded_competencies(page)
    if not competencies:
        return None
    return Section("volunteers/group_page_competencies.html", {"competencies": competencies})


hooks.register(TRAINER_PROBLEMS, missing_to_lead)
hooks.register(TRAINER_LACKING, lacking_to_lead)
hooks.register(TRAINER_FLAGS, trainer_flags)
hooks.register(EXPORT_PERSONAL_DATA, export_volunteer_data)
hooks.register(ERASE_PERSONAL_DATA, erase_volunteer_data)
hooks.register(WEEKLY_DIGEST, digest_sections)
