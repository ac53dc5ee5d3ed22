"""The coordinators' attendance reports in the admin: Wagtail report views
with filters and the formula-safe CSV/XLSX export (people.admin_kit)."""

from collections import OrderedDict

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from people.admin_kit.labels import field_label
from people.admin_kit.policies import OrganisationScopedPolicy
from people.admin_kit.reports import OrganisationChoiceFilter, ReportViewSet, WaakvlamReportView
from people.models import Role
from people.permissions import organisations_with_role

from ..offer.admin.filters import GroupChoiceFilter, group_label
from ..offer.models import Meeting
from ..offer.pages import GroupPage
from ..offer.selectors import managed_groups
from .models import Attendance, AttendanceStatus
from .reports import Cell, attendance_by_month, attendance_matrix, bar_chart

# Reports show attendance: a coordinator has "view attendance" (the
# Coordinatoren group) and sees only their own organisations.
attendance_policy = OrganisationScopedPolicy(
    Attendance, "meeting__group__organisation", permitted_actions=("view",)
)


class AttendanceMatrixFilterSet(WagtailFilterSet):
    group = GroupChoiceFilter(
        label=field_label(Meeting, "group"), method="choose", empty_label=_("Choose a group")
    )

    class Meta:
        model = Attendance
        fields = []

    def choose(self, queryset, name, value):
        return queryset  # the group chooses the report; it filters no rows


class AttendanceMatrixView(WaakvlamReportView):
    permission_policy = attendance_policy
    page_title = _("Attendance per group")
    results_template_name = "groups/reports/attendance_matrix_results.html"
    filterset_class = AttendanceMatrixFilterSet

    @cached_property
    def group(self):
        return self.chosen("group")

    @cached_property
    def matrix(self):
        return attendance_matrix(self.group) if self.group else None

    def get_queryset(self):
        return self.matrix.rows if self.matrix else []

    def can_export(self):
        return self.group is not None

    @property
    def list_export(self):
        if not self.matrix:
            return []
        return [
            "person",
            *(column.key for column in self.matrix.columns),
            "attended",
            "registered",
            "rate",
        ]

    @property
    def export_headings(self):
        headings = {
            "person": field_label(Attendance, "person"),
            "attended": _("Present or late"),
            "registered": _("Registered"),
            "rate": _("Attendance rate (%)"),
        }
        for column in self.matrix.columns if self.matrix else []:
            headings[column.key] = column.heading
        return headings

    def to_row_dict(self, item):
        # The full word, not the letter: a spreadsheet has no legend.
        row = OrderedDict(person=str(item.person))
        for column, cell in zip(self.matrix.columns, item.cells, strict=True):
            row[column.key] = cell.label if cell.status else ""
        row.update(attended=item.attended, registered=item.registered, rate=item.rate)
        return row

    def get_filename(self):
        return "-".join(
            [slugify(gettext("attendance")), slugify(self.group.title), str(timezone.localdate())]
        )

    def get_page_subtitle(self):
        return group_label(self.group) if self.group else ""

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(
            group=self.group,
            matrix=self.matrix,
            legend=[Cell.of(status) for status in [*AttendanceStatus, None]],
            # Without a choice yet: the groups to choose from, as links.
            groups=[] if self.group else list(managed_groups(self.request.user)),
        )
        return context


class AttendanceTrendFilterSet(WagtailFilterSet):
    # No empty choice: without one, the report shows the first organisation.
    organisation = OrganisationChoiceFilter(
        label=field_label(GroupPage, "organisation"), method="choose", empty_label=None
    )

    class Meta:
        model = Attendance
        fields = []

    def choose(self, queryset, name, value):
        return queryset  # the organisation chooses the report; it filters no rows


class AttendanceTrendView(WaakvlamReportView):
    permission_policy = attendance_policy
    page_title = _("Attendance per month")
    results_template_name = "groups/reports/attendance_trend_results.html"
    filterset_class = AttendanceTrendFilterSet
    list_export = ["label", "meetings", "registered", "attended", "rate"]

    @cached_property
    def organisation(self):
        chosen = self.chosen("organisation")
        if chosen is not None:
            return chosen
        # Most coordinators have one organisation: show it straight away.
        return organisations_with_role(self.request.user, Role.COORDINATOR).order_by("name").first()

    @cached_property
    def export_headings(self):
        return {
            "label": _("Month"),
            "meetings": _("Meetings"),
            "registered": _("Registered"),
            "attended": _("Present or late"),
            "rate": _("Attendance rate (%)"),
        }

    def get_queryset(self):
        return attendance_by_month(self.organisation) if self.organisation else []

    def get_filename(self):
        return "-".join(
            [
                slugify(gettext("attendance")),
                slugify(self.organisation.name if self.organisation else ""),
                str(timezone.localdate()),
            ]
        )

    def get_page_subtitle(self):
        return self.organisation.name if self.organisation else ""

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = context["object_list"]
        context.update(
            organisation=self.organisation,
            chart=bar_chart(rows) if rows else None,
            has_data=any(row.registered for row in rows),
        )
        return context


class AttendanceMatrixViewSet(ReportViewSet):
    view_class = AttendanceMatrixView
    icon = "table"
    menu_label = _("Attendance per group")


class AttendanceTrendViewSet(ReportViewSet):
    view_class = AttendanceTrendView
    icon = "history"
    menu_label = _("Attendance per month")
