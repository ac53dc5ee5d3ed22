"""The outbox in the admin: coordinators see the mails to their people
(superusers all of them), never a body, and send a failed one again."""

from urllib.parse import urlencode

from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button

from people.admin_kit.columns import LocalDateTimeColumn, status_column
from people.admin_kit.labels import field_label
from people.admin_kit.policies import OrganisationScopedPolicy
from people.admin_kit.views import ConfirmActionView, back_to_listing
from people.admin_kit.viewsets import ScopedInspectView, ScopedModelViewSet
from people.models import Role
from people.permissions import organisations_with_role
from people.selectors import people_linked_to

from .models import OutboxMessage, OutboxStatus
from .services import outbox_retry


class OutboxPolicy(OrganisationScopedPolicy):
    """Looked at and sent again, never added, edited or deleted by hand;
    a coordinator sees the mails to the people of their organisations."""

    def __init__(self):
        super().__init__(OutboxMessage, lookup=None, permitted_actions=("view", "change"))

    def in_scope(self, user, records):
        records = records.select_related("user")
        if user.is_superuser:
            return records
        organisations = organisations_with_role(user, Role.COORDINATOR)
        return records.filter(user__in=people_linked_to(organisations).values("pk"))


class RetryButtonMixin:
    retry_url_name = None

    def retry_url(self, message, next_url=""):
        if message.status != OutboxStatus.FAILED or not self.user_has_permission("change"):
            return None
        suffix = f"?{urlencode({'next': next_url})}" if next_url else ""
        return reverse(self.retry_url_name, args=[message.pk]) + suffix


class OutboxIndexView(RetryButtonMixin, generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        url = self.retry_url(instance, back_to_listing(self.request, self.index_url))
        if url:
            buttons.append(MenuItem(_("Send again"), url=url, icon_name="redirect", priority=40))
        return buttons

    @cached_property
    def header_buttons(self):
        return []  # mails are written by the site, not by hand


class OutboxInspectView(RetryButtonMixin, ScopedInspectView):
    @cached_property
    def header_more_buttons(self):
        url = self.retry_url(self.object)
        return [Button(_("Send again"), url=url, icon_name="redirect")] if url else []


def _when(value):
    return date_format(timezone.localtime(value), "l j F Y, H:i") if value else "–"


class OutboxRetryView(ConfirmActionView):
    page_title = _("Send again")
    header_icon = "redirect"
    confirm_label = _("Yes, send it again")

    def can_confirm(self):
        return (
            self.object.status == OutboxStatus.FAILED
            and bool(self.object.to_address)
            and bool(self.object.template)
        )

    def get_question(self):
        if self.object.status != OutboxStatus.FAILED:
            return _("Only an e-mail that failed can be sent again.")
        if not self.can_confirm():
            return _("This e-mail can no longer be sent: the address was removed.")
        return _(
            "Send this e-mail to %(address)s again? It is tried again for a few days "
            "until it is sent."
        ) % {"address": self.object.to_address}

    def get_details(self):
        message = self.object
        return [
            (field_label(OutboxMessage, "subject"), message.subject or "–"),
            (field_label(OutboxMessage, "created_at"), _when(message.created_at)),
            (field_label(OutboxMessage, "attempts"), str(message.attempts)),
            (field_label(OutboxMessage, "last_error"), message.last_error or "–"),
        ]

    def perform(self):
        outbox_retry(message=self.object)
        return _("The e-mail will be sent again.")


class OutboxMessageViewSet(ScopedModelViewSet):
    model = OutboxMessage
    audit_subject = "user"
    icon = "mail"
    menu_label = _("E-mails")
    add_to_reference_index = False
    edit_view_enabled = False
    inspect_view_enabled = True
    # No context, attachments or body: what a mail was about and how it went.
    inspect_view_fields = [
        "to_address",
        "user",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    ]
    list_per_page = 50
    list_filter = ["status"]
    list_display = [
        "subject",
        "to_address",
        status_column(OutboxMessage, OutboxStatus.SENT),
        "attempts",
        LocalDateTimeColumn("created_at", model=OutboxMessage),
        LocalDateTimeColumn("sent_at", model=OutboxMessage),
        "last_error",
    ]
    inspect_view_class = OutboxInspectView

    @property
    def index_view_class(self):
        return self._scoped(OutboxIndexView)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(retry_url_name=self.get_url_name("retry"), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(retry_url_name=self.get_url_name("retry"), **kwargs)

    @property
    def retry_view(self):
        return self.construct_view(
            OutboxRetryView, model=self.model, index_url_name=self.get_url_name("index")
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(f"retry/<{self.pk_path_converter}:pk>/", self.retry_view, name="retry"),
        ]
