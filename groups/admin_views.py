"""Admin screens for meetings and the waiting list.

Every write goes through groups.services, so the capacity check, the calendar
SEQUENCE and the e-mails to participants are never skipped. Coordinators only
see and choose groups of their own organisations (see people.admin_kit).
"""

import datetime
import re
from urllib.parse import urlencode

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView
from django_filters import ChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.widgets import AdminDateInput, AdminTimeInput
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import log

from people.admin_kit.labels import field_label
from people.admin_kit.views import add_service_error
from people.admin_kit.viewsets import ScopedInspectView, ScopedObjectMixin

from . import services
from .models import (
    ACTIVE,
    Enrolment,
    EnrolmentStatus,
    GroupKind,
    GroupPage,
    Meeting,
    MeetingStatus,
)
from .offer.admin.filters import GroupChoiceFilter, group_label
from .offer.selectors import managed_groups

CANCEL_MEETING_LOG_ACTION = "groups.cancel_meeting"


def back_to_listing(request, index_url):
    """The listing URL with the filters the coordinator had chosen."""
    query = request.GET.copy()
    for key in ("_w_filter_fragment", "p"):
        query.pop(key, None)
    return f"{index_url}?{query.urlencode()}" if query else index_url


class LocalDateTimeColumn(Column):
    """A date and time in the site's time zone, with the weekday: coordinators
    plan by weekday ("the Tuesday group")."""

    def __init__(self, name, *, model, format="D j-n-Y H:i", **kwargs):
        kwargs.setdefault("sort_key", name)
        kwargs.setdefault("label", field_label(model, name))
        super().__init__(name, **kwargs)
        self.format = format

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(timezone.localtime(value), self.format) if value else ""


# ---------------------------------------------------------------- meetings


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


class ServiceFormMixin:
    """A service refusing the change shows its message on the form, with
    everything typed kept, instead of a server error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_error(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class MeetingIndexView(generic.IndexView):
    cancel_url_name = None
    series_url_name = None

    def get_queryset(self):
        return super().get_queryset().select_related("group")

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


class ConfirmActionView(
    ScopedObjectMixin,
    generic.PermissionCheckedMixin,
    generic.WagtailAdminTemplateMixin,
    TemplateView,
):
    """Ask first, then let a service do it; the service's refusal becomes an
    error message, never a server error."""

    model = None
    permission_required = "change"
    scope_actions = ("change",)
    index_url_name = None
    template_name = "people/admin/confirm_action.html"
    confirm_label = ""
    button_class = "button"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.pk = kwargs["pk"]

    def get_object(self):
        return get_object_or_404(self.get_scoped_queryset(), pk=self.pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(self.model._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(self.index_url_name)

    def get_question(self):
        raise NotImplementedError

    def get_details(self):
        return []

    def can_confirm(self):
        return True

    def perform(self):
        """Run the service; return the success message."""
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            message = self.perform()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            question=self.get_question(),
            details=self.get_details(),
            confirm_label=self.confirm_label,
            button_class=self.button_class,
            can_confirm=self.can_confirm(),
            next=get_valid_next_url_from_request(self.request),
            back_url=self.get_success_url(),
        )
        return context


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


# ------------------------------------------------------------ meeting series

FREQUENCY_CHOICES = [
    ("weekly", _("Every week")),
    ("biweekly", _("Every two weeks")),
    ("monthly", _("Every month, on the same weekday (for example the first Tuesday)")),
]
SKIP_DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"]
MAX_SERIES_LENGTH = 200


def parse_dates(text):
    """Dates one per line (commas and semicolons also separate them).
    Returns (dates, entries that are not a date)."""
    dates, wrong = [], []
    for entry in re.split(r"[\n,;]+", text):
        entry = entry.strip()
        if not entry:
            continue
        for date_format_ in SKIP_DATE_FORMATS:
            try:
                dates.append(datetime.datetime.strptime(entry, date_format_).date())
                break
            except ValueError:
                continue
        else:
            wrong.append(entry)
    return dates, wrong


class MeetingSeriesForm(forms.Form):
    group = forms.ModelChoiceField(
        queryset=GroupPage.objects.none(), label=field_label(Meeting, "group")
    )
    first_date = forms.DateField(label=_("Date of the first meeting"), widget=AdminDateInput)
    start_time = forms.TimeField(label=_("Start time"), widget=AdminTimeInput)
    end_time = forms.TimeField(label=_("End time"), widget=AdminTimeInput)
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=FREQUENCY_CHOICES,
        initial="weekly",
        widget=forms.RadioSelect,
    )
    count = forms.IntegerField(
        label=_("Number of meetings"),
        min_value=1,
        max_value=MAX_SERIES_LENGTH,
        required=False,
        help_text=_("Fill in a number of meetings, an end date, or both."),
    )
    until = forms.DateField(
        label=_("End date"),
        required=False,
        widget=AdminDateInput,
        help_text=_("No meetings after this date."),
    )
    skip = forms.CharField(
        label=_("Dates without a meeting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example holidays. One date per line, like 24-12-2026 or 2026-12-24."),
    )
    topic = forms.CharField(
        label=field_label(Meeting, "topic"),
        max_length=200,
        required=False,
        help_text=_("Optional. Every meeting of the series gets this topic."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = managed_groups(user)
        self.fields["group"].label_from_instance = group_label
        self.dates = []

    def clean_skip(self):
        dates, wrong = parse_dates(self.cleaned_data["skip"])
        if wrong:
            raise ValidationError(
                _("These are not dates: %(entries)s. Write one date per line, like 24-12-2026."),
                params={"entries": ", ".join(wrong)},
            )
        return dates

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("A meeting must end after it starts."))
        first, until = cleaned.get("first_date"), cleaned.get("until")
        if first and until and until < first:
            self.add_error("until", _("The series cannot end before it starts."))
        if "count" in cleaned and "until" in cleaned and not (cleaned["count"] or until):
            self.add_error("count", _("Give a number of meetings or an end date."))
        if self.errors or not first:
            return cleaned
        try:
            self.dates = services.series_dates(
                first_date=first,
                frequency=cleaned["frequency"],
                count=cleaned["count"],
                until=until,
                skip=set(cleaned["skip"]),
            )
        except ValidationError as error:
            add_service_error(self, error)
            return cleaned
        if not self.dates:
            self.add_error(None, _("With these choices there are no meetings. Check the dates."))
        elif len(self.dates) > MAX_SERIES_LENGTH:
            self.add_error(
                "until",
                _("That is more than %(max)s meetings. Choose an earlier end date.")
                % {"max": MAX_SERIES_LENGTH},
            )
        return cleaned


class MeetingSeriesView(
    generic.PermissionCheckedMixin, generic.WagtailAdminTemplateMixin, FormView
):
    model = Meeting
    permission_required = "add"
    index_url_name = None
    series_url_name = None
    form_class = MeetingSeriesForm
    template_name = "groups/admin/meeting_series.html"
    page_title = _("Add a series of meetings")
    header_icon = "calendar-alt"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Meeting._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        return {"group": self.request.GET.get("group")}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            meetings = services.meeting_series_create(
                group=data["group"],
                first_date=data["first_date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                frequency=data["frequency"],
                count=data["count"],
                until=data["until"],
                skip=data["skip"],
                topic=data["topic"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        for meeting in meetings:
            log(meeting, "wagtail.create", user=self.request.user)
        messages.success(
            self.request,
            ngettext(
                "%(count)s meeting added to %(group)s.",
                "%(count)s meetings added to %(group)s.",
                len(meetings),
            )
            % {"count": len(meetings), "group": data["group"].title},
        )
        return redirect(f"{reverse(self.index_url_name)}?group={data['group'].pk}")

    def form_invalid(self, form):
        messages.validation_error(
            self.request, _("The series could not be added. Please check the form."), form
        )
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse(self.series_url_name),
            submit_button_label=_("Add meetings"),
            submit_button_active_label=_("Adding…"),
            media=context["form"].media,
        )
        return context


# --------------------------------------------------------------- enrolments


class EnrolmentFilterSet(WagtailFilterSet):
    group = GroupChoiceFilter(label=field_label(Enrolment, "group"))
    status = ChoiceFilter(label=field_label(Enrolment, "status"), choices=EnrolmentStatus.choices)

    class Meta:
        model = Enrolment
        fields = ["group", "status"]


class EnrolmentActionsMixin:
    """The two things a coordinator does with a sign-up, as buttons."""

    promote_url_name = None
    cancel_url_name = None

    def enrolment_actions(self, enrolment, next_url=""):
        if not self.user_has_permission("change"):
            return []
        suffix = f"?{urlencode({'next': next_url})}" if next_url else ""
        actions = []
        if self.promote_url_name and enrolment.status in (
            EnrolmentStatus.WAITING,
            EnrolmentStatus.OFFERED,
        ):
            url = reverse(self.promote_url_name, args=[enrolment.pk]) + suffix
            actions.append((_("Give a place"), url, "plus", 40))
        if self.cancel_url_name and enrolment.status in ACTIVE:
            url = reverse(self.cancel_url_name, args=[enrolment.pk]) + suffix
            actions.append((_("Cancel sign-up"), url, "cross", 50))
        return actions


class EnrolmentIndexView(EnrolmentActionsMixin, generic.IndexView):
    def get_queryset(self):
        return super().get_queryset().select_related("group", "person")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        next_url = back_to_listing(self.request, self.index_url)
        for label, url, icon, priority in self.enrolment_actions(instance, next_url):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons

    @cached_property
    def header_buttons(self):
        return []  # sign-ups come from the participants; no raw "add"


class EnrolmentInspectView(EnrolmentActionsMixin, ScopedInspectView):
    def get_waiting_position_display_value(self):
        return self.object.waiting_position() or "–"

    def get_field_label(self, field_name, field):
        if field_name == "waiting_position":
            return _("Place on the waiting list")
        return super().get_field_label(field_name, field)

    @cached_property
    def header_more_buttons(self):
        return [
            Button(label, url=url, icon_name=icon, priority=priority)
            for label, url, icon, priority in self.enrolment_actions(self.object)
        ]


def enrolment_details(enrolment):
    return [
        (field_label(Enrolment, "person"), str(enrolment.person)),
        (field_label(Enrolment, "group"), enrolment.group.title),
        (field_label(Enrolment, "status"), enrolment.get_status_display()),
        (
            field_label(Enrolment, "created_at"),
            date_format(timezone.localtime(enrolment.created_at), "l j F Y, H:i"),
        ),
    ]


class EnrolmentPromoteView(ConfirmActionView):
    page_title = _("Give a place")
    header_icon = "plus"
    confirm_label = _("Yes, give a place")

    def can_confirm(self):
        return self.object.status in (EnrolmentStatus.WAITING, EnrolmentStatus.OFFERED)

    def get_question(self):
        if not self.can_confirm():
            return _("Only someone on the waiting list can be given a place.")
        return _(
            "Give %(person)s a place in %(group)s? They get an e-mail with the "
            "confirmation and the meetings."
        ) % {"person": self.object.person, "group": self.object.group.title}

    def get_details(self):
        left = self.object.group.places_left()
        return [*enrolment_details(self.object), (_("Places left"), str(left))]

    def perform(self):
        enrolment = services.enrolment_promote(enrolment=self.object, by=self.request.user)
        return _("%(person)s now has a place in %(group)s.") % {
            "person": enrolment.person,
            "group": enrolment.group.title,
        }


class EnrolmentCancelView(ConfirmActionView):
    page_title = _("Cancel sign-up")
    header_icon = "cross"
    confirm_label = _("Yes, cancel the sign-up")
    button_class = "button serious"

    def can_confirm(self):
        return self.object.status in ACTIVE

    def get_question(self):
        if not self.can_confirm():
            return _("This sign-up was already cancelled.")
        return _(
            "Cancel the sign-up of %(person)s for %(group)s? When this frees a "
            "place, the first person on the waiting list is offered it by e-mail."
        ) % {"person": self.object.person, "group": self.object.group.title}

    def get_details(self):
        return enrolment_details(self.object)

    def perform(self):
        enrolment = services.enrolment_cancel(enrolment=self.object, by=self.request.user)
        return _("The sign-up of %(person)s is cancelled.") % {"person": enrolment.person}


# ---------------------------------------------------------- savings circles


class SavingsCircleIndexView(generic.IndexView):
    def get_queryset(self):
        return super().get_queryset().select_related("group", "bookkeeper")


class SavingsCircleForm(WagtailAdminModelForm):
    """Only the coordinator's own savings-circle groups, and a bookkeeper
    who is a member of that group."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = (
            managed_groups(self.for_user).filter(kind=GroupKind.SAVINGS_CIRCLE)
            if self.for_user
            else GroupPage.objects.none()
        )
        if "group" in self.fields:
            field = self.fields["group"]
            # A group has one ledger: only groups without one can get one.
            field.queryset = groups.filter(savings_circle__isnull=True)
            field.label_from_instance = group_label
        if "bookkeeper" in self.fields:
            # Before a group is chosen, members of any of them; clean() checks.
            if self.instance.group_id:
                groups = GroupPage.objects.filter(pk=self.instance.group_id)
            members = Enrolment.objects.filter(
                group__in=groups, status=EnrolmentStatus.ENROLLED
            ).values("person_id")
            self.fields["bookkeeper"].queryset = get_user_model().objects.filter(pk__in=members)
        if "fine_amount" in self.fields:
            field = self.fields["fine_amount"]
            field.validators.append(
                MinValueValidator(0, message=_("The fine cannot be less than € 0."))
            )
            field.widget.attrs["min"] = "0"

    def clean(self):
        cleaned_data = super().clean()
        group = cleaned_data.get("group") or (
            self.instance.group if self.instance.group_id else None
        )
        bookkeeper = cleaned_data.get("bookkeeper")
        if (
            group
            and bookkeeper
            and not Enrolment.objects.filter(
                group=group, person=bookkeeper, status=EnrolmentStatus.ENROLLED
            ).exists()
        ):
            self.add_error("bookkeeper", _("Choose a member of this savings circle as bookkeeper."))
        return cleaned_data
