"""The overdue list: open contact moments past their day in the
coordinator's organisations, with the plan and the steady contact, and its
export. Seeing and exporting it is written in the audit trail."""

from collections import OrderedDict

from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from people.admin_kit.reports import OrganisationChoiceFilter, ReportViewSet, WaakvlamReportView

from ..models import AftercarePlan, ContactMoment
from .policies import moment_policy


class OverdueFilterSet(WagtailFilterSet):
    organisation = OrganisationChoiceFilter(
        label=_("Organisation"), field_name="plan__organisation", empty_label=_("All")
    )

    class Meta:
        model = ContactMoment
        fields = []


def overdue_moments(moments, today=None):
    """Open moments past their day of running, not paused plans, the
    longest waiting first."""
    return (
        moments.overdue(today)
        .filter(plan__in=AftercarePlan.objects.active())
        .select_related("plan__person", "plan__contact", "plan__organisation")
        .order_by("due_on", "pk")
    )


class OverdueListView(WaakvlamReportView):
    permission_policy = moment_policy
    page_title = _("Late contact moments")
    results_template_name = "aftercare/admin/overdue_results.html"
    filterset_class = OverdueFilterSet
    paginate_by = 50
    plan_url_name = None
    list_export = ["person", "organisation", "due_on", "days_late", "purpose", "contact"]

    @property
    def export_headings(self):
        return {
            "person": gettext("Person"),
            "organisation": gettext("Organisation"),
            "due_on": gettext("Planned on"),
            "days_late": gettext("Days late"),
            "purpose": gettext("Why"),
            "contact": gettext("Steady contact"),
        }

    def get_queryset(self):
        scoped = moment_policy.instances_user_has_any_permission_for(self.request.user, ["view"])
        return overdue_moments(scoped)

    def filter_queryset(self, queryset):
        if self.filters is not None and self.filters.is_valid():
            return self.filters.filter_queryset(queryset)
        # An organisation the user may not choose: no rows rather than all.
        return queryset.none()

    def to_row_dict(self, item):
        return OrderedDict(
            person=item.plan.person.full_name,
            organisation=item.plan.organisation.name,
            due_on=item.due_on,
            days_late=(timezone.localdate() - item.due_on).days,
            purpose=capfirst(item.get_purpose_display()),
            contact=item.plan.contact.full_name if item.plan.contact_id else "",
        )

    def get_filename(self):
        return "-".join([slugify(gettext("late contact moments")), str(timezone.localdate())])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        today = timezone.localdate()
        pattern = reverse(self.plan_url_name, args=[0]).replace("/0/", "/{}/")
        for moment in context["object_list"]:
            moment.days_late = (today - moment.due_on).days
            moment.plan_url = pattern.format(moment.plan_id)
        return context


class OverdueListViewSet(ReportViewSet):
    view_class = OverdueListView
    icon = "warning"
    menu_label = _("Late contact moments")

    def get_view_kwargs(self):
        return {**super().get_view_kwargs(), "plan_url_name": "aftercare_plans:inspect"}
