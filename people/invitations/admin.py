"""Role invitations in the admin: "Nodig iemand uit" on the roles listing,
and a listing of the organisation's invitations where an open one can be
withdrawn. The coordinator sees only what they typed and the state, never
anything about an account behind the address."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton

from people.admin_kit.columns import LocalDateTimeColumn
from people.admin_kit.labels import field_label
from people.admin_kit.policies import OrganisationScopedPolicy
from people.admin_kit.views import ConfirmActionView, add_service_error, back_to_listing
from people.admin_kit.viewsets import ScopedModelViewSet
from people.models import Membership, RoleInvitation

from . import services
from .forms import RoleInvitationForm

# Invitations are made by the invite form and closed by an answer or a
# withdrawal; never edited or deleted by hand (the daily task removes old ones).
POLICY = OrganisationScopedPolicy(
    RoleInvitation, "organisation", permitted_actions=("add", "change", "view")
)


class InviteButtonMixin:
    """A header button to the invite form, for who may invite."""

    invite_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.invite_url_name and POLICY.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    _("Invite someone"), url=reverse(self.invite_url_name), icon_name="mail"
                )
            )
        return buttons


class RoleInvitationCreateView(
    generic.PermissionCheckedMixin, generic.WagtailAdminTemplateMixin, FormView
):
    model = RoleInvitation
    permission_policy = POLICY
    permission_required = "add"
    invite_url_name = None
    index_url_name = None
    # Where the coordinator lands: the invitations listing.
    done_url_name = "role_invitations:index"
    form_class = RoleInvitationForm
    template_name = "people/admin/role_invitation_form.html"
    page_title = _("Invite someone")
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Membership._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invitation = services.role_invitation_create(
                organisation=data["organisation"],
                role=data["role"],
                email=data["email"],
                full_name=data["full_name"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        # The same words whether or not the address has an account.
        messages.success(
            self.request,
            _("Invitation sent to %(name)s (%(email)s).")
            % {"name": invitation.name_typed, "email": data["email"]},
        )
        return redirect(reverse(self.done_url_name))

    def form_invalid(self, form):
        messages.validation_error(
            self.request, _("The invitation could not be sent. Please check the form."), form
        )
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse(self.invite_url_name),
            submit_button_label=_("Send invitation"),
            submit_button_active_label=_("Sending…"),
            media=context["form"].media,
        )
        return context


class RoleInvitationIndexView(InviteButtonMixin, generic.IndexView):
    withdraw_url_name = None

    def get_queryset(self):
        return super().get_queryset().select_related("organisation")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_open and self.user_has_permission("change"):
            url = reverse(self.withdraw_url_name, args=[instance.pk])
            query = urlencode({"next": back_to_listing(self.request, self.index_url)})
            buttons.append(
                MenuItem(_("Withdraw"), url=f"{url}?{query}", icon_name="cross", priority=40)
            )
        return buttons


class RoleInvitationWithdrawView(ConfirmActionView):
    model = RoleInvitation
    page_title = _("Withdraw invitation")
    header_icon = "cross"
    confirm_label = _("Yes, withdraw it")
    button_class = "button serious"

    def can_confirm(self):
        return self.object.is_open

    def get_question(self):
        if not self.can_confirm():
            return _("Only an invitation that was not answered yet can be withdrawn.")
        return _("Withdraw the invitation of %(name)s? The link in their e-mail stops working.") % {
            "name": self.object.name_typed
        }

    def get_details(self):
        invitation = self.object
        return [
            (field_label(RoleInvitation, "name_typed"), invitation.name_typed),
            (field_label(RoleInvitation, "email"), invitation.email),
            (field_label(RoleInvitation, "role"), invitation.get_role_display()),
            (field_label(RoleInvitation, "organisation"), invitation.organisation.name),
        ]

    def perform(self):
        services.role_invitation_withdraw(invitation=self.object, by=self.request.user)
        return _("The invitation of %(name)s is withdrawn.") % {"name": self.object.name_typed}


class RoleInvitationViewSet(ScopedModelViewSet):
    model = RoleInvitation
    icon = "mail"
    menu_label = _("Invitations")
    add_to_reference_index = False
    edit_view_enabled = False
    list_filter = ["role", "organisation"]
    search_fields = ["name_typed", "email"]
    list_display = [
        "name_typed",
        "email",
        "role",
        "organisation",
        StatusTagColumn(
            "shown_state",
            accessor="get_shown_state_display",
            label=field_label(RoleInvitation, "answer"),
            primary=lambda invitation: invitation.is_open,
        ),
        LocalDateTimeColumn("created_at", model=RoleInvitation),
        LocalDateTimeColumn("expires_at", model=RoleInvitation),
    ]

    @property
    def index_view_class(self):
        return self._scoped(RoleInvitationIndexView)

    def unavailable_url_names(self):
        # Invitations are added on the roles listing's invite form.
        return {*super().unavailable_url_names(), "add"}

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            withdraw_url_name=self.get_url_name("withdraw"),
            invite_url_name="memberships:invite",
            **kwargs,
        )

    @property
    def withdraw_view(self):
        return self.construct_view(
            RoleInvitationWithdrawView, index_url_name=self.get_url_name("index")
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("withdraw/<int:pk>/", self.withdraw_view, name="withdraw"),
        ]
