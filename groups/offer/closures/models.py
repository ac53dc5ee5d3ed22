"""Closure periods of an organisation, the pauses of a group, and the
notice rows that make sure a participant is told once about each."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ClosureKind(models.TextChoices):
    SCHOOL_HOLIDAY = "school_holiday", _("school holiday")
    PUBLIC_HOLIDAY = "public_holiday", _("public holiday")
    OTHER = "other", _("other")


class ClosureQuerySet(models.QuerySet):
    def covering(self, day):
        return self.filter(first_day__lte=day, last_day__gte=day)


class Closure(models.Model):
    """A period, first and last day included, in which the organisation's
    groups do not meet (for example "Kerstvakantie")."""

    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.PROTECT,
        related_name="closures",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"), help_text=_("This day is closed too."))
    kind = models.CharField(
        _("kind"), max_length=20, choices=ClosureKind.choices, default=ClosureKind.SCHOOL_HOLIDAY
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["first_day", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")), name="closure_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ClosureKind.values), name="closure_kind_valid"
            ),
            # Generating a year's public holidays twice adds nothing.
            models.UniqueConstraint(
                fields=["organisation", "first_day"],
                condition=Q(kind=ClosureKind.PUBLIC_HOLIDAY),
                name="closure_one_public_holiday_per_day",
                violation_error_message=_("There is already a public holiday on this day."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("The last day cannot be before the first day.")})


class ClosureCalendar:
    """An organisation's closures from a day on, read once: which closure
    (if any) covers a day."""

    def __init__(self, organisation_id, from_day):
        self.closures = list(
            Closure.objects.filter(organisation_id=organisation_id, last_day__gte=from_day)
        )

    def covering(self, day):
        return next(
            (closure for closure in self.closures if closure.first_day <= day <= closure.last_day),
            None,
        )


class GroupPause(models.Model):
    """A group paused until further notice; resumed_at closes it. The rows
    are the history of a group's pauses."""

    group = models.ForeignKey(
        "groups.GroupPage",
        on_delete=models.PROTECT,
        related_name="pauses",
        verbose_name=_("group"),
    )
    reason = models.CharField(
        _("message for participants"),
        max_length=200,
        blank=True,
        help_text=_("Optional. For example: 'The trainer is ill.' Participants see this."),
    )
    paused_at = models.DateTimeField(_("paused on"), default=timezone.now)
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paused by"),
    )
    resumed_at = models.DateTimeField(_("resumed on"), null=True, blank=True)
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resumed by"),
    )

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["-paused_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(resumed_at__isnull=True),
                name="pause_one_open_per_group",
                violation_error_message=_("This group is already paused."),
            ),
            models.CheckConstraint(
                condition=Q(resumed_at__isnull=True) | Q(resumed_at__gte=F("paused_at")),
                name="pause_resumed_after_paused",
            ),
        ]

    def __str__(self):
        return f"{self.group.title} ({timezone.localtime(self.paused_at):%d-%m-%Y})"

    @property
    def is_open(self):
        return self.resumed_at is None


class NoticeEvent(models.TextChoices):
    CLOSURE = "closure", _("meetings cancelled for a closure")
    PAUSED = "paused", _("group paused")
    RESUMED = "resumed", _("group resumed")


class ParticipantNotice(models.Model):
    """Proof that a person was told about one action (the meetings of a
    closure cancelled, a pause, a resume): one e-mail, once."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=10, choices=NoticeEvent.choices)
    closure = models.ForeignKey(
        Closure, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    pause = models.ForeignKey(
        GroupPause, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "closure"],
                condition=Q(event=NoticeEvent.CLOSURE),
                name="notice_once_per_closure",
            ),
            models.UniqueConstraint(
                fields=["person", "pause", "event"],
                condition=Q(pause__isnull=False),
                name="notice_once_per_pause_event",
            ),
            models.CheckConstraint(
                condition=(
                    Q(event=NoticeEvent.CLOSURE, closure__isnull=False, pause__isnull=True)
                    | Q(
                        event__in=[NoticeEvent.PAUSED, NoticeEvent.RESUMED],
                        closure__isnull=True,
                        pause__isnull=False,
                    )
                ),
                name="notice_names_its_cause",
            ),
        ]

    def __str__(self):
        return f"{self.get_event_display()} → {self.person}"
