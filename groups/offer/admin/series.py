"""Adding a series of meetings at once: every week, every two weeks or
monthly on the same weekday, with dates to skip; and more meetings for a
group after its last one, in its rhythm. The organisation's closures are
skipped: before saving, the coordinator sees the dates and which were
skipped and why (a hidden fingerprint of the plan shown must match the
plan saved, so a changed form is shown again first)."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.admin.widgets import AdminDateInput, AdminTimeInput
from wagtail.log_actions import log

from people.admin_kit.labels import field_label
from people.admin_kit.views import add_service_error

from .. import services
from ..closures import extension
from ..closures.extension import Rhythm
from ..models import Meeting
from ..pages import GroupPage
from ..selectors import managed_groups
from .filters import group_label

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


class PlanPreviewMixin:
    """The dates a form would plan (`dates`), those skipped with the reason
    (`skipped`), and whether the coordinator has seen exactly this plan."""

    def fingerprint(self):
        return ",".join(day.isoformat() for day in self.dates)

    def plan_seen(self):
        return self.cleaned_data.get("plan") == self.fingerprint()

    def skipped_lines(self):
        return [(day, closure.name) for day, closure in self.skipped]

    def check_plan(self):
        if not self.dates:
            self.add_error(None, _("With these choices there are no meetings. Check the dates."))
        elif len(self.dates) > MAX_SERIES_LENGTH:
            self.add_error(
                "until",
                _("That is more than %(max)s meetings. Choose an earlier end date.")
                % {"max": MAX_SERIES_LENGTH},
            )


def clean_skip_field(text):
    dates, wrong = parse_dates(text)
    if wrong:
        raise ValidationError(
            _("These are not dates: %(entries)s. Write one date per line, like 24-12-2026."),
            params={"entries": ", ".join(wrong)},
        )
    return dates


class MeetingSeriesForm(PlanPreviewMixin, forms.Form):
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
    plan = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = managed_groups(user)
        self.fields["group"].label_from_instance = group_label
        self.dates, self.skipped = [], []

    def clean_skip(self):
        return clean_skip_field(self.cleaned_data["skip"])

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
            self.dates, self.skipped = services.series_plan(
                group=cleaned["group"],
                first_date=first,
                frequency=cleaned["frequency"],
                count=cleaned["count"],
                until=until,
                skip=set(cleaned["skip"]),
            )
        except ValidationError as error:
            add_service_error(self, error)
            return cleaned
        self.check_plan()
        return cleaned


class MeetingExtendForm(PlanPreviewMixin, forms.Form):
    """More meetings after the group's last one, at the same time of day."""

    group = forms.ModelChoiceField(
        queryset=GroupPage.objects.none(), label=field_label(Meeting, "group")
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=FREQUENCY_CHOICES,
        initial="weekly",
        widget=forms.RadioSelect,
        help_text=_("Filled in from the group's last meetings."),
    )
    count = forms.IntegerField(
        label=_("Number of meetings"),
        min_value=1,
        max_value=MAX_SERIES_LENGTH,
        required=False,
        help_text=_("Fill in a number of meetings, an end date, or both."),
    )
    until = MeetingSeriesForm.base_fields["until"]
    skip = MeetingSeriesForm.base_fields["skip"]
    topic = MeetingSeriesForm.base_fields["topic"]
    plan = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = managed_groups(user)
        self.fields["group"].label_from_instance = group_label
        self.dates, self.skipped, self.rhythm = [], [], None

    def clean_skip(self):
        return clean_skip_field(self.cleaned_data["skip"])

    def clean(self):
        cleaned = super().clean()
        group, until = cleaned.get("group"), cleaned.get("until")
        if "count" in cleaned and "until" in cleaned and not (cleaned["count"] or until):
            self.add_error("count", _("Give a number of meetings or an end date."))
        if self.errors or not group:
            return cleaned
        try:
            self.rhythm = Rhythm(group)
            self.dates, self.skipped = self.rhythm.plan(
                group=group,
                count=cleaned["count"],
                until=until,
                skip=set(cleaned["skip"]),
                frequency=cleaned["frequency"],
            )
        except ValidationError as error:
            add_service_error(self, error)
            return cleaned
        self.check_plan()
        return cleaned


class PlannedSeriesView(
    generic.PermissionCheckedMixin, generic.WagtailAdminTemplateMixin, FormView
):
    """Shows the plan (dates, skipped dates and why) before saving it."""

    model = Meeting
    permission_required = "add"
    index_url_name = None
    series_url_name = None
    extend_url_name = None
    template_name = "groups/admin/meeting_series.html"
    header_icon = "calendar-alt"
    own_url_name = None

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

    def create(self, data):
        raise NotImplementedError

    def form_valid(self, form):
        if not form.plan_seen():
            return self.preview(form)
        data = form.cleaned_data
        try:
            meetings = self.create(data)
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

    def preview(self, form):
        """The same form again, now carrying the fingerprint of the plan shown."""
        data = form.data.copy()
        data["plan"] = form.fingerprint()
        seen = self.form_class(data, user=self.request.user)
        seen.is_valid()
        return self.render_to_response(self.get_context_data(form=seen, preview=seen))

    def form_invalid(self, form):
        messages.validation_error(
            self.request, _("The series could not be added. Please check the form."), form
        )
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        preview = kwargs.get("preview")
        label = _("Show the dates")
        if preview is not None:
            label = ngettext(
                "Add this %(count)s meeting", "Add these %(count)s meetings", len(preview.dates)
            ) % {"count": len(preview.dates)}
        context.update(
            action_url=reverse(self.own_url_name),
            submit_button_label=label,
            submit_button_active_label=_("Adding…"),
            media=context["form"].media,
        )
        return context


class MeetingSeriesView(PlannedSeriesView):
    form_class = MeetingSeriesForm
    page_title = _("Add a series of meetings")

    @property
    def own_url_name(self):
        return self.series_url_name

    def create(self, data):
        return services.meeting_series_create(
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


class MeetingExtendView(PlannedSeriesView):
    form_class = MeetingExtendForm
    page_title = _("Add more meetings")

    @property
    def own_url_name(self):
        return self.extend_url_name

    def get_initial(self):
        initial = super().get_initial()
        chosen = initial["group"] or ""
        group = chosen.isdigit() and managed_groups(self.request.user).filter(pk=chosen).first()
        if group and group.meetings.exists():
            initial["frequency"] = Rhythm(group).frequency
        return initial

    def create(self, data):
        return extension.meeting_series_extend(
            group=data["group"],
            count=data["count"],
            until=data["until"],
            skip=data["skip"],
            frequency=data["frequency"],
            topic=data["topic"],
        )
