"""The "Nazorg" menu of the admin: the plans (listing, opening, the page
about one plan and its actions), the late moments, the report and the
organisation's settings. The registered policies decide what exists."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSetGroup

from people.admin_kit.viewsets import ScopedModelViewSet

from ..models import AftercarePlan, AftercareSettings
from .actions import ACTION_VIEWS, PlanOpenView
from .forms import AftercareSettingsForm
from .overdue import OverdueListViewSet
from .plans import PlanDetailView, PlanFilterSet, PlanIndexView, plan_columns
from .reports import AftercareReportViewSet


class AftercarePlanViewSet(ScopedModelViewSet):
    model = AftercarePlan
    # Every look at a plan's page is written in the audit trail, about the person.
    audit_subject = "person"
    icon = "group"
    menu_label = _("Aftercare plans")
    add_to_reference_index = False
    inspect_view_enabled = True
    # A plan changes only through its actions, each with its service.
    edit_view_enabled = False
    list_per_page = 50
    ordering = "-opened_on"
    search_fields = ["person__full_name"]
    filterset_class = PlanFilterSet
    list_display = plan_columns()
    inspect_view_class = PlanDetailView
    form_fields = []

    @property
    def index_view_class(self):
        return self._scoped(PlanIndexView)

    @property
    def add_view(self):
        return self.construct_view(PlanOpenView, inspect_url_name=self.get_url_name("inspect"))

    def action_url_names(self):
        return {name: self.get_url_name(name) for name, _route, _view in ACTION_VIEWS}

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(action_url_names=self.action_url_names(), **kwargs)

    def get_urlpatterns(self):
        actions = [
            path(
                f"{route}/<int:pk>/",
                self.construct_view(view, inspect_url_name=self.get_url_name("inspect")),
                name=name,
            )
            for name, route, view in ACTION_VIEWS
        ]
        return [*super().get_urlpatterns(), *actions]


class AftercareSettingsViewSet(ScopedModelViewSet):
    model = AftercareSettings
    icon = "cog"
    menu_label = _("Aftercare settings")
    add_to_reference_index = False
    list_display = ["organisation", "competency"]
    create_handler = ObjectList(
        [FieldPanel("organisation"), FieldPanel("competency")],
        base_form_class=AftercareSettingsForm,
    )
    edit_handler = ObjectList(
        [FieldPanel("organisation", read_only=True), FieldPanel("competency")],
        base_form_class=AftercareSettingsForm,
    )


class AftercareViewSetGroup(ModelViewSetGroup):
    menu_label = _("Aftercare")
    menu_icon = "group"
    menu_order = 195
    items = (
        AftercarePlanViewSet("aftercare_plans"),
        OverdueListViewSet("aftercare_overdue"),
        AftercareReportViewSet(
            "aftercare_report",
            see_also=(_("Late contact moments"), "aftercare_overdue:index", "warning"),
        ),
        AftercareSettingsViewSet("aftercare_settings"),
    )
