"""Rapporten → Audit-logboek: who looked at or exported whose data, for
superusers only, with filters and the formula-safe spreadsheet export."""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import registry

from people.admin_kit.columns import LocalDateTimeColumn
from people.admin_kit.exports import SafeSpreadsheetExportMixin

from .models import AuditEntry
from .services import ACTIONS

INDEX_URL = "waakvlam_audit_log"
RESULTS_URL = "waakvlam_audit_log_results"


def _actors(request):
    actors = AuditEntry.objects.exclude(user=None).values("user")
    return get_user_model().objects.filter(pk__in=actors).order_by("full_name")


class AuditEntryFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=_("What happened"), choices=())
    user = django_filters.ModelChoiceFilter(label=_("Who"), queryset=_actors)
    label = django_filters.CharFilter(label=_("What or whom"), lookup_expr="icontains")
    timestamp = django_filters.DateFromToRangeFilter(label=_("When"), widget=DateRangePickerWidget)

    class Meta:
        model = AuditEntry
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["action"].extra["choices"] = [
            (action, registry.get_action_label(action)) for action in ACTIONS
        ]


class AuditLogView(SafeSpreadsheetExportMixin, ReportView):
    page_title = _("Audit log")
    header_icon = "history"
    index_url_name = INDEX_URL
    index_results_url_name = RESULTS_URL
    filterset_class = AuditEntryFilterSet
    columns = [
        LocalDateTimeColumn("timestamp", model=AuditEntry, label=_("When")),
        Column("user", label=_("Who")),
        Column("action", accessor="action_label", label=_("What happened")),
        Column("label", label=_("What or whom")),
        Column("details", label=_("Filters")),
    ]
    list_export = ["timestamp", "user", "action_label", "label", "details"]
    export_headings = {
        "timestamp": _("When"),
        "user": _("Who"),
        "action_label": _("What happened"),
        "label": _("What or whom"),
        "details": _("Filters"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return AuditEntry.objects.select_related("user")

    def decorate_paginated_queryset(self, object_list):
        for entry in object_list:
            entry.action_label = registry.get_action_label(entry.action)
            entry.details = ", ".join(f"{key}: {value}" for key, value in entry.data.items())
        return object_list

    def get_filename(self):
        return "audit-logboek"


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


def audit_log_menu_item():
    return AuditLogMenuItem(_("Audit log"), reverse(INDEX_URL), icon_name="history", order=900)


def audit_log_urls():
    return [
        path("audit-log/", AuditLogView.as_view(), name=INDEX_URL),
        path("audit-log/results/", AuditLogView.as_view(results_only=True), name=RESULTS_URL),
    ]
