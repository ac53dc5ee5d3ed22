"""Lessons, completion rules and completions of budget courses and
trainings. A completion is never changed: a printed certificate shows it."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groups.models import GroupKind, GroupPage, Meeting

# The kinds of group that are courses: they have lessons, a completion rule
# and certificates.
COURSE_KINDS = [GroupKind.BUDGET_COURSE, GroupKind.TRAINING]


def _check_course(instance):
    # Only when the group is chosen: an edit form shows the group read-only,
    # and an error on a field that is not in the form is a server error.
    if (
        instance._state.adding
        and instance.group_id
        and not GroupPage.objects.filter(pk=instance.group_id, kind__in=COURSE_KINDS).exists()
    ):
        raise ValidationError({"group": _("Choose a budget course or a training.")})


class CompletionRule(models.Model):
    """What makes a budget course or training completed: attended at least
    `min_attendance_percent` of its meetings, and (usually) the first one."""

    group = models.OneToOneField(
        GroupPage, on_delete=models.PROTECT, related_name="completion_rule", verbose_name=_("group")
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("attended at least (%)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    first_meeting_required = models.BooleanField(_("the first meeting is required"), default=True)

    class Meta:
        verbose_name = _("completion rule")
        verbose_name_plural = _("completion rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_attendance_percent__gte=1, min_attendance_percent__lte=100),
                name="completion_percent_between_1_and_100",
            )
        ]

    def __str__(self):
        return f"{self.group.title}: {self.min_attendance_percent}%"

    def clean(self):
        super().clean()
        _check_course(self)


class Lesson(models.Model):
    """What one meeting of a course is about."""

    group = models.ForeignKey(
        GroupPage, on_delete=models.PROTECT, related_name="lessons", verbose_name=_("group")
    )
    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lesson",
        verbose_name=_("meeting"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    goals = models.TextField(_("goals"), blank=True, help_text=_("What participants learn."))

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="lesson_number_once")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def clean(self):
        super().clean()
        _check_course(self)
        # The database cannot check this: a lesson's meeting is one of its
        # own group's meetings.
        if (
            self.meeting_id
            and self.group_id
            and not Meeting.objects.filter(pk=self.meeting_id, group_id=self.group_id).exists()
        ):
            message = _("This meeting belongs to another group. Choose a meeting of this group.")
            raise ValidationError({"meeting": message})


class Completion(models.Model):
    """A participant completed a course; the certificate shows it."""

    group = models.ForeignKey(
        GroupPage, on_delete=models.PROTECT, related_name="completions", verbose_name=_("group")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="completions",
        verbose_name=_("participant"),
    )
    attended = models.PositiveSmallIntegerField(_("meetings attended"))
    meetings = models.PositiveSmallIntegerField(_("meetings held"))
    first_date = models.DateField(_("from"))
    last_date = models.DateField(_("until"))
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)
    certificate_code = models.CharField(
        max_length=64, unique=True, default=secrets.token_urlsafe, editable=False
    )

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="completion_once"),
            models.CheckConstraint(
                condition=Q(attended__lte=models.F("meetings")), name="completion_attended_le_held"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.group.title}"

    def get_absolute_url(self):
        return reverse("courses:certificate", args=[self.certificate_code])
