"""Admin screens for meetings: listing, adding, moving and cancelling (never
deleting). Every write goes through groups.offer.services, so the calendar
SEQUENCE and the e-mails to participants are never skipped."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import log

from people.admin_kit.labels import field_label
from people.admin_kit.views import ConfirmActionView, ServiceFormMixin, back_to_listing

from .. import services
from ..models import Meeting, MeetingStatus
from ..pages import GroupPage
from ..selectors import managed_groups
from .filters import GroupChoiceFilter, group_label

CANCEL_MEETING_LOG_ACTION = "groups.cancel_meeting"


class MeetingFilterSet(WagtailFilterSet):
    group = GroupChoiceFilter(label=field_label(Meeting, "group"))
    status = ChoiceFilter(label=field_label(Meeting, "status"), choices=MeetingStatus.choices)
    period = ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        method="filter_period",
    )

    class Meta:
        model = Meeting
        fields = ["group", "status"]

    def filter_period(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now)
        if value == "past":
            return queryset.filter(ends_at__lt=now)
        return queryset


class MeetingForm(WagtailAdminModelForm):
    """Only groups of the coordinator's own organisations can be chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "group" in self.fields:
            field = self.fields["group"]
            field.queryset = (
                managed_groups(self.for_user) if self.for_user else GroupPage.objects.none()
            )
            field.label_from_instance = group_label


class MeetingIndexView(generic.IndexView):
    cancel_url_name = None
    series_url_name = None
    extend_url_name = None

    def get_queryset(self):
        return super().get_queryset().select_related("group")

    def get_ordering(self):
        # Unless the coordinator sorts a column: coming meetings first, and
        # no column header claims an order it does not have.
        if "ordering" not in self.request.GET:
            return None
        return super().get_ordering()

    def order_queryset(self, queryset):
        if self.ordering is None:
            return queryset.coming_first()
        return super().order_queryset(queryset)

    def get_edit_url(self, instance):
        # A cancelled meeting cannot be moved; its title opens the details.
        if instance.is_cancelled:
            return None
        return super().get_edit_url(instance)

    def get_cancel_url(self, instance):
        if (
            self.cancel_url_name
            and not instance.is_cancelled
            and self.user_has_permission("change")
        ):
            url = reverse(self.cancel_url_name, args=[instance.pk])
            next_url = back_to_listing(self.request, self.index_url)
            return f"{url}?{urlencode({'next': next_url})}"
        return None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if cancel_url := self.get_cancel_url(instance):
            buttons.append(
                MenuItem(_("Cancel meeting"), url=cancel_url, icon_name="cross", priority=40)
            )
        return buttons

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.series_url_name and self.user_has_permission("add"):
            url = reverse(self.series_url_name)
            if group := self.request.GET.get("group"):
                url += "?" + urlencode({"group": group})  # the group being looked at
            buttons.append(
                HeaderButton(
                    _("Add a series"),
                    url=url,
                    icon_name="calendar-alt",
                )
            )
        if self.extend_url_name and self.user_has_permission("add"):
            url = reverse(self.extend_url_name)
            if group := self.request.GET.get("group"):
                url += "?" + urlencode({"group": group})
            buttons.append(HeaderButton(_("Add more meetings"), url=url, icon_name="plus"))
        return buttons


class MeetingCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        meeting = services.meeting_create(
            group=data["group"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            topic=data.get("topic", ""),
            location=data.get("location", ""),
        )
        log(meeting, "wagtail.create", user=self.request.user)
        return meeting


class MeetingEditView(ServiceFormMixin, generic.EditView):
    """Moving goes through meeting_move, which raises the calendar SEQUENCE
    and tells everyone signed up."""

    cancel_url_name = None
    inspect_url_name = None

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_cancelled:
            return self.refuse_cancelled()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_cancelled:
            return self.refuse_cancelled()
        return super().post(request, *args, **kwargs)

    def refuse_cancelled(self):
        messages.error(self.request, _("A cancelled meeting cannot be changed."))
        if self.inspect_url_name:
            return redirect(self.inspect_url_name, self.object.pk)
        return redirect(self.index_url_name)

    def save_instance(self):
        sequence_before = self.object.sequence
        data = self.form.cleaned_data
        meeting = services.meeting_move(
            meeting=self.object,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            location=data.get("location"),
            topic=data.get("topic"),
        )
        self.moved = meeting.sequence != sequence_before
        if self.moved:
            log(meeting, "wagtail.edit", user=self.request.user)
        return meeting

    def get_success_message(self):
        if getattr(self, "moved", False):
            return _("The meeting is changed. Everyone signed up gets an e-mail about it.")
        return _("Nothing was changed.")

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.cancel_url_name and not self.object.is_cancelled:
            buttons.append(
                Button(
                    _("Cancel meeting"),
                    url=reverse(self.cancel_url_name, args=[self.object.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


def meeting_details(meeting):
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return [
        (field_label(Meeting, "group"), meeting.group.title),
        (_("When"), f"{date_format(start, 'l j F Y, H:i')}–{date_format(end, 'H:i')}"),
        (field_label(Meeting, "topic"), meeting.topic or "–"),
    ]


class MeetingCancelView(ConfirmActionView):
    page_title = _("Cancel meeting")
    header_icon = "cross"
    confirm_label = _("Yes, cancel this meeting")
    button_class = "button serious"

    def get_question(self):
        if self.object.is_cancelled:
            return _("This meeting is already cancelled.")
        return _(
            "Cancel this meeting? Everyone signed up gets an e-mail. "
            "The meeting stays in the list as cancelled."
        )

    def get_details(self):
        return meeting_details(self.object)

    def can_confirm(self):
        return not self.object.is_cancelled

    def perform(self):
        if self.object.is_cancelled:
            return _("This meeting is already cancelled.")
        meeting = services.meeting_cancel(meeting=self.object)
        log(meeting, CANCEL_MEETING_LOG_ACTION, user=self.request.user)
        return _("The meeting is cancelled. Everyone signed up gets an e-mail about it.")
