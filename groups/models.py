import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Min, Q
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
