"""The volunteer screens as Wagtail viewsets under "Volunteers" in the admin menu;
the registered policies (see policies) decide which screens exist."""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSetGroup

from people.admin_kit.columns import choice_column, status_column
from people.admin_kit.reports import ReportViewSet
from people.admin_kit.viewsets import KeptRecordsViewSet, ScopedModelViewSet

from ..models import (
    Competency,
    CompetencyRecord,
    TrainingCompetency,
    VolunteerProfile,
    VolunteerRole,
    VolunteerStatus,
)
from . import forms as admin_forms
from .columns import DayColumn, RolesWantedColumn, TrainingColumn, VogColumn
from .framework import TrainingCompetencyIndexView
from .overview import QualificationOverviewView
from .profiles import (
    EnrolInTrainingView,
    VolunteerDetailView,
    VolunteerProfileFilterSet,
    VolunteerProfileIndexView,
)
from .records import (
    CompetencyRecordCreateView,
    CompetencyRecordFilterSet,
    CompetencyRecordIndexView,
    CompetencyRecordInspectView,
)


class QualificationOverviewViewSet(ReportViewSet):
    view_class = QualificationOverviewView
    icon = "table"
    menu_label = _("Qualification overview")

    def get_view_kwargs(self):
        return {**super().get_view_kwargs(), "detail_url_name": "volunteer_profiles:inspect"}


class VolunteerProfileViewSet(ScopedModelViewSet):
    model = VolunteerProfile
    audit_subject = "user"
    icon = "user"
    menu_label = _("All volunteers")
    add_to_reference_index = False
    inspect_view_enabled = True
    list_per_page = 50
    ordering = "user__full_name"
    search_fields = ["user__full_name", "user__email"]
    filterset_class = VolunteerProfileFilterSet
    list_display = [
        "user",
        "organisation",
        status_column(VolunteerProfile, VolunteerStatus.ACTIVE),
        RolesWantedColumn(),
        VogColumn(),
        DayColumn("start_date", model=VolunteerProfile),
    ]
    inspect_view_class = VolunteerDetailView
    inspect_view_fields = [
        "user",
        "organisation",
        "status",
        "start_date",
        "roles_wanted",
        "vog_valid_until",
        "vog_requested_on",
        "vog_received_on",
        "vog_free",
        "notes",
    ]

    _details = [
        FieldPanel("status", widget=forms.RadioSelect),
        FieldPanel("start_date"),
        FieldPanel("roles_wanted", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("vog_requested_on"),
                FieldPanel("vog_free"),
                FieldPanel("vog_received_on"),
                FieldPanel("vog_valid_until"),
            ],
            heading=_("Certificate of conduct (VOG)"),
        ),
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
        return self._scoped(VolunteerProfileIndexView)

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
            EnrolInTrainingView, detail_url_name=self.get_url_name("inspect")
        )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("enrol/<int:pk>/", self.enrol_view, name="enrol")]


class CompetencyRecordViewSet(ScopedModelViewSet):
    model = CompetencyRecord
    audit_subject = "volunteer"
    icon = "success"
    menu_label = _("Competency records")
    add_to_reference_index = False
    inspect_view_enabled = True
    list_per_page = 50
    ordering = "-achieved_on"
    search_fields = ["volunteer__full_name", "volunteer__email"]
    filterset_class = CompetencyRecordFilterSet
    list_display = [
        "competency",
        "volunteer",
        DayColumn("achieved_on", model=CompetencyRecord),
        DayColumn("expires_on", model=CompetencyRecord, empty=_("Does not expire")),
        choice_column(CompetencyRecord, "source"),
        "recorded_by",
    ]
    inspect_view_class = CompetencyRecordInspectView
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
    add_view_class = CompetencyRecordCreateView
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
        return self._scoped(CompetencyRecordIndexView)

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            detail_url_name="volunteer_profiles:inspect",
            inspect_url_name=self.get_url_name("inspect"),
            **kwargs,
        )


class CompetencyViewSet(KeptRecordsViewSet):
    model = Competency
    icon = "tasks"
    menu_label = _("Competencies")
    add_to_reference_index = False
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


class VolunteerRoleViewSet(KeptRecordsViewSet):
    model = VolunteerRole
    icon = "form"
    menu_label = _("Volunteer roles")
    add_to_reference_index = False
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


class TrainingCompetencyViewSet(ScopedModelViewSet):
    model = TrainingCompetency
    icon = "doc-full"
    menu_label = _("Trainings and competencies")
    add_to_reference_index = False
    list_per_page = 50
    ordering = "training__title"
    list_filter = ["competency"]
    list_display = ["competency", TrainingColumn()]
    edit_handler = ObjectList(
        [FieldPanel("training", widget=forms.Select), FieldPanel("competency")],
        base_form_class=admin_forms.TrainingCompetencyForm,
    )

    @property
    def index_view_class(self):
        return self._scoped(TrainingCompetencyIndexView)


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
