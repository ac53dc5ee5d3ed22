"""Registers the groups app with Wagtail: permission policies, admin
viewsets, page guards, log actions, and its sections and privacy parts."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from people.admin_kit.page_permissions import WalledPagePermissionPolicy
from people.admin_kit.policies import OrganisationScopedPolicy
from people.privacy import ERASE_PERSONAL_DATA, EXPORT_PERSONAL_DATA
from people.sections import MY_WAAKVLAM_SECTION
from people.selectors import ORGANISATION_PEOPLE

from . import sections
from .attendance.admin import AttendanceMatrixViewSet, AttendanceTrendViewSet
from .attendance.attention_admin import AttentionListViewSet
from .attendance.privacy import (
    erase_absence_notices,
    erase_attention_notes,
    export_absence_notices,
    export_attendance,
    export_attention_signals,
)
from .hooks import GROUP_PAGE_SECTION
from .models import (
    Closure,
    Enrolment,
    GroupPage,
    GroupPause,
    Meeting,
    OrganisationOfferPage,
    SavingsCircle,
)
from .offer.admin import page_guards
from .offer.admin.meetings import CANCEL_MEETING_LOG_ACTION
from .offer.admin.viewsets import EnrolmentViewSet, MeetingViewSet
from .offer.closures.admin import CANCEL_CLOSURE_MEETINGS_LOG_ACTION, ClosureViewSet
from .offer.closures.pause_admin import PAUSE_LOG_ACTION, RESUME_LOG_ACTION, PauseViewSet
from .offer.privacy import (
    cancel_sign_ups,
    erase_calendar_links,
    erase_invitations,
    export_calendar_links,
    export_groups_led,
    export_invitations,
    export_reminders,
    export_sign_ups,
)
from .savings.admin import SavingsCircleViewSet
from .savings.privacy import erase_savings_text, export_savings

# An organisation's part of the offer is its coordinators' alone: the
# editors' rights on the rest of the site do not reach into it.
register_permission_policy(Page, WalledPagePermissionPolicy((OrganisationOfferPage, GroupPage)))

# Meetings and sign-ups are cancelled, never deleted: attendance, savings and
# the waiting-list order hang on them; a savings circle carries its ledger.
# Not even a superuser deletes one in the admin.
KEPT = ("add", "change", "view")
register_permission_policy(
    Meeting, OrganisationScopedPolicy(Meeting, "group__organisation", permitted_actions=KEPT)
)
register_permission_policy(
    Enrolment,
    OrganisationScopedPolicy(
        Enrolment, "group__organisation", permitted_actions=("change", "view")
    ),
)
# Closures are plain planning records: changed and deleted freely. Pauses
# are the history of a group: resumed, never deleted.
register_permission_policy(Closure, OrganisationScopedPolicy(Closure, "organisation"))
register_permission_policy(
    GroupPause, OrganisationScopedPolicy(GroupPause, "group__organisation", permitted_actions=KEPT)
)
register_permission_policy(
    SavingsCircle,
    OrganisationScopedPolicy(SavingsCircle, "group__organisation", permitted_actions=KEPT),
)


class GroupsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Groups")
    menu_icon = "calendar-alt"
    menu_order = 190
    items = (
        MeetingViewSet("meetings"),
        EnrolmentViewSet("enrolments"),
        ClosureViewSet("closures"),
        PauseViewSet("group_pauses"),
        SavingsCircleViewSet("savings_circles"),
        AttendanceMatrixViewSet(
            "attendance_report",
            see_also=(_("Attendance per month"), "attendance_trend:index", "history"),
        ),
        AttendanceTrendViewSet(
            "attendance_trend",
            see_also=(_("Attendance per group"), "attendance_report:index", "table"),
        ),
        AttentionListViewSet("attention_signals"),
    )


@hooks.register("register_admin_viewset")
def register_groups_viewsets():
    return GroupsViewSetGroup()


@hooks.register("register_log_actions")
def register_meeting_log_actions(actions):
    actions.register_action(CANCEL_MEETING_LOG_ACTION, _("Cancel meeting"), _("Meeting cancelled"))
    actions.register_action(
        CANCEL_CLOSURE_MEETINGS_LOG_ACTION,
        _("Cancel meeting in a closure"),
        _("Meeting cancelled for a closure"),
    )
    actions.register_action(PAUSE_LOG_ACTION, _("Pause group"), _("Group paused"))
    actions.register_action(RESUME_LOG_ACTION, _("Resume group"), _("Group resumed"))


hooks.register("before_delete_page", page_guards.refuse_deleting_groups_with_records)
hooks.register("before_bulk_action", page_guards.refuse_bulk_deleting_groups_with_records)

hooks.register(MY_WAAKVLAM_SECTION, sections.my_invitations, order=5)
hooks.register(MY_WAAKVLAM_SECTION, sections.my_groups, order=10)
hooks.register(MY_WAAKVLAM_SECTION, sections.my_savings_section, order=25)

# On a phone the practical facts (where, costs, whom to ask) and the sign-up
# come first; the description and the help nearby (knowledge, 60) after.
hooks.register(GROUP_PAGE_SECTION, sections.facts, order=5)
hooks.register(GROUP_PAGE_SECTION, sections.sign_up, order=10)
hooks.register(GROUP_PAGE_SECTION, sections.meetings, order=20)
hooks.register(GROUP_PAGE_SECTION, sections.about, order=50)

hooks.register(EXPORT_PERSONAL_DATA, export_sign_ups)
hooks.register(EXPORT_PERSONAL_DATA, export_attendance)
hooks.register(EXPORT_PERSONAL_DATA, export_attention_signals)
hooks.register(EXPORT_PERSONAL_DATA, export_absence_notices)
hooks.register(EXPORT_PERSONAL_DATA, export_calendar_links)
hooks.register(EXPORT_PERSONAL_DATA, export_reminders)
hooks.register(EXPORT_PERSONAL_DATA, export_groups_led)
hooks.register(EXPORT_PERSONAL_DATA, export_savings)
hooks.register(EXPORT_PERSONAL_DATA, export_invitations)
hooks.register(ERASE_PERSONAL_DATA, cancel_sign_ups)
hooks.register(ERASE_PERSONAL_DATA, erase_savings_text)
hooks.register(ERASE_PERSONAL_DATA, erase_calendar_links)
hooks.register(ERASE_PERSONAL_DATA, erase_invitations)
hooks.register(ERASE_PERSONAL_DATA, erase_absence_notices)
hooks.register(ERASE_PERSONAL_DATA, erase_attention_notes)


@hooks.register(ORGANISATION_PEOPLE)
def participants_of(organisations):
    """Whoever signed up for a group of these organisations."""
    return Enrolment.objects.filter(group__organisation__in=organisations).values("person")


@hooks.register(ORGANISATION_PEOPLE)
def trainers_of(organisations):
    """Whoever leads a group of these organisations."""
    return GroupPage.objects.filter(organisation__in=organisations).values("trainers")
