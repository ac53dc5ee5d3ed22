import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from people.models import Organisation
from people.permissions import may_see_own_competencies

from .admin_forms import GroupPageForm


class GroupKind(models.TextChoices):
    BUDGET_COURSE = "budgetcursus", _("budget course")
    SAVINGS_CIRCLE = "spaarkring", _("savings circle")
    PEER_SUPPORT = "lotgenotengroep", _("peer-support group")
    TRAINING = "training", _("training for volunteers")


# Kinds everyone sees; trainings are listed only to volunteers and staff.
PUBLIC_KINDS = [GroupKind.BUDGET_COURSE, GroupKind.SAVINGS_CIRCLE, GroupKind.PEER_SUPPORT]


class GroupIndexPage(Page):
    """The offer ("Aanbod"): every group below it, filterable."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["groups.GroupPage"]

    class Meta:
        verbose_name = _("offer overview")

    def get_context(self, request, *args, **kwargs):
        from .views import offer_context  # views import this module

        context = super().get_context(request, *args, **kwargs)
        context.update(offer_context(request, self))
        return context


class GroupPageQuerySet(PageQuerySet):
    def visible_to(self, user):
        """Trainings only for volunteers, trainers, coordinators and staff."""
        queryset = self.live().public()
        if user.is_authenticated and (user.is_staff or may_see_own_competencies(user)):
            return queryset
        return queryset.filter(kind__in=PUBLIC_KINDS)

    def with_counts(self):
        """Annotate places taken and the next planned meeting, in one query."""
        now = timezone.now()
        return self.annotate(
            places_taken=Count(
                "enrolments",
                filter=Q(enrolments__status__in=HOLDING_PLACE),
                distinct=True,
            ),
            next_meeting_at=Min(
                "meetings__starts_at",
                filter=Q(meetings__starts_at__gte=now, meetings__status=MeetingStatus.PLANNED),
            ),
        )

    def open_for_enrolment(self, today=None):
        today = today or timezone.localdate()
        return self.live().filter(
            Q(enrolment_opens__isnull=True) | Q(enrolment_opens__lte=today),
            Q(enrolment_closes__isnull=True) | Q(enrolment_closes__gte=today),
        )


GroupPageManager = PageManager.from_queryset(GroupPageQuerySet)


class GroupPage(Page):
    """A budget course, savings circle, peer-support group or training.

    The page holds what editors describe; meetings and enrolments are their
    own records, so editing or publishing the page never touches them."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="group_pages",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices)
    intro = models.TextField(_("short introduction"), max_length=400)
    body = RichTextField(
        _("description"), features=["h3", "bold", "italic", "link", "ol", "ul"], blank=True
    )
    audience = models.TextField(_("for whom"), blank=True)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    place = models.CharField(_("place"), max_length=100)
    directions = models.TextField(_("how to get there"), blank=True)
    venue_accessibility = models.TextField(_("accessibility of the venue"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1)], default=12
    )
    enrolment_opens = models.DateField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes = models.DateField(_("enrolment closes"), null=True, blank=True)
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_groups",
        verbose_name=_("trainers"),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    costs = models.CharField(_("costs"), max_length=200, default="Gratis")

    objects = GroupPageManager()

    base_form_class = GroupPageForm

    content_panels = Page.content_panels + [
        FieldPanel("organisation"),
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("place"),
                FieldPanel("directions"),
                FieldPanel("venue_accessibility"),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("enrolment_opens"),
                FieldPanel("enrolment_closes"),
                FieldPanel("costs"),
            ],
            heading=_("Enrolment"),
        ),
        FieldPanel("trainers"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("audience"),
        index.SearchField("place"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["groups.GroupIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def clean(self):
        super().clean()
        if (
            self.enrolment_opens
            and self.enrolment_closes
            and self.enrolment_closes < self.enrolment_opens
        ):
            raise ValidationError(
                {"enrolment_closes": _("Enrolment cannot close before it opens.")}
            )

    def is_led_by(self, user):
        if not user.is_authenticated:
            return False
        cached = getattr(self, "_trainer_ids", None)
        if cached is None:
            cached = set(self.trainers.values_list("pk", flat=True))
            self._trainer_ids = cached
        return user.pk in cached

    def enrolment_window_open(self, today=None):
        today = today or timezone.localdate()
        if self.enrolment_opens and today < self.enrolment_opens:
            return False
        return not (self.enrolment_closes and today > self.enrolment_closes)

    def get_context(self, request, *args, **kwargs):
        from .views import group_page_context  # views import this module

        context = super().get_context(request, *args, **kwargs)
        context.update(group_page_context(request, self))
        return context

    def places_left(self):
        """Free places, never below zero. Counts the sign-ups that hold a
        place, unless with_counts() annotated them."""
        taken = getattr(self, "places_taken", None)
        if taken is None:
            taken = self.enrolments.filter(status__in=HOLDING_PLACE).count()
        return max(self.capacity - taken, 0)

    @property
    def full_address(self):
        return ", ".join(filter(None, [self.address, f"{self.postcode} {self.place}".strip()]))


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CANCELLED = "cancelled", _("cancelled")


class MeetingQuerySet(models.QuerySet):
    def planned(self):
        return self.filter(status=MeetingStatus.PLANNED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def for_person(self, user):
        """Meetings of the groups `user` is enrolled in or leads."""
        return self.filter(
            Q(
                group__enrolments__person=user,
                group__enrolments__status=EnrolmentStatus.ENROLLED,
            )
            | Q(group__trainers=user)
        ).distinct()


class Meeting(models.Model):
    """One meeting (bijeenkomst) of a group. Moved or cancelled, never
    silently rewritten: every change raises the calendar SEQUENCE."""

    group = models.ForeignKey(
        GroupPage, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("group")
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

    @property
    def where(self):
        return self.location or self.group.full_address


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("enrolled")
    WAITING = "waiting", _("on the waiting list")
    OFFERED = "offered", _("place offered")
    CANCELLED = "cancelled", _("cancelled")
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
        GroupPage, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("group")
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
        Meeting, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("meeting")
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


class AttentionSignal(models.Model):
    """Someone missed several meetings in a row: the aftercare signal that a
    person is slipping away. Open until they come again."""

    group = models.ForeignKey(GroupPage, on_delete=models.PROTECT, related_name="attention_signals")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attention_signals"
    )
    missed = models.PositiveSmallIntegerField(_("meetings missed in a row"))
    raised_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("attention signal")
        verbose_name_plural = _("attention signals")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=Q(resolved_at__isnull=True),
                name="attention_one_open_per_person",
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.group.title} ({self.missed})"


class MoneyKeeping(models.TextChoices):
    SHARED_BOX = "shared_box", _("in a shared box")
    PERSONAL_TINS = "personal_tins", _("in personal tins")


class SavingsCircle(models.Model):
    """The ledger settings of a savings circle (spaarkring) group."""

    group = models.OneToOneField(
        GroupPage, on_delete=models.PROTECT, related_name="savings_circle", verbose_name=_("group")
    )
    money_kept = models.CharField(
        _("money is kept"),
        max_length=20,
        choices=MoneyKeeping.choices,
        default=MoneyKeeping.SHARED_BOX,
    )
    cycle_start = models.DateField(_("cycle starts"))
    cycle_end = models.DateField(_("cycle ends"))
    bookkeeper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bookkeeper"),
        help_text=_("A member who records the deposits, besides the trainers."),
    )
    fines_enabled = models.BooleanField(_("fine for a missed deposit"), default=False)
    fine_amount = models.DecimalField(
        _("fine amount"), max_digits=6, decimal_places=2, default=Decimal("0.00")
    )

    class Meta:
        verbose_name = _("savings circle")
        verbose_name_plural = _("savings circles")
        constraints = [
            models.CheckConstraint(
                condition=Q(cycle_end__gt=models.F("cycle_start")),
                name="savings_cycle_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(fine_amount__gte=0), name="savings_fine_not_negative"
            ),
        ]

    def __str__(self):
        return self.group.title

    def clean(self):
        super().clean()
        if self.cycle_start and self.cycle_end and self.cycle_end <= self.cycle_start:
            raise ValidationError({"cycle_end": _("The cycle must end after it starts.")})


class SavingsGoal(models.Model):
    """What a member saves for, set at the start of the cycle."""

    circle = models.ForeignKey(SavingsCircle, on_delete=models.PROTECT, related_name="goals")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="savings_goals"
    )
    purpose = models.CharField(_("saving for"), max_length=200)
    target_amount = models.DecimalField(
        _("target amount"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1.00")), MaxValueValidator(Decimal("100000.00"))],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("savings goal")
        verbose_name_plural = _("savings goals")
        constraints = [
            models.UniqueConstraint(fields=["circle", "person"], name="savings_goal_once"),
            models.CheckConstraint(condition=Q(target_amount__gt=0), name="savings_goal_positive"),
        ]

    def __str__(self):
        return f"{self.person}: {self.purpose}"


class EntryKind(models.TextChoices):
    DEPOSIT = "deposit", _("deposit")
    CORRECTION = "correction", _("correction")
    FINE = "fine", _("fine")


# The most one deposit can be; bigger amounts are typing errors.
MAX_DEPOSIT = Decimal("1000.00")


class LedgerSummary:
    """The sums of one person's (or one circle's) entries. A correction
    cancels the entry it points to, so it counts against that entry's kind:
    a corrected fine gives nothing back from the savings."""

    __slots__ = ("deposits", "deposit_corrections", "fines", "fine_corrections")

    def __init__(self, deposits, deposit_corrections, fines, fine_corrections):
        self.deposits = deposits
        self.deposit_corrections = deposit_corrections
        self.fines = fines
        self.fine_corrections = fine_corrections

    @property
    def saved(self):
        return self.deposits - self.deposit_corrections

    @property
    def fines_due(self):
        return self.fines - self.fine_corrections

    @property
    def corrections(self):
        return self.deposit_corrections + self.fine_corrections

    @property
    def payout(self):
        """What the member gets at the end: savings less the fines that stand,
        never below zero (a member is never paid a negative amount)."""
        return max(self.saved - self.fines_due, Decimal("0.00"))

    @property
    def fines_owed(self):
        """Fines larger than the savings: still to be paid by the member."""
        return max(self.fines_due - self.saved, Decimal("0.00"))

    @classmethod
    def empty(cls):
        zero = Decimal("0.00")
        return cls(zero, zero, zero, zero)

    def __add__(self, other):
        return LedgerSummary(
            *(getattr(self, name) + getattr(other, name) for name in self.__slots__)
        )


def _kind_sum(kind, corrected_kind=None):
    condition = Q(kind=kind)
    if corrected_kind:
        condition &= Q(corrects__kind=corrected_kind)
    return Sum("amount", filter=condition, default=Decimal("0.00"))


class SavingsEntryQuerySet(models.QuerySet):
    def summary_by(self, field):
        """{value of `field`: LedgerSummary}, in one query; `field` is
        "person_id" or "circle_id"."""
        rows = (
            self.order_by()
            .values(field)
            .annotate(
                deposits=_kind_sum(EntryKind.DEPOSIT),
                deposit_corrections=_kind_sum(EntryKind.CORRECTION, EntryKind.DEPOSIT),
                fines=_kind_sum(EntryKind.FINE),
                fine_corrections=_kind_sum(EntryKind.CORRECTION, EntryKind.FINE),
            )
        )
        return {
            row[field]: LedgerSummary(
                row["deposits"],
                row["deposit_corrections"],
                row["fines"],
                row["fine_corrections"],
            )
            for row in rows
        }

    def totals_by_person(self):
        """{person_id: saved}: deposits minus the corrections of deposits, in
        one query."""
        return {person: summary.saved for person, summary in self.summary_by("person_id").items()}


class SavingsEntry(models.Model):
    """One line of the ledger. Never edited: a mistake gets a correction
    entry that cancels it, and the right amount is entered again."""

    circle = models.ForeignKey(SavingsCircle, on_delete=models.PROTECT, related_name="entries")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="savings_entries"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="savings_entries"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=8, decimal_places=2)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
        verbose_name=_("corrects"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = SavingsEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("savings entry")
        verbose_name_plural = _("savings entries")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="savings_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(kind__in=EntryKind.values), name="savings_entry_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind=EntryKind.CORRECTION, corrects__isnull=False)
                | (~Q(kind=EntryKind.CORRECTION) & Q(corrects__isnull=True)),
                name="savings_correction_points_to_entry",
            ),
        ]

    def __str__(self):
        return f"{self.person} {self.get_kind_display()} € {self.amount}"

    def save(self, *args, **kwargs):
        # The ledger only grows: a recorded line is never changed (a mistake
        # gets a correction entry), so there is no update path at all.
        if not self._state.adding:
            raise ValidationError(_("A savings entry cannot be changed; correct it instead."))
        super().save(*args, **kwargs)

    @property
    def booked_on(self):
        """The day it belongs to: its meeting's, else the day it was recorded."""
        moment = self.meeting.starts_at if self.meeting_id else self.recorded_at
        return timezone.localtime(moment).date()

    @property
    def effect(self):
        """What this line does to the amount paid out: + or − its amount.
        Needs `corrects` loaded for corrections (select_related)."""
        if self.kind == EntryKind.DEPOSIT:
            return self.amount
        if self.kind == EntryKind.FINE:
            return -self.amount
        return self.amount if self.corrects.kind == EntryKind.FINE else -self.amount
