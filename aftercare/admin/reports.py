"""The coordinators' aftercare report: for an organisation and a period,
plans per phase, moments done on time, people reached, referrals taken
along and successes by kind. Counts only, with charts and the export."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import DateFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput

from people.admin_kit.reports import OrganisationChoiceFilter, ReportViewSet, WaakvlamReportView
from people.models import Role
from people.permissions import organisations_with_role

from ..models import AftercarePlan
from .figures import GRACE_DAYS, aftercare_figures, bar_chart
from .policies import plan_policy

# Without a choice: the last twelve months.
DEFAULT_DAYS = 365


class AftercareReportFilterSet(WagtailFilterSet):
    organisation = OrganisationChoiceFilter(
        label=_("Organisation"), method="choose", empty_label=_("Choose an organisation")
    )
    start = DateFilter(label=_("From"), method="choose", widget=AdminDateInput)
    end = DateFilter(label=_("Up to and including"), method="choose", widget=AdminDateInput)

    class Meta:
        model = AftercarePlan
        fields = []

    def choose(self, queryset, name, value):
        return queryset  # the choices say what to count; they filter no rows


class AftercareReportView(WaakvlamReportView):
    permission_policy = plan_policy
    page_title = _("Aftercare report")
    results_template_name = "aftercare/admin/report_results.html"
    filterset_class = AftercareReportFilterSet
    list_export = ["section", "label", "count", "total", "rate"]

    @cached_property
    def export_headings(self):
        return {
            "section": _("Part"),
            "label": _("What"),
            "count": _("How many"),
            "total": _("Out of"),
            "rate": _("Percentage"),
        }

    @cached_property
    def organisation(self):
        chosen = self.chosen("organisation")
        if chosen is not None:
            return chosen
        # Most coordinators have one organisation: show it straight away.
        return organisations_with_role(self.request.user, Role.COORDINATOR).order_by("name").first()

    @cached_property
    def period(self):
        today = timezone.localdate()
        start = end = None
        if self.filters.is_valid():
            chosen = self.filters.form.cleaned_data
            start, end = chosen.get("start"), chosen.get("end")
        end = end or today
        start = start or end - datetime.timedelta(days=DEFAULT_DAYS)
        # An end before the start: the one day of the end.
        return (start, end) if start <= end else (end, end)

    @cached_property
    def figures(self):
        return aftercare_figures(self.organisation, *self.period) if self.organisation else None

    def get_queryset(self):
        return self.figures.rows if self.figures else []

    def to_row_dict(self, item):
        return {
            "section": str(item.section),
            "label": str(item.label),
            "count": item.count,
            "total": "" if item.total is None else item.total,
            "rate": "" if item.rate is None else item.rate,
        }

    def get_filename(self):
        start, end = self.period
        name = slugify(self.organisation.name if self.organisation else "")
        return "-".join([slugify(gettext("aftercare")), name, str(start), str(end)])

    def get_page_subtitle(self):
        return self.organisation.name if self.organisation else ""

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        figures = self.figures
        start, end = self.period
        context.update(
            organisation=self.organisation,
            figures=figures,
            start=date_format(start, "j F Y"),
            end=date_format(end, "j F Y"),
            grace_days=GRACE_DAYS,
        )
        if figures:
            context.update(
                phase_chart=bar_chart(figures.phases),
                rate_chart=bar_chart(
                    [figures.moments[1], figures.moments[3], figures.referrals[1]], by_rate=True
                ),
                success_chart=bar_chart(figures.successes),
            )
        return context


class AftercareReportViewSet(ReportViewSet):
    view_class = AftercareReportView
    icon = "table"
    menu_label = _("Aftercare report")
