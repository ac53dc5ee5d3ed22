"""The organisation's plans in the admin: the listing with its filters and
export, and the page about one plan (its moments, history, referrals and
successes, and the actions). Another organisation's plan is a 404."""

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton

from people.admin_kit.exports import SafeSpreadsheetExportMixin
from people.admin_kit.labels import field_label
from people.admin_kit.reports import OrganisationChoiceFilter
from people.admin_kit.viewsets import ScopedInspectView
from people.audit.services import EXPORT, audit_log

from ..models import AftercarePlan, ContactMoment, Phase
from .policies import plan_policy

YES_NO = [(True, _("Yes")), (False, _("No"))]


def day(value):
    return date_format(value, "D j-n-Y") if value else ""


def with_moment_figures(plans, today=None):
    """Each plan with its next open moment and how many open ones are past
    their day, as subqueries: one query whatever the number of plans."""
    today = today or timezone.localdate()
    open_moments = ContactMoment.objects.open().filter(plan=OuterRef("pk"))
    next_due = open_moments.order_by().values("plan").annotate(first=Min("due_on")).values("first")
    overdue = (
        open_moments.filter(due_on__lt=today)
        .order_by()
        .values("plan")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return plans.annotate(
        next_due=Subquery(next_due),
        overdue_count=Coalesce(Subquery(overdue, output_field=IntegerField()), 0),
    )


def contacts_in_scope(request):
    plans = plan_policy.instances_user_has_any_permission_for(request.user, ["view"])
    return (
        get_user_model()
        .objects.filter(pk__in=plans.values("contact"))
        .order_by("full_name", "email")
    )


class PlanFilterSet(WagtailFilterSet):
    organisation = OrganisationChoiceFilter(
        label=field_label(AftercarePlan, "organisation"), empty_label=_("All")
    )
    phase = ChoiceFilter(
        label=field_label(AftercarePlan, "phase"),
        choices=[(value, capfirst(label)) for value, label in Phase.choices],
        empty_label=_("All"),
    )
    contact = ModelChoiceFilter(
        label=field_label(AftercarePlan, "contact"),
        queryset=contacts_in_scope,
        empty_label=_("All"),
    )
    overdue = BooleanFilter(
        label=_("Late"),
        method="filter_overdue",
        widget=forms.RadioSelect(choices=[("", _("All")), *YES_NO]),
    )
    paused = BooleanFilter(
        label=_("Paused"),
        method="filter_paused",
        widget=forms.RadioSelect(choices=[("", _("All")), *YES_NO]),
    )

    class Meta:
        model = AftercarePlan
        fields = ["organisation", "phase", "contact"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = ContactMoment.objects.overdue().filter(plan=OuterRef("pk"))
        return queryset.filter(Exists(late) if value else ~Exists(late))

    def filter_paused(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(paused_on__isnull=not value)


class PersonColumn(TitleColumn):
    def get_value(self, instance):
        return instance.person.full_name if instance.person_id else gettext("anonymised")


class PlanIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    add_item_label = _("Open an aftercare plan")
    list_export = [
        "person",
        "organisation",
        "contact",
        "phase",
        "next_due",
        "overdue_count",
        "aftercare_until",
        "paused_on",
    ]

    @property
    def export_headings(self):
        return {
            "person": gettext("Person"),
            "organisation": gettext("Organisation"),
            "contact": gettext("Steady contact"),
            "phase": gettext("Phase"),
            "next_due": gettext("Next moment"),
            "overdue_count": gettext("Late moments"),
            "aftercare_until": gettext("Aftercare until"),
            "paused_on": gettext("Paused since"),
        }

    def get_queryset(self):
        return with_moment_figures(
            super().get_queryset().select_related("person", "contact", "organisation")
        )

    def to_row_dict(self, item):
        return {
            "person": item.person.full_name if item.person_id else gettext("anonymised"),
            "organisation": item.organisation.name,
            "contact": item.contact.full_name if item.contact_id else "",
            "phase": capfirst(item.get_phase_display()),
            "next_due": item.next_due or "",
            "overdue_count": item.overdue_count,
            "aftercare_until": item.aftercare_until,
            "paused_on": item.paused_on or "",
        }

    def get_filename(self):
        return f"{gettext('aftercare-plans')}-{timezone.localdate()}"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.is_export:
            filters = {key: value for key, value in request.GET.items() if value}
            audit_log(
                user=request.user,
                action=EXPORT,
                label=self.get_page_title(),
                data={"listing": self.index_url_name, **filters},
            )
        return response

    def _get_title_column(self, field_name, column_class=PersonColumn, **kwargs):
        # The name opens the plan's page: its actions are there.
        column_class = self._get_title_column_class(PersonColumn)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url, **kwargs
        )


def plan_columns():
    return [
        "person",
        Column(
            "contact", label=field_label(AftercarePlan, "contact"), sort_key="contact__full_name"
        ),
        Column(
            "phase",
            label=field_label(AftercarePlan, "phase"),
            accessor=lambda plan: (
                capfirst(plan.get_phase_display())
                + (f" ({gettext('paused')})" if plan.is_paused else "")
            ),
            sort_key="phase",
        ),
        Column(
            "next_due",
            label=_("Next moment"),
            accessor=lambda p: day(p.next_due),
            sort_key="next_due",
        ),
        Column("overdue_count", label=_("Late"), sort_key="overdue_count"),
        Column(
            "aftercare_until",
            label=field_label(AftercarePlan, "aftercare_until"),
            accessor=lambda plan: day(plan.aftercare_until),
            sort_key="aftercare_until",
        ),
    ]


# The actions on a plan's page: (url name, label, icon, when it is offered).
ACTIONS = (
    ("choices", _("Choices and consent"), "edit", lambda plan: not plan.is_closed),
    ("contact", _("Change steady contact"), "user", lambda plan: not plan.is_closed),
    ("phase", _("Change phase"), "history", lambda plan: not plan.is_closed),
    ("until", _("Change “aftercare until”"), "date", lambda plan: not plan.is_closed),
    ("pause", _("Pause"), "pick", lambda plan: not plan.is_closed and not plan.is_paused),
    ("resume", _("Resume"), "pick", lambda plan: plan.is_paused),
    ("close", _("Close"), "lock", lambda plan: not plan.is_closed),
    ("reopen", _("Reopen"), "undo", lambda plan: plan.is_closed),
    ("withdraw", _("Withdraw consent"), "bin", lambda plan: plan.has_consent),
)


class PlanDetailView(ScopedInspectView):
    """The coordinator's page about one plan: the choices, the planned and
    done moments, the history with its reasons, referrals and successes."""

    template_name = "aftercare/admin/plan_detail.html"
    action_url_names = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.get_scoped_queryset().select_related(
                "person", "contact", "organisation", "opened_by", "consent_recorded_by"
            ),
            pk=unquote(str(self.pk)),
        )

    def get_page_title(self):
        return str(self.object.person.full_name if self.object.person_id else self.object)

    def get_page_subtitle(self):
        return self.object.organisation.name

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(AftercarePlan._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    @property
    def actions(self):
        plan = self.object
        if not plan_policy.user_has_permission(self.request.user, "change") or not plan.person_id:
            return []
        return [
            {
                "url": reverse(self.action_url_names[name], args=[plan.pk]),
                "label": label,
                "icon": icon,
            }
            for name, label, icon, offered in ACTIONS
            if offered(plan)
        ]

    @property
    def header_buttons(self):
        return [
            HeaderButton(action["label"], url=action["url"], icon_name=action["icon"])
            for action in self.actions[:2]
        ]

    @property
    def header_more_buttons(self):
        return []

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        today = timezone.localdate()
        moments = list(plan.moments.select_related("done_by"))
        context.update(
            plan=plan,
            today=today,
            open_moments=[moment for moment in moments if not moment.is_done],
            done_moments=[moment for moment in moments if moment.is_done][::-1],
            history=list(plan.history.select_related("by", "old_contact")),
            referrals=list(plan.referrals.select_related("service")),
            successes=list(plan.successes.all()),
            plan_actions=self.actions,
        )
        return context
