from django import forms
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import yesno
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from people.admin_kit.labels import field_label
from people.admin_kit.policies import OrganisationScopedPolicy
from people.admin_kit.viewsets import ScopedModelViewSet, add_and_edit_handlers
from people.permissions import may_edit_pages, may_manage_organisation
from people.privacy import ERASE_PERSONAL_DATA, EXPORT_PERSONAL_DATA
from people.sections import MY_WAAKVLAM_SECTION, Section

from . import admin_views, reports
from .models import Enrolment, EnrolmentStatus, GroupPage, Meeting, MeetingStatus, SavingsCircle
from .privacy import erase_group_data, export_group_data
from .savings_views import my_savings_section
from .views import my_groups_section


class CancelNotDeletePolicy(OrganisationScopedPolicy):
    """Meetings and sign-ups are cancelled, never deleted: attendance, savings
    and the waiting-list order hang on them. Not even a superuser deletes one
    in the admin."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)


register_permission_policy(Meeting, CancelNotDeletePolicy(Meeting, "group__organisation"))
register_permission_policy(Enrolment, CancelNotDeletePolicy(Enrolment, "group__organisation"))
# The ledger's entries hang on a savings circle: it is never deleted either.
register_permission_policy(
    SavingsCircle, CancelNotDeletePolicy(SavingsCircle, "group__organisation")
)


def status_column(model, planned_status):
    return StatusTagColumn(
        "status",
        accessor="get_status_display",
        label=capfirst(model._meta.get_field("status").verbose_name),
        sort_key="status",
        primary=lambda instance: instance.status == planned_status,
    )


class MeetingViewSet(ScopedModelViewSet):
    model = Meeting
    icon = "calendar-alt"
    menu_label = _("Meetings")
    # Meetings are not "usages" of a page for editors; the delete hook below
    # protects group pages instead.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["group", "starts_at", "ends_at", "topic", "location", "status"]
    list_per_page = 50
    ordering = "starts_at"
    filterset_class = admin_views.MeetingFilterSet
    list_display = [
        "group",
        admin_views.LocalDateTimeColumn("starts_at", model=Meeting),
        admin_views.LocalDateTimeColumn("ends_at", model=Meeting, format="H:i"),
        status_column(Meeting, MeetingStatus.PLANNED),
        "topic",
    ]
    add_view_class = admin_views.MeetingCreateView

    # A meeting's time, place or topic change; its group stays.
    create_handler, edit_handler = add_and_edit_handlers(
        "group",
        [FieldPanel(name) for name in ("starts_at", "ends_at", "topic", "location")],
        admin_views.MeetingForm,
    )

    @property
    def index_view_class(self):
        return self._scoped(admin_views.MeetingIndexView)

    @property
    def edit_view_class(self):
        return self._scoped(admin_views.MeetingEditView)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(delete_url_name=None, usage_url_name=None, **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            cancel_url_name=self.get_url_name("cancel"),
            series_url_name=self.get_url_name("series"),
            **kwargs,
        )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(cancel_url_name=self.get_url_name("cancel"), **kwargs)

    @property
    def cancel_view(self):
        return self.construct_view(
            admin_views.MeetingCancelView,
            model=self.model,
            index_url_name=self.get_url_name("index"),
        )

    @property
    def series_view(self):
        return self.construct_view(
            admin_views.MeetingSeriesView,
            index_url_name=self.get_url_name("index"),
            series_url_name=self.get_url_name("series"),
        )

    def get_urlpatterns(self):
        kept = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in ("delete", "usage")
        ]
        return [
            *kept,
            path("series/", self.series_view, name="series"),
            path("cancel/<int:pk>/", self.cancel_view, name="cancel"),
        ]


class EnrolmentViewSet(ScopedModelViewSet):
    model = Enrolment
    icon = "list-ul"
    menu_label = _("Sign-ups and waiting lists")
    # Sign-ups name a participant; they must not show up as page "usage".
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "person",
        "group",
        "status",
        "waiting_position",
        "created_at",
        "enrolled_at",
        "offer_expires_at",
        "enrolled_by",
    ]
    list_per_page = 50
    ordering = "created_at"
    filterset_class = admin_views.EnrolmentFilterSet
    list_display = [
        "person",
        "group",
        status_column(Enrolment, EnrolmentStatus.ENROLLED),
        admin_views.LocalDateTimeColumn("created_at", model=Enrolment),
    ]
    inspect_view_class = admin_views.EnrolmentInspectView

    @property
    def index_view_class(self):
        return self._scoped(admin_views.EnrolmentIndexView)

    def get_common_view_kwargs(self, **kwargs):
        # Read-only apart from the two actions: no add, edit, delete or history.
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def _action_url_names(self):
        return {
            "promote_url_name": self.get_url_name("promote"),
            "cancel_url_name": self.get_url_name("cancel"),
        }

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(**self._action_url_names(), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(**self._action_url_names(), **kwargs)

    def _action_view(self, view_class):
        return self.construct_view(
            view_class, model=self.model, index_url_name=self.get_url_name("index")
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "promote/<int:pk>/",
                self._action_view(admin_views.EnrolmentPromoteView),
                name="promote",
            ),
            path(
                "cancel/<int:pk>/",
                self._action_view(admin_views.EnrolmentCancelView),
                name="cancel",
            ),
        ]


class SavingsCircleViewSet(ScopedModelViewSet):
    model = SavingsCircle
    icon = "tasks"
    menu_label = _("Savings circles")
    add_to_reference_index = False
    copy_view_enabled = False
    list_per_page = 50
    ordering = "group__title"
    list_display = [
        "group",
        "money_kept",
        "cycle_start",
        "cycle_end",
        "bookkeeper",
        # Words, not Wagtail's tick icon: its hidden text is "True"/"False".
        Column(
            "fines_enabled",
            label=field_label(SavingsCircle, "fines_enabled"),
            accessor=lambda circle: capfirst(yesno(circle.fines_enabled)),
        ),
        Column(
            "fine_amount",
            label=field_label(SavingsCircle, "fine_amount"),
            accessor=lambda circle: f"€ {number_format(circle.fine_amount, 2)}",
        ),
    ]
    _settings_panels = [
        FieldPanel("money_kept", widget=forms.RadioSelect),
        FieldPanel("cycle_start"),
        FieldPanel("cycle_end"),
        FieldPanel("bookkeeper", widget=forms.Select),
        FieldPanel("fines_enabled"),
        FieldPanel("fine_amount"),
    ]
    create_handler, edit_handler = add_and_edit_handlers(
        "group", _settings_panels, admin_views.SavingsCircleForm
    )

    @property
    def index_view_class(self):
        return self._scoped(admin_views.SavingsCircleIndexView)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(delete_url_name=None, usage_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in ("delete", "usage")
        ]


class GroupsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Groups")
    menu_icon = "calendar-alt"
    menu_order = 190
    items = (
        MeetingViewSet("meetings"),
        EnrolmentViewSet("enrolments"),
        SavingsCircleViewSet("savings_circles"),
        reports.AttendanceMatrixViewSet(
            "attendance_report",
            see_also=(_("Attendance per month"), "attendance_trend:index", "history"),
        ),
        reports.AttendanceTrendViewSet(
            "attendance_trend",
            see_also=(_("Attendance per group"), "attendance_report:index", "table"),
        ),
    )


@hooks.register("register_admin_viewset")
def register_groups_viewsets():
    return GroupsViewSetGroup()


@hooks.register("register_log_actions")
def register_meeting_log_actions(actions):
    actions.register_action(
        admin_views.CANCEL_MEETING_LOG_ACTION, _("Cancel meeting"), _("Meeting cancelled")
    )


def _has_protected_records(page):
    """Whether this page, or a group below it, has meetings or sign-ups: those
    are PROTECTed and must outlive the page."""
    groups = GroupPage.objects.descendant_of(page, inclusive=True)
    return (
        Meeting.objects.filter(group__in=groups).exists()
        or Enrolment.objects.filter(group__in=groups).exists()
    )


def _refuse(request, page):
    messages.error(
        request,
        _(
            "“%(title)s” cannot be deleted: it has meetings or sign-ups that must be "
            "kept. Unpublish the page instead; then nobody can find it or sign up."
        )
        % {"title": page.get_admin_display_title()},
    )


@hooks.register("before_delete_page")
def refuse_deleting_groups_with_records(request, page):
    if not _has_protected_records(page):
        return None
    _refuse(request, page)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_groups_with_records(request, action_type, objects, action_class):
    if action_type != "delete":
        return None
    protected = [
        page for page in objects if isinstance(page, Page) and _has_protected_records(page)
    ]
    if not protected:
        return None
    for page in protected:
        _refuse(request, page)
    return redirect(
        get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root")
    )


def _may_edit_group_page(user, page):
    """Editors and superusers edit every page; a coordinator only the group
    pages of their own organisations."""
    specific = page.specific
    if not isinstance(specific, GroupPage):
        return True
    return may_edit_pages(user) or may_manage_organisation(user, specific.organisation_id)


@hooks.register("before_edit_page")
def refuse_editing_other_organisations_groups(request, page):
    if not _may_edit_group_page(request.user, page):
        raise Http404


@hooks.register("before_delete_page")
def refuse_deleting_other_organisations_groups(request, page):
    if not _may_edit_group_page(request.user, page):
        raise Http404


@hooks.register(MY_WAAKVLAM_SECTION, order=10)
def my_groups(request):
    return Section("groups/my_groups.html", my_groups_section(request))


@hooks.register(MY_WAAKVLAM_SECTION, order=25)
def my_savings(request):
    context = my_savings_section(request)
    return Section("groups/savings/my_savings.html", context) if context else None


hooks.register(EXPORT_PERSONAL_DATA, export_group_data)
hooks.register(ERASE_PERSONAL_DATA, erase_group_data)
