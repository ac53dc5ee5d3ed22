"""Model viewsets whose screens follow the registered permission policy:
a coordinator sees and changes only their own organisations' records, and
no screen exists for an action the policy never permits (see policies)."""

import datetime

from django import forms
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from people.audit.services import VIEW, audit_log

from .policies import ALL_ACTIONS

# The URL names that exist only when the policy permits an action.
URLS_FOR_ACTION = {
    "add": ("add",),
    "change": ("edit", "history", "history_results"),
    "delete": ("delete",),
}


class ScopedObjectMixin:
    """Any view of one record (history, usage, actions): another
    organisation's record is a 404."""

    scope_actions = ("view", "change")

    def get_scoped_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, list(self.scope_actions)
        )

    def get_base_object_queryset(self):
        return self.get_scoped_queryset()


class ScopedViewMixin:
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        )

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["view", "change", "delete"], obj
        ):
            raise Http404
        return obj


class AuditedListingMixin:
    """A listing of other people's records: who opened it, and with which
    filters (ids of groups and choices, never a name or a search term)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        filters = {
            name: value
            for name, value in request.GET.items()
            if value and name not in ("q", "p", "ordering")
        }
        if request.GET.get("q"):
            filters["searched"] = True
        audit_log(
            user=request.user,
            action=VIEW,
            label=self.get_page_title(),
            data={"listing": self.index_url_name, **filters},
        )
        return response


class AuditedRecordMixin:
    """One record of someone else: who opened it, about whom."""

    audit_subject = None

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        subject = self.object
        for name in self.audit_subject.split("."):
            subject = getattr(subject, name)
        audit_log(
            user=request.user, action=VIEW, label=str(self.object), obj=self.object, subject=subject
        )
        return response


class ScopedInspectView(ScopedObjectMixin, InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.get_scoped_queryset(), pk=unquote(str(self.pk)))

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        # Wagtail's template shows datetimes in UTC; coordinators think in
        # Dutch time.
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "l j F Y, H:i")
        if value is None or value == "":
            return "–"
        return value


def add_and_edit_handlers(owner, panels, base_form_class):
    """Panels for a record that belongs to one group: the group is chosen
    from a plain list (not the page tree) when adding, then stays read-only,
    as the record never moves to another group."""
    create = ObjectList(
        [FieldPanel(owner, widget=forms.Select), *panels], base_form_class=base_form_class
    )
    edit = ObjectList([FieldPanel(owner, read_only=True), *panels], base_form_class=base_form_class)
    return create, edit


class KeptRecordsViewSet(ModelViewSet):
    """Only the screens of the actions the policy permits; no "usage" screen
    for records kept out of the reference index."""

    # Operational records are made by their own flows, not copied.
    copy_view_enabled = False
    # False for records that change only through actions of their own
    # (promote, cancel): no edit form and no history screen.
    edit_view_enabled = True
    # An optional separate form for adding (e.g. the group is chosen once,
    # then stays read-only on the edit form).
    create_handler = None

    def unavailable_url_names(self):
        permitted = getattr(self.permission_policy, "permitted_actions", ALL_ACTIONS)
        names = {
            name
            for action, url_names in URLS_FOR_ACTION.items()
            if action not in permitted
            for name in url_names
        }
        if not self.edit_view_enabled:
            names.update(URLS_FOR_ACTION["change"])
        if not self.add_to_reference_index:
            names.add("usage")
        return names

    def get_common_view_kwargs(self, **kwargs):
        missing = {f"{name}_url_name": None for name in self.unavailable_url_names()}
        missing.pop("history_results_url_name", None)
        return super().get_common_view_kwargs(**{**missing, **kwargs})

    def get_add_view_kwargs(self, **kwargs):
        if self.create_handler is None:
            return super().get_add_view_kwargs(**kwargs)
        handler = self.create_handler.bind_to_model(self.model)
        return super().get_add_view_kwargs(
            panel=handler, form_class=handler.get_form_class(), **kwargs
        )

    def get_urlpatterns(self):
        # Wagtail's own list, but a view that may not exist is never built:
        # building it needs a form, and read-only records have none.
        conv = self.pk_path_converter
        routes = [
            ("", "index_view", "index"),
            ("results/", "index_results_view", "index_results"),
            ("new/", "add_view", "add"),
            (f"edit/<{conv}:pk>/", "edit_view", "edit"),
            (f"delete/<{conv}:pk>/", "delete_view", "delete"),
            (f"history/<{conv}:pk>/", "history_view", "history"),
            (f"history-results/<{conv}:pk>/", "history_results_view", "history_results"),
            (f"usage/<{conv}:pk>/", "usage_view", "usage"),
        ]
        if self.reorder_view_enabled:
            routes.append((f"reorder/<{conv}:pk>/", "reorder_view", "reorder"))
        if self.inspect_view_enabled:
            routes.append((f"inspect/<{conv}:pk>/", "inspect_view", "inspect"))
        if self.copy_view_enabled:
            routes.append((f"copy/<{conv}:pk>/", "copy_view", "copy"))
        unavailable = self.unavailable_url_names()
        return [
            path(route, getattr(self, view), name=name)
            for route, view, name in routes
            if name not in unavailable
        ]


class ScopedModelViewSet(KeptRecordsViewSet):
    """Records of an organisation: listings, forms and single-record views
    show only the user's own organisations' records."""

    inspect_view_class = ScopedInspectView
    # The field of a record that is the person it is about ("person" for a
    # sign-up); when set, its listing and single-record screens write the
    # audit trail (people.audit).
    audit_subject = None

    def construct_view(self, view_class, **kwargs):
        if self.audit_subject and issubclass(view_class, InspectView):
            view_class = type(view_class.__name__, (AuditedRecordMixin, view_class), {})
            kwargs["audit_subject"] = self.audit_subject
        elif self.audit_subject and issubclass(view_class, IndexView):
            view_class = type(view_class.__name__, (AuditedListingMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)

    def _scoped(self, view_class):
        return type(view_class.__name__, (ScopedViewMixin, view_class), {})

    @property
    def index_view_class(self):
        return self._scoped(super().index_view_class)

    @property
    def edit_view_class(self):
        return self._scoped(super().edit_view_class)

    @property
    def delete_view_class(self):
        return self._scoped(super().delete_view_class)

    @property
    def history_view_class(self):
        return type("HistoryView", (ScopedObjectMixin, HistoryView), {})

    @property
    def usage_view_class(self):
        return type("UsageView", (ScopedObjectMixin, UsageView), {})
