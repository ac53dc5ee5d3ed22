"""Attendance records, absences announced in advance, and attention
signals; one row per person and meeting, however often it is saved."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    LATE = "late", _("late")
    EXCUSED = "excused", _("excused")
    ABSENT = "absent", _("absent")


# Statuses in which the person was there.
ATTENDED = [AttendanceStatus.PRESENT, AttendanceStatus.LATE]


class Attendance(models.Model):
    """Whether a person was at a meeting: one row per person and meeting,
    whoever saves it and however often."""

    meeting = models.ForeignKey(
        "groups.Meeting",
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=_("meeting"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=_("participant"),
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values), name="attendance_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.meeting}: {self.get_status_display()}"

    @property
    def attended(self):
        return self.status in ATTENDED


class AbsenceChannel(models.TextChoices):
    MY_WAAKVLAM = "my_waakvlam", _("on My Waakvlam")
    EMAIL = "email", _("from the reminder e-mail")
    TRAINER = "trainer", _("through the trainer")


class AbsenceNoticeQuerySet(models.QuerySet):
    def standing(self):
        """Not taken back ("ik kom toch")."""
        return self.filter(withdrawn_at__isnull=True)


class AbsenceNotice(models.Model):
    """Someone said in advance "I cannot come this time" for one meeting.

    Not an attendance row: the trainer still registers the meeting, with
    "excused" chosen for this person beforehand. Taking it back sets
    `withdrawn_at`; announcing again reuses the row (one per person and
    meeting)."""

    meeting = models.ForeignKey(
        "groups.Meeting",
        on_delete=models.PROTECT,
        related_name="absence_notices",
        verbose_name=_("meeting"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="absence_notices",
        verbose_name=_("participant"),
    )
    channel = models.CharField(_("announced"), max_length=12, choices=AbsenceChannel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("taken back at"), null=True, blank=True)

    objects = AbsenceNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("announced absence")
        verbose_name_plural = _("announced absences")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="absence_once_per_meeting"),
            models.CheckConstraint(
                condition=Q(channel__in=AbsenceChannel.values), name="absence_channel_valid"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.meeting}"


class SignalKind(models.TextChoices):
    # Missed without a word: the aftercare worry.
    UNANNOUNCED = "unannounced", _("absent without notice")
    # Always a good reason, but often: softer, still worth a call.
    ANNOUNCED = "announced", _("often absent with notice")
    # Raised by a higher app (aftercare) for a person, not for a group.
    AFTERCARE_UNREACHED = "aftercare_unreached", _("aftercare: not reached twice in a row")
    AFTERCARE_CONCERNS = "aftercare_concerns", _("aftercare: concerns")


# The kinds a group's streaks raise; the others belong to no group.
GROUP_KINDS = [SignalKind.UNANNOUNCED, SignalKind.ANNOUNCED]
GROUPLESS_KINDS = [kind for kind in SignalKind.values if kind not in GROUP_KINDS]


class SignalOutcome(models.TextChoices):
    """What happened after a signal. The first four are what a trainer or
    coordinator records; the last two are written by the system."""

    FINE = "fine", _("called – doing fine")
    CONCERNS = "concerns", _("concerns – appointment made")
    # Records an attempt and keeps the signal open (see signal_outcome_record).
    NOT_REACHED = "not_reached", _("not reached")
    STOPPED = "stopped", _("stopped")
    RETURNED = "returned", _("came again")
    LEFT = "left", _("signed off from the group")


# What a person records; "not reached" does not close the signal.
RECORDABLE_OUTCOMES = [
    SignalOutcome.FINE,
    SignalOutcome.CONCERNS,
    SignalOutcome.NOT_REACHED,
    SignalOutcome.STOPPED,
]
# Recorded by a person and closing the signal.
RECORDED_CLOSING = [SignalOutcome.FINE, SignalOutcome.CONCERNS, SignalOutcome.STOPPED]
CLOSING_OUTCOMES = [value for value in SignalOutcome.values if value != SignalOutcome.NOT_REACHED]
NOTE_MAX_LENGTH = 500


class AttentionSignalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)


class AttentionSignal(models.Model):
    """Someone missed several meetings in a row: the aftercare signal that a
    person is slipping away. Open until someone records an outcome, the
    person comes again or leaves the group. One open signal per person and
    group; its kind says which streak raised it. Coordinators hear of it
    once (`escalated_at`) when it stays open too long.

    A higher app raises signals without a group on the same list (aftercare:
    not reached twice, concerns); those belong to the organisation only, one
    open per person and kind, and no trainer sees them."""

    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.PROTECT,
        related_name="attention_signals",
        verbose_name=_("organisation"),
    )
    group = models.ForeignKey(
        "groups.GroupPage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attention_signals",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attention_signals"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=SignalKind.choices, default=SignalKind.UNANNOUNCED
    )
    # For aftercare's "not reached": the contact moments missed in a row.
    missed = models.PositiveSmallIntegerField(_("meetings missed in a row"))
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=SignalOutcome.choices, blank=True
    )
    # Personal data: in the person's data download, never in a log line.
    note = models.CharField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    # The last time someone tried and did not reach the person.
    unreached_at = models.DateTimeField(_("not reached on"), null=True, blank=True)
    unreached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("not reached by"),
    )
    escalated_at = models.DateTimeField(_("sent to the coordinators"), null=True, blank=True)

    objects = AttentionSignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("attention signal")
        verbose_name_plural = _("attention signals")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=Q(closed_at__isnull=True),
                name="attention_one_open_per_person",
            ),
            models.UniqueConstraint(
                fields=["organisation", "person", "kind"],
                condition=Q(closed_at__isnull=True, group__isnull=True),
                name="attention_one_open_per_kind_without_group",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SignalKind.values), name="attention_kind_valid"
            ),
            # A group's streak signal has its group; the others have none.
            models.CheckConstraint(
                condition=Q(kind__in=GROUP_KINDS, group__isnull=False)
                | Q(kind__in=GROUPLESS_KINDS, group__isnull=True),
                name="attention_group_signal_has_group",
            ),
            # Closed exactly when it has an outcome that closes.
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, outcome="")
                | Q(closed_at__isnull=False, outcome__in=CLOSING_OUTCOMES),
                name="attention_closed_with_outcome",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.place_label} ({self.missed})"

    def save(self, *args, **kwargs):
        # A group's signal belongs to the group's organisation.
        if self.organisation_id is None and self.group_id is not None:
            self.organisation_id = self.group.organisation_id
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.closed_at is None

    @property
    def place_label(self):
        """Where it comes from: the group's title, or "Nazorg"."""
        return self.group.title if self.group_id else gettext("Aftercare")
