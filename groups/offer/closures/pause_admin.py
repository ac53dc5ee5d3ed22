"""The coordinator's screens for pausing a group until further notice and
resuming it; the listing is the history of pauses (paused on, by, resumed
on, by). Pauses are never changed or deleted, only resumed."""

from urllib.parse import urlencode

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.log_actions import log

from people.admin_kit.columns import LocalDateTimeColumn
from people.admin_kit.views import ConfirmActionView, ServiceFormMixin
from people.admin_kit.viewsets import ScopedModelViewSet

from ..admin.filters import group_label
from ..selectors import managed_groups
from . import services
from .models import GroupPause

PAUSE_LOG_ACTION = "groups.pause_group"
RESUME_LOG_ACTION = "groups.resume_group"


class PauseForm(WagtailAdminModelForm):
    """Only the coordinator's own groups that are not paused now."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["group"]
        groups = managed_groups(self.for_user) if self.for_user else field.queryset.none()
        paused = GroupPause.objects.filter(resumed_at__isnull=True).values("group_id")
        field.queryset = groups.exclude(pk__in=paused)
        field.label_from_instance = group_label


class PauseCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        pause = services.group_pause(
            group=data["group"], reason=data.get("reason", ""), by=self.request.user
        )
        log(pause, PAUSE_LOG_ACTION, user=self.request.user)
        return pause

    def get_success_buttons(self):
        # A pause is not edited: no "Edit" button after saving.
        return []

    def get_success_message(self, instance=None):
        return _(
            "%(group)s is paused. Its coming meetings are cancelled and everyone signed up "
            "gets an e-mail."
        ) % {"group": self.object.group.title}


class PauseIndexView(generic.IndexView):
    resume_url_name = None

    def get_queryset(self):
        return super().get_queryset().select_related("group", "paused_by", "resumed_by")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_open and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Resume the group"),
                    url=reverse(self.resume_url_name, args=[instance.pk]),
                    icon_name="resubmit",
                    priority=40,
                )
            )
        return buttons


class PauseResumeView(ConfirmActionView):
    page_title = _("Resume the group")
    header_icon = "resubmit"
    confirm_label = _("Yes, the group starts again")
    extend_url_name = "meetings:extend"

    def get_question(self):
        if not self.object.is_open:
            return _("This group was resumed already.")
        return _(
            "Start this group again? Everyone signed up gets an e-mail. Then plan the next "
            "meetings."
        )

    def can_confirm(self):
        return self.object.is_open

    def get_success_url(self):
        return f"{reverse(self.extend_url_name)}?{urlencode({'group': self.object.group_id})}"

    def perform(self):
        pause = services.group_resume(group=self.object.group, by=self.request.user)
        log(pause, RESUME_LOG_ACTION, user=self.request.user)
        messages.info(self.request, _("Now plan the next meetings of the group."))
        return _("%(group)s starts again.") % {"group": pause.group.title}


def _person(field):
    return lambda pause: getattr(pause, field) or "–"


class PauseViewSet(ScopedModelViewSet):
    model = GroupPause
    icon = "pause"
    menu_label = _("Paused groups")
    add_to_reference_index = False
    edit_view_enabled = False
    list_per_page = 50
    ordering = "-paused_at"
    list_display = [
        "group",
        LocalDateTimeColumn("paused_at", model=GroupPause),
        Column("paused_by", label=_("paused by"), accessor=_person("paused_by")),
        LocalDateTimeColumn("resumed_at", model=GroupPause),
        Column("resumed_by", label=_("resumed by"), accessor=_person("resumed_by")),
        "reason",
    ]
    create_handler = ObjectList(
        [FieldPanel("group", widget=forms.Select), FieldPanel("reason")],
        base_form_class=PauseForm,
    )
    edit_handler = create_handler
    add_view_class = PauseCreateView

    @property
    def index_view_class(self):
        return self._scoped(PauseIndexView)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(resume_url_name=self.get_url_name("resume"), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "resume/<int:pk>/",
                self.construct_view(
                    PauseResumeView, model=self.model, index_url_name=self.get_url_name("index")
                ),
                name="resume",
            ),
        ]
