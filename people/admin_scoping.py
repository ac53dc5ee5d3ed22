"""Admin building blocks for records that belong to an organisation: a
coordinator sees and changes only their own organisations' records."""

import datetime

from django import forms
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Role
from .permissions import organisations_with_role


class OrganisationScopedPolicy(ModelPermissionPolicy):
    """Django's model permissions, narrowed to the organisations in which the
    user is a coordinator (superusers see all)."""

    def __init__(self, model, lookup):
        super().__init__(model)
        self.lookup = lookup

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        allowed = organisations_with_role(user, Role.COORDINATOR)
        return self.model._default_manager.filter(**{f"{self.lookup}__in": allowed})

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


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


class ScopedModelViewSet(ModelViewSet):
    # An optional separate form for adding (e.g. the group is chosen once,
    # then stays read-only on the edit form).
    create_handler = None

    def get_add_view_kwargs(self, **kwargs):
        if self.create_handler is None:
            return super().get_add_view_kwargs(**kwargs)
        handler = self.create_handler.bind_to_model(self.model)
        return super().get_add_view_kwargs(
            panel=handler, form_class=handler.get_form_class(), **kwargs
        )

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

    inspect_view_class = ScopedInspectView

    @property
    def history_view_class(self):
        return type("HistoryView", (ScopedObjectMixin, HistoryView), {})

    @property
    def usage_view_class(self):
        return type("UsageView", (ScopedObjectMixin, UsageView), {})
