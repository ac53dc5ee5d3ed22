from django.core.exceptions import ValidationError
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from .account_privacy import export_admin_preferences, export_email_addresses
from .admin_kit.columns import choice_column
from .admin_kit.page_permissions import refuse_moves_not_permitted
from .admin_kit.policies import OrganisationScopedPolicy
from .admin_kit.viewsets import ScopedModelViewSet
from .audit import services as audit
from .audit.admin import audit_log_menu_item, audit_log_urls
from .invitations import admin as invitations_admin
from .invitations.privacy import erase_role_invitations, export_role_invitations
from .models import Membership, Organisation, OutboxMessage, Role, RoleInvitation
from .outbox.admin import OutboxMessageViewSet, OutboxPolicy
from .outbox.privacy import erase_mails, export_mails
from .permissions import organisations_with_role, roles_grantable_by
from .privacy import ERASE_PERSONAL_DATA, EXPORT_PERSONAL_DATA
from .second_factor import erase_second_factors, export_second_factors, second_factor_section
from .sections import MY_WAAKVLAM_SECTION
from .selectors import people_linked_to_q


class MembershipAdminForm(WagtailAdminModelForm):
    """Roles in the coordinator's own organisations, only the roles they
    may grant (people.permissions.roles_grantable_by), and only to people
    those organisations already work with (people.selectors); someone new
    is invited by e-mail address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        organisations = organisations_with_role(self.for_user, Role.COORDINATOR)
        self.fields["organisation"].queryset = organisations
        if not self.for_user.is_superuser:
            users = self.fields["user"]
            users.queryset = users.queryset.filter(people_linked_to_q(organisations))
        grantable = roles_grantable_by(self.for_user)
        self.fields["role"].choices = [
            (value, label) for value, label in self.fields["role"].choices if value in grantable
        ]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.role not in roles_grantable_by(self.for_user):
            # Someone else's editor role: only a superuser changes it.
            raise ValidationError(_("Only an administrator can change this role."))
        return cleaned


class OrganisationViewSet(ScopedModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    copy_view_enabled = True
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
    copy_view_enabled = True
    list_display = ["user", choice_column(Membership, "role"), "organisation", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__full_name", "user__email"]
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("organisation"), FieldPanel("role")],
        base_form_class=MembershipAdminForm,
    )

    @property
    def index_view_class(self):
        # "Invite someone": a new person is added by e-mail address.
        base = super().index_view_class
        return type(base.__name__, (invitations_admin.InviteButtonMixin, base), {})

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(invite_url_name=self.get_url_name("invite"), **kwargs)

    @property
    def invite_view(self):
        return self.construct_view(
            invitations_admin.RoleInvitationCreateView,
            permission_policy=invitations_admin.POLICY,
            index_url_name=self.get_url_name("index"),
            invite_url_name=self.get_url_name("invite"),
        )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("invite/", self.invite_view, name="invite")]


class PeopleViewSetGroup(ModelViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_order = 200
    items = (
        OrganisationViewSet("organisations"),
        MembershipViewSet("memberships"),
        invitations_admin.RoleInvitationViewSet("role_invitations"),
        OutboxMessageViewSet("emails"),
    )


register_permission_policy(Organisation, OrganisationScopedPolicy(Organisation, "pk"))
register_permission_policy(Membership, OrganisationScopedPolicy(Membership, "organisation"))
register_permission_policy(OutboxMessage, OutboxPolicy())
register_permission_policy(RoleInvitation, invitations_admin.POLICY)

hooks.register(EXPORT_PERSONAL_DATA, export_mails)
hooks.register(EXPORT_PERSONAL_DATA, export_email_addresses)
hooks.register(EXPORT_PERSONAL_DATA, export_admin_preferences)
hooks.register(ERASE_PERSONAL_DATA, erase_mails)
hooks.register(EXPORT_PERSONAL_DATA, export_second_factors)
hooks.register(ERASE_PERSONAL_DATA, erase_second_factors)
hooks.register(EXPORT_PERSONAL_DATA, export_role_invitations)
hooks.register(ERASE_PERSONAL_DATA, erase_role_invitations)
# Last on Mijn Waakvlam, with the account's other settings.
hooks.register(MY_WAAKVLAM_SECTION, second_factor_section, order=90)


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleViewSetGroup()


@hooks.register("register_log_actions")
def register_audit_log_actions(actions):
    # Not registered as a log model: Wagtail's site history would then show
    # the entries to anyone with a permission on their content types.
    actions.register_action(audit.VIEW, _("Viewed personal data"), _("Viewed personal data"))
    actions.register_action(audit.EXPORT, _("Exported personal data"), _("Exported personal data"))
    actions.register_action(audit.DOWNLOAD, _("Downloaded a document"), _("Downloaded a document"))


hooks.register("before_move_page", refuse_moves_not_permitted)
hooks.register("register_admin_urls", audit_log_urls)
hooks.register("register_reports_menu_item", audit_log_menu_item)


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
