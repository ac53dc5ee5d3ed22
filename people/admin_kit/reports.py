"""The base of every coordinator's report: a Wagtail report view whose
filters choose *what* to report on, with the formula-safe export, and a
viewset that puts it in the menu for those its policy lets see it."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django_filters import ModelChoiceFilter
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton

from people.audit.services import EXPORT, VIEW, audit_log
from people.models import Role
from people.permissions import organisations_with_role

from .exports import SafeSpreadsheetExportMixin


class OrganisationChoiceFilter(ModelChoiceFilter):
    """One of the organisations the user coordinates."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "queryset",
            lambda request: organisations_with_role(request.user, Role.COORDINATOR).order_by(
                "name"
            ),
        )
        super().__init__(*args, **kwargs)


class WaakvlamReportView(SafeSpreadsheetExportMixin, ReportView):
    """A report whose filters choose *what* to report on (a group, an
    organisation); the rows are built by the view, not filtered. Set
    `permission_policy`; "view" on it opens the report."""

    permission_required = "view"
    paginate_by = None  # a matrix or a year split over pages cannot be read
    # (label, url name, icon) of a related report, as a header button.
    see_also = None

    def filter_queryset(self, queryset):
        return queryset

    def can_export(self):
        """Whether there is something to export yet (a group was chosen)."""
        return True

    def get(self, request, *args, **kwargs):
        # Asked to export before anything is chosen: show the page, which
        # asks for the choice.
        self.is_export = self.is_export and self.can_export()
        response = super().get(request, *args, **kwargs)
        if self.can_export():
            self.audit()
        return response

    def audit(self):
        """Who saw or exported this report, with which filters (names of
        groups and organisations, never the rows)."""
        valid = self.filters is not None and self.filters.is_valid()
        chosen = self.filters.form.cleaned_data if valid else {}
        filters = {name: str(value) for name, value in chosen.items() if value not in (None, "")}
        data = {"report": self.index_url_name, **filters}
        if self.is_export:
            data["format"] = self.request.GET.get("export")
        audit_log(
            user=self.request.user,
            action=EXPORT if self.is_export else VIEW,
            label=self.page_title,
            data=data,
        )

    @cached_property
    def header_buttons(self):
        # Also keeps a header button container on the page from the start:
        # when a filter adds the export buttons, Wagtail moves them into it.
        if not self.see_also:
            return []
        label, url_name, icon = self.see_also
        return [HeaderButton(label, url=reverse(url_name), icon_name=icon)]

    def chosen(self, name):
        """The filter's choice; a choice the user may not make is a 404, as
        when the URL of another organisation's record is typed."""
        if self.filters.is_valid():
            value = self.filters.form.cleaned_data.get(name)
            if value is not None:
                return value
        if self.request.GET.get(name):
            raise Http404
        return None

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["csv_export_url"] = self.csv_export_url
        context["xlsx_export_url"] = self.xlsx_export_url
        return context


class ReportViewSet(ViewSet):
    """One report in the admin menu, shown only to those whose "view" its
    view's policy grants."""

    view_class = None
    menu_label = ""
    see_also = None

    @cached_property
    def menu_item_class(self):
        policy = self.view_class.permission_policy

        def is_shown(_item, request):
            return policy.user_has_permission(request.user, "view")

        return type(f"{self.view_class.__name__}MenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_view_kwargs(self):
        return {
            "index_url_name": self.get_url_name("index"),
            "index_results_url_name": self.get_url_name("index_results"),
            "header_icon": self.icon,
            "see_also": self.see_also,
        }

    def get_urlpatterns(self):
        kwargs = self.get_view_kwargs()
        return [
            path("", self.view_class.as_view(**kwargs), name="index"),
            path(
                "results/",
                self.view_class.as_view(results_only=True, **kwargs),
                name="index_results",
            ),
        ]
