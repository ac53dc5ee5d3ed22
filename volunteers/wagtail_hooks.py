from django import forms
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from groups.hooks import GROUP_PAGE_SECTION, TRAINER_PROBLEMS
from groups.models import GroupKind
from people.admin_kit.labels import field_label
from people.admin_kit.reports import ReportViewSet
from people.admin_kit.viewsets import ScopedModelViewSet
from people.privacy import ERASE_PERSONAL_DATA, EXPORT_PERSONAL_DATA
from people.sections import MY_WAAKVLAM_SECTION, Section

from . import admin_forms, admin_views
from .models import (
    Competency,
    CompetencyRecord,
    TrainingCompetency,
    VolunteerProfile,
    VolunteerRole,
    VolunteerStatus,
)
from .privacy import erase_volunteer_data, export_volunteer_data
from .qualification import missing_to_lead
from .views import my_competencies_section

register_permission_policy(VolunteerProfile, admin_views.profile_policy)
register_permission_policy(CompetencyRecord, admin_views.record_policy)
register_permission_policy(TrainingCompetency, admin_views.training_competency_policy)
register_permission_policy(Competency, admin_views.KeptPolicy(Competency))
register_permission_policy(VolunteerRole, admin_views.KeptPolicy(VolunteerRole))


class ReadOnlyUrlsMixin:
    """No edit, delete, history or usage screens: what these records say
    is never rewritten."""

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )


class QualificationOverviewViewSet(ReportViewSet):
    view_class = admin_views.QualificationOverviewView
    icon = "table"
    menu_label = _("Qualification overview")

    @cached_property
    def menu_item_class(self):
        def is_shown(_item, request):
            return admin_views.profile_policy.user_has_permission(request.user, "view")

        return type("QualificationMenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        kwargs = {
            "index_url_name": self.get_url_name("index"),
            "index_results_url_name": self.get_url_name("index_results"),
            "header_icon": self.icon,
            "detail_url_name": "volunteer_profiles:inspect",
        }
        return [
            path("", self.view_class.as_view(**kwargs), name="index"),
            path(
                "results/",
                self.view_class.as_view(results_only=True, **kwargs),
                name="index_results",
            ),
        ]


# -------------------------------------------------------------- profiles


def status_column():
    return StatusTagColumn(
        "status",
        accessor="get_status_display",
        label=field_label(VolunteerProfile, "status"),
        sort_key="status",
        primary=lambda profile: profile.status == VolunteerStatus.ACTIVE,
    )


class VolunteerProfileViewSet(ScopedModelViewSet):
    model = VolunteerProfile
    icon = "user"
    menu_label = _("All volunteers")
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    ordering = "user__full_name"
    search_fields = ["user__full_name", "user__email"]
    filterset_class = admin_views.VolunteerProfileFilterSet
    list_display = [
        "user",
        "organisation",
        status_column(),
        admin_views.RolesWantedColumn(),
        admin_views.DayColumn("vog_date", model=VolunteerProfile),
        admin_views.DayColumn("start_date", model=VolunteerProfile),
    ]
    inspect_view_class = admin_views.VolunteerDetailView
    inspect_view_fields = [
        "user",
        "organisation",
        "status",
        "start_date",
        "roles_wanted",
        "vog_date",
        "notes",
    ]

    _details = [
        FieldPanel("status", widget=forms.RadioSelect),
        FieldPanel("start_date"),
        FieldPanel("roles_wanted", widget=forms.CheckboxSelectMultiple),
        FieldPanel("vog_date"),
        FieldPanel("notes"),
    ]
    create_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("organisation"), *_details],
        base_form_class=admin_forms.VolunteerProfileForm,
    )
    # A profile stays with its person and organisation.
    edit_handler = ObjectList(
        [
            FieldPanel("user", read_only=True),
            FieldPanel("organisation", read_only=True),
            *_details,
        ],
        base_form_class=admin_forms.VolunteerProfileForm,
    )

    @property
    def index_view_class(self):
        return self._scoped(admin_views.VolunteerProfileIndexView)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(delete_url_name=None, **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            record_add_url_name="competency_records:add",
            record_inspect_url_name="competency_records:inspect",
            enrol_url_name=self.get_url_name("enrol"),
            **kwargs,
        )

    @property
    def enrol_view(self):
        return self.construct_view(
            admin_views.EnrolInTrainingView, detail_url_name=self.get_url_name("inspect")
        )

    def get_urlpatterns(self):
        kept = [p for p in super().get_urlpatterns() if p.name != "delete"]
        return [*kept, path("enrol/<int:pk>/", self.enrol_view, name="enrol")]


# -------------------------------------------------------------- records


class CompetencyRecordViewSet(ReadOnlyUrlsMixin, ScopedModelViewSet):
    model = CompetencyRecord
    icon = "success"
    menu_label = _("Competency records")
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    ordering = "-achieved_on"
    search_fields = ["volunteer__full_name", "volunteer__email"]
    filterset_class = admin_views.CompetencyRecordFilterSet
    list_display = [
        "competency",
        "volunteer",
        admin_views.DayColumn("achieved_on", model=CompetencyRecord),
        admin_views.DayColumn("expires_on", model=CompetencyRecord, empty=_("Does not expire")),
        Column(
            "source",
            label=field_label(CompetencyRecord, "source"),
            accessor="get_source_display",
            sort_key="source",
        ),
        "recorded_by",
    ]
    inspect_view_class = admin_views.CompetencyRecordInspectView
    inspect_view_fields = [
        "volunteer",
        "competency",
        "achieved_on",
        "expires_on",
        "source",
        "evidence",
        "note",
        "training",
        "recorded_by",
        "recorded_at",
    ]
    add_view_class = admin_views.CompetencyRecordCreateView
    edit_handler = ObjectList(
        [
            FieldPanel("volunteer"),
            FieldPanel("competency"),
            FieldPanel("achieved_on"),
            FieldPanel("expires_on"),
            FieldPanel("source"),
            FieldPanel("evidence"),
            FieldPanel("note"),
        ],
        base_form_class=admin_forms.CompetencyRecordForm,
    )

    @property
    def index_view_class(self):
        return self._scoped(admin_views.CompetencyRecordIndexView)

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            detail_url_name="volunteer_profiles:inspect",
            inspect_url_name=self.get_url_name("inspect"),
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


# -------------------------------------------------------------- framework


class CompetencyViewSet(ModelViewSet):
    model = Competency
    icon = "tasks"
    menu_label = _("Competencies")
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = ["name", "category", "validity_months"]
    search_fields = ["name", "description"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("category"),
            FieldPanel("description"),
            FieldPanel("validity_months"),
        ],
        base_form_class=admin_forms.CompetencyForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(delete_url_name=None, **kwargs)


class VolunteerRoleViewSet(ModelViewSet):
    model = VolunteerRole
    icon = "form"
    menu_label = _("Volunteer roles")
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = ["name", "requires_vog"]
    search_fields = ["name", "description"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("description"),
            FieldPanel("competencies", widget=forms.CheckboxSelectMultiple),
            FieldPanel("requires_vog"),
        ],
        base_form_class=admin_forms.VolunteerRoleForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(delete_url_name=None, **kwargs)


class TrainingCompetencyViewSet(ScopedModelViewSet):
    model = TrainingCompetency
    icon = "doc-full"
    menu_label = _("Trainings and competencies")
    add_to_reference_index = False
    copy_view_enabled = False
    list_per_page = 50
    ordering = "training__title"
    list_filter = ["competency"]
    list_display = ["competency", admin_views.TrainingColumn()]
    edit_handler = ObjectList(
        [FieldPanel("training", widget=forms.Select), FieldPanel("competency")],
        base_form_class=admin_forms.TrainingCompetencyForm,
    )

    @property
    def index_view_class(self):
        return self._scoped(admin_views.TrainingCompetencyIndexView)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(usage_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "usage"]


class VolunteersViewSetGroup(ModelViewSetGroup):
    menu_label = _("Volunteers")
    menu_icon = "user"
    menu_order = 198
    items = (
        QualificationOverviewViewSet("qualification", url_prefix="volunteers/overview"),
        VolunteerProfileViewSet("volunteer_profiles", url_prefix="volunteers/profiles"),
        CompetencyRecordViewSet("competency_records", url_prefix="volunteers/records"),
        CompetencyViewSet("competencies", url_prefix="volunteers/competencies"),
        VolunteerRoleViewSet("volunteer_roles", url_prefix="volunteers/roles"),
        TrainingCompetencyViewSet(
            "training_competencies", url_prefix="volunteers/training-competencies"
        ),
    )


@hooks.register("register_admin_viewset")
def register_volunteers_viewsets():
    return VolunteersViewSetGroup()


@hooks.register("register_admin_urls")
def register_evidence_url():
    # Under /admin/: Wagtail lets only people with admin access in; the view
    # then allows only the volunteer's coordinators.
    return [
        path(
            "volunteers/evidence/<int:pk>/",
            admin_views.evidence_download,
            name="volunteers_evidence",
        )
    ]


@hooks.register(MY_WAAKVLAM_SECTION, order=30)
def my_competencies(request):
    context = my_competencies_section(request)
    return Section("volunteers/my_competencies.html", context) if context else None


hooks.register(TRAINER_PROBLEMS, missing_to_lead)
hooks.register(EXPORT_PERSONAL_DATA, export_volunteer_data)
hooks.register(ERASE_PERSONAL_DATA, erase_volunteer_data)


@hooks.register(GROUP_PAGE_SECTION, order=40)
def competencies_section(request, page):
    if page.kind != GroupKind.TRAINING:
        return None
    awarded = list(page.awarded_competencies.all())
    return (
        Section("volunteers/group_page_competencies.html", {"competencies": awarded})
        if awarded
        else None
    )
