"""The coordinators' attention list in the admin: every attention signal of
their organisations (all groups, and aftercare's signals without a group,
shown as "Nazorg" with a link a higher app supplies), with filters, what happened after it, the
export, and a small form to write down an outcome. Built with the admin
kit: scoped to the coordinator's organisations, audited as viewing
personal data (the notes are personal data)."""

from collections import OrderedDict

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_filters import ChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic

from people.admin_kit.policies import OrganisationScopedPolicy
from people.admin_kit.reports import ReportViewSet, WaakvlamReportView
from people.admin_kit.views import add_service_error
from people.admin_kit.viewsets import ScopedObjectMixin
from people.audit.services import VIEW, audit_log

from ..hooks import attention_source_urls
from ..offer.admin.filters import GroupChoiceFilter, group_label
from .forms import SignalOutcomeForm
from .models import AttentionSignal, SignalKind
from .outcomes import signal_outcome_record
from .selectors import attention_text
from .signal_views import outcome_message

# Coordinators look, and write down what happened; nobody adds or deletes.
attention_policy = OrganisationScopedPolicy(
    AttentionSignal, "organisation", permitted_actions=("view", "change")
)

OPEN, ESCALATED, CLOSED = "open", "escalated", "closed"


class AttentionFilterSet(WagtailFilterSet):
    state = ChoiceFilter(
        label=_("State"),
        choices=[
            (OPEN, _("Open")),
            (ESCALATED, _("Open, sent to the coordinators")),
            (CLOSED, _("Closed")),
        ],
        method="filter_state",
        empty_label=_("All"),
    )
    group = GroupChoiceFilter(label=_("Group"), empty_label=_("All groups"))
    kind = ChoiceFilter(label=_("Kind"), choices=SignalKind.choices, empty_label=_("All"))

    class Meta:
        model = AttentionSignal
        fields = []

    def filter_state(self, queryset, name, value):
        if value == CLOSED:
            return queryset.filter(closed_at__isnull=False)
        if value == ESCALATED:
            return queryset.open().filter(escalated_at__isnull=False)
        return queryset.open()


def place_label(signal):
    """The group (told apart by its place), or "Nazorg"."""
    return group_label(signal.group) if signal.group_id else signal.place_label


def _who_when(user, moment):
    if moment is None:
        return ""
    when = timezone.localtime(moment).strftime("%d-%m-%Y")
    return f"{user.get_short_name()}, {when}" if user else when


class AttentionListView(WaakvlamReportView):
    permission_policy = attention_policy
    page_title = _("Attention list")
    results_template_name = "groups/reports/attention_list_results.html"
    filterset_class = AttentionFilterSet
    paginate_by = 50
    outcome_url_name = None
    list_export = [
        "person",
        "group",
        "kind",
        "raised_at",
        "missed",
        "escalated_at",
        "unreached",
        "outcome",
        "closed",
        "note",
    ]

    @property
    def export_headings(self):
        return {
            "person": _("Participant"),
            "group": _("Group"),
            "kind": _("Kind"),
            "raised_at": _("Raised"),
            "missed": _("Missed in a row"),
            "escalated_at": _("Sent to the coordinators"),
            "unreached": _("Not reached"),
            "outcome": _("Outcome"),
            "closed": _("Closed by"),
            "note": _("Note"),
        }

    def get_queryset(self):
        scoped = attention_policy.instances_user_has_any_permission_for(self.request.user, ["view"])
        return scoped.select_related("person", "group", "closed_by", "unreached_by").order_by(
            # Open ones first, the oldest signal on top.
            F("closed_at").desc(nulls_first=True),
            "raised_at",
            "pk",
        )

    def filter_queryset(self, queryset):
        if self.filters is not None and self.filters.is_valid():
            return self.filters.filter_queryset(queryset)
        # A group the user may not choose: no rows rather than all.
        return queryset.none() if self.filters is not None else queryset

    def to_row_dict(self, item):
        return OrderedDict(
            person=item.person.full_name,
            group=place_label(item),
            kind=item.get_kind_display(),
            raised_at=item.raised_at,
            missed=item.missed,
            escalated_at=item.escalated_at or "",
            unreached=_who_when(item.unreached_by, item.unreached_at),
            outcome=item.get_outcome_display(),
            closed=_who_when(item.closed_by, item.closed_at),
            note=item.note,
        )

    def get_filename(self):
        return "-".join([slugify(gettext("attention list")), str(timezone.localdate())])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        # The URL differs per row only in its number: reverse it once.
        pattern = reverse(self.outcome_url_name, args=[0]).replace("/0/", "/{}/")
        signals = context["object_list"]
        source_urls = attention_source_urls(signals)
        for signal in signals:
            signal.attention = attention_text(signal)
            signal.outcome_url = pattern.format(signal.pk) if signal.is_open else ""
            signal.source_url = source_urls.get(signal.pk, "")
        return context


class SignalOutcomeAdminView(
    ScopedObjectMixin, generic.PermissionCheckedMixin, generic.WagtailAdminTemplateMixin, FormView
):
    """Write down what happened after one signal; another organisation's
    signal, or a closed one, is a 404."""

    permission_policy = attention_policy
    permission_required = "change"
    scope_actions = ("change",)
    form_class = SignalOutcomeForm
    template_name = "groups/admin/signal_outcome.html"
    page_title = _("What happened?")
    header_icon = "warning"
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.pk = kwargs["pk"]

    def dispatch(self, request, *args, **kwargs):
        queryset = self.get_scoped_queryset().open().select_related("person", "group")
        self.signal = get_object_or_404(queryset, pk=self.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.signal.person.full_name

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": AttentionListView.page_title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        audit_log(
            user=request.user,
            action=VIEW,
            label=self.signal.place_label,
            obj=self.signal,
            data={"page": "signal_outcome"},
        )
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            saved = signal_outcome_record(
                signal=self.signal,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, outcome_message(saved))
        return redirect(reverse(self.index_url_name))

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        # The admin's own radio list and text area.
        form.fields["note"].widget = forms.Textarea(attrs={"rows": 4})
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            signal=self.signal,
            attention=attention_text(self.signal),
            group=place_label(self.signal),
            back_url=reverse(self.index_url_name),
        )
        return context


class AttentionListViewSet(ReportViewSet):
    view_class = AttentionListView
    icon = "warning"
    menu_label = _("Attention list")

    def get_view_kwargs(self):
        return {**super().get_view_kwargs(), "outcome_url_name": self.get_url_name("outcome")}

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "outcome/<int:pk>/",
                SignalOutcomeAdminView.as_view(index_url_name=self.get_url_name("index")),
                name="outcome",
            ),
        ]
