"""What happens around a group page: its meetings, the sign-ups with the
waiting list, personal calendar links and sent reminders. Plain records with
database constraints, never page children: editing or publishing a page
leaves them alone."""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from people.invitations.base import Invitation, answer_constraints


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    # A called-off meeting ("afgelast"); a cancelled sign-up is another word.
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "cancelled")


class MeetingQuerySet(models.QuerySet):
    def planned(self):
        return self.filter(status=MeetingStatus.PLANNED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def coming_first(self, now=None):
        """Coming meetings soonest first, then past ones latest first: what a
        coordinator plans comes before what is history."""
        now = now or timezone.now()
        coming = Q(ends_at__gte=now)
        return self.order_by(
            Case(When(coming, then=Value(0)), default=Value(1)),
            Case(When(coming, then=F("starts_at"))).asc(nulls_last=True),
            F("starts_at").desc(),
        )

    def for_person(self, user):
        """Meetings of the groups `user` is enrolled in or leads: two indexed
        subqueries, not an OR across two joins (which reads every sign-up)."""
        enrolled = Enrolment.objects.filter(person=user, status=EnrolmentStatus.ENROLLED)
        return self.filter(
            Q(group__in=enrolled.values("group_id")) | Q(group__in=user.led_groups.values("pk"))
        )


class Meeting(models.Model):
    """One meeting (bijeenkomst) of a group. Moved or cancelled, never
    silently rewritten: every change raises the calendar SEQUENCE."""

    group = models.ForeignKey(
        "groups.GroupPage",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("group"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    location = models.CharField(
        _("other location"),
        max_length=200,
        blank=True,
        help_text=_("Only when this meeting is not at the group's usual venue."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # Why it was cancelled, for participants: a closure's name, a pause.
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["group", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.group.title} – {local:%d-%m-%Y %H:%M}"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A meeting must end after it starts.")})

    @property
    def is_cancelled(self):
        return self.status == MeetingStatus.CANCELLED

    def day_has_come(self, today=None):
        """Attendance and deposits are recorded from the day of the meeting on."""
        return timezone.localtime(self.starts_at).date() <= (today or timezone.localdate())

    @property
    def where(self):
        return self.location or self.group.full_address


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("enrolled")
    WAITING = "waiting", _("on the waiting list")
    OFFERED = "offered", _("place offered")
    # The person left the group ("afgemeld"), not a called-off meeting.
    CANCELLED = "cancelled", pgettext_lazy("sign-up status", "cancelled")
    EXPIRED = "expired", _("offer expired")


# Statuses that take one of the group's places, and those still in play.
HOLDING_PLACE = [EnrolmentStatus.ENROLLED, EnrolmentStatus.OFFERED]


ACTIVE = [*HOLDING_PLACE, EnrolmentStatus.WAITING]


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE)

    def holding_place(self):
        return self.filter(status__in=HOLDING_PLACE)

    def waiting_list(self):
        """First come, first served."""
        return self.filter(status=EnrolmentStatus.WAITING).order_by("created_at", "pk")

    def offers_due(self, now=None):
        return self.filter(
            status=EnrolmentStatus.OFFERED, offer_expires_at__lte=now or timezone.now()
        )


class Enrolment(models.Model):
    """A person's place in (or on the waiting list of) a whole group."""

    group = models.ForeignKey(
        "groups.GroupPage",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("group"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("participant"),
    )
    status = models.CharField(_("status"), max_length=10, choices=EnrolmentStatus.choices)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    enrolled_at = models.DateTimeField(_("place since"), null=True, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    offer_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # When the person, still waiting, was told the group had ended: once.
    told_group_finished_at = models.DateTimeField(null=True, blank=True, editable=False)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed up by"),
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=Q(status__in=ACTIVE),
                name="enrolment_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status__in=EnrolmentStatus.values), name="enrolment_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.group.title} ({self.get_status_display()})"

    @property
    def holds_place(self):
        return self.status in HOLDING_PLACE

    def waiting_position(self):
        """1 for the first person on the waiting list."""
        if self.status != EnrolmentStatus.WAITING:
            return None
        return (
            Enrolment.objects.waiting_list()
            .filter(group_id=self.group_id)
            .filter(
                Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
            )
            .count()
            + 1
        )

    @staticmethod
    def new_offer_token():
        return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a person's calendar feed address; revoked, never reused."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_token_one_active_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user} ({'revoked' if self.revoked_at else 'active'})"


class MeetingReminder(models.Model):
    """Proof that a person was reminded of a meeting, so it happens once."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="reminder_once_per_meeting")
        ]

    def __str__(self):
        return f"{self.meeting} → {self.person}"


class InvitationAnswer(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    DECLINED = "declined", _("declined")
    EXPIRED = "expired", _("expired")


INVITATION_DAYS = 14


class EnrolmentInvitation(Invitation):
    """A trainer or coordinator asks the owner of an e-mail address to
    confirm a sign-up. The trainer learns nothing about any account behind
    the address; the link's token is derived from the row when the mail
    leaves, and only its hash is kept (people.invitations.base)."""

    group = models.ForeignKey(
        "groups.GroupPage",
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("group"),
    )
    answer = models.CharField(
        _("answer"), max_length=10, choices=InvitationAnswer.choices, blank=True
    )
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enrolment"),
    )

    token_salt = "groups.EnrolmentInvitation"

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                models.F("group"),
                Lower("email"),
                condition=Q(answered_at__isnull=True),
                name="invitation_one_open_per_group_and_address",
            ),
            *answer_constraints("invitation", InvitationAnswer.values),
        ]

    def __str__(self):
        return f"{self.name_typed} – {self.group.title}"
