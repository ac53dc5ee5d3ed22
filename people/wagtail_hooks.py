from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Membership, Organisation, Role
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


class ScopedViewMixin:
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        )

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["view", "change", "delete"], obj
        ):
            raise Http404
        return obj


class ScopedModelViewSet(ModelViewSet):
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


class MembershipAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["organisation"].queryset = organisations_with_role(
                self.for_user, Role.COORDINATOR
            )


class OrganisationViewSet(ScopedModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "region", "email", "phone"]
    search_fields = ["name", "region"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("region"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("website"),
        FieldPanel("address"),
    ]


class MembershipViewSet(ScopedModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Roles")
    list_display = ["user", "role", "organisation", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__full_name", "user__email"]
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("organisation"), FieldPanel("role")],
        base_form_class=MembershipAdminForm,
    )


class PeopleViewSetGroup(ModelViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_order = 200
    items = (OrganisationViewSet("organisations"), MembershipViewSet("memberships"))


register_permission_policy(Organisation, OrganisationScopedPolicy(Organisation, "pk"))
register_permission_policy(Membership, OrganisationScopedPolicy(Membership, "organisation"))


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleViewSetGroup()
