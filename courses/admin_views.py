"""Admin forms and listings for lessons, completion rules and completions.

Coordinators choose only among the courses of their own organisations (see
people.admin_kit); the group's meetings are the only meetings a lesson
can be about."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton

from groups.models import GroupPage, Meeting
from groups.offer.admin.filters import GroupChoiceFilter, group_label
from groups.offer.selectors import managed_groups
from people.admin_kit.labels import field_label
from people.admin_kit.viewsets import ScopedInspectView

from .models import COURSE_KINDS, Completion, CompletionRule, Lesson


def course_groups(user):
    """The budget courses and trainings whose lessons and rules `user` manages."""
    if user is None:
        return GroupPage.objects.none()
    return managed_groups(user).filter(kind__in=COURSE_KINDS)


def meeting_label(meeting, *, with_group=True):
    when = date_format(timezone.localtime(meeting.starts_at), "D j-n-Y H:i")
    label = f"{group_label(meeting.group)} – {when}" if with_group else when
    if meeting.is_cancelled:
        label = f"{label} ({meeting.get_status_display()})"
    return label


class CourseGroupChoiceFilter(GroupChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", lambda request: course_groups(request.user))
        super().__init__(*args, **kwargs)


class CourseFilterSet(WagtailFilterSet):
    group = CourseGroupChoiceFilter(label=field_label(Lesson, "group"))


class LessonFilterSet(CourseFilterSet):
    class Meta:
        model = Lesson
        fields = ["group"]


class CompletionFilterSet(CourseFilterSet):
    class Meta:
        model = Completion
        fields = ["group"]


class CourseGroupFormMixin:
    """The group is one of the coordinator's own courses."""

    def limit_group(self):
        groups = course_groups(self.for_user)
        if "group" in self.fields:
            field = self.fields["group"]
            field.queryset = groups
            field.label_from_instance = group_label
        return groups


class LessonForm(CourseGroupFormMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = self.limit_group()
        if "meeting" in self.fields:
            # An existing lesson's group is fixed (and within the
            # coordinator's scope): only its meetings.
            known_group = self.instance.group_id is not None
            if known_group:
                meetings = Meeting.objects.filter(group_id=self.instance.group_id)
            else:
                meetings = Meeting.objects.filter(group__in=groups)
            meetings = meetings.select_related("group")
            field = self.fields["meeting"]
            field.queryset = meetings.order_by("group__title", "starts_at")
            # Only a new lesson's list mixes groups; it names the group.
            field.label_from_instance = lambda meeting: meeting_label(
                meeting, with_group=not known_group
            )


class CompletionRuleForm(CourseGroupFormMixin, WagtailAdminModelForm):
    # Replaces the model field's form field, whose 0–32767 range would give a
    # misleading message.
    min_attendance_percent = forms.IntegerField(
        label=field_label(CompletionRule, "min_attendance_percent"),
        min_value=1,
        max_value=100,
        initial=75,
        help_text=_("A number from 1 to 100. 75 means: at least 3 of 4 meetings."),
        error_messages={
            "min_value": _("Fill in a percentage from 1 to 100."),
            "max_value": _("Fill in a percentage from 1 to 100."),
            "invalid": _("Fill in a whole number from 1 to 100."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_group()


class MeetingColumn(Column):
    def __init__(self, name="meeting", **kwargs):
        kwargs.setdefault("label", field_label(Lesson, "meeting"))
        kwargs.setdefault("sort_key", "meeting__starts_at")
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        meeting = instance.meeting
        return meeting_label(meeting, with_group=False) if meeting else "–"


class AttendedColumn(Column):
    """How many meetings the person attended, as "4 of 6"."""

    def __init__(self, name="attended", **kwargs):
        kwargs.setdefault("label", field_label(Completion, "attended"))
        kwargs.setdefault("sort_key", "attended")
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return _("%(attended)s of %(meetings)s") % {
            "attended": instance.attended,
            "meetings": instance.meetings,
        }


class LessonIndexView(generic.IndexView):
    def get_queryset(self):
        return super().get_queryset().select_related("group", "meeting__group")


class CompletionRuleIndexView(generic.IndexView):
    def get_queryset(self):
        return super().get_queryset().select_related("group")


class CompletionIndexView(generic.IndexView):
    def get_queryset(self):
        return super().get_queryset().select_related("group", "person")


class CompletionInspectView(ScopedInspectView):
    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Open the certificate"),
                url=reverse("courses:certificate", args=[self.object.certificate_code]),
                icon_name="doc-full",
            )
        ]
