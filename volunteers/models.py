"""Volunteers, the competency framework and the records of who has which
competency. Records are never overwritten: a renewal is a new record."""

import datetime

import filetype
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import GroupPage
from people.models import Organisation


# Evidence (certificates) is personal data: stored outside MEDIA_ROOT, so no
# web server can hand it out; a view serves it to coordinators only.
def evidence_storage():
    return FileSystemStorage(
        location=settings.PRIVATE_MEDIA_ROOT,
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


class VolunteerStatus(models.TextChoices):
    APPLYING = "applying", _("applying")
    ACTIVE = "active", _("active")
    LEAVING = "leaving", _("leaving")
    LEFT = "left", _("left")


class Competency(models.Model):
    """One competency of the field's framework, e.g. stress-sensitive work."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=80, blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("After this a refresher is needed. Empty: valid for good."),
    )

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["category", "name"]

    def __str__(self):
        return self.name

    def expiry_for(self, achieved_on):
        if self.validity_months:
            return achieved_on + relativedelta(months=self.validity_months)
        return None


class VolunteerRole(models.Model):
    """A role volunteers take on, with the competencies it requires."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    competencies = models.ManyToManyField(
        Competency, blank=True, related_name="roles", verbose_name=_("required competencies")
    )
    requires_vog = models.BooleanField(_("a valid VOG is required"), default=True)

    class Meta:
        verbose_name = _("volunteer role")
        verbose_name_plural = _("volunteer roles")
        ordering = ["name"]

    def __str__(self):
        return self.name


class VolunteerProfile(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="volunteer_profiles",
        verbose_name=_("volunteer"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="volunteer_profiles",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VolunteerStatus.choices,
        default=VolunteerStatus.APPLYING,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    roles_wanted = models.ManyToManyField(
        VolunteerRole, blank=True, related_name="volunteers", verbose_name=_("roles wanted")
    )
    # The VOG (certificate of conduct) as a process: requested, received,
    # valid until. A request after the last receipt is a renewal on its way.
    vog_requested_on = models.DateField(_("VOG requested on"), null=True, blank=True)
    vog_free = models.BooleanField(
        _("free VOG"), default=False, help_text=_("Requested through the Gratis VOG scheme")
    )
    vog_received_on = models.DateField(
        _("VOG received on"),
        null=True,
        blank=True,
        help_text=_("The date on the certificate of conduct (Verklaring Omtrent het Gedrag)."),
    )
    vog_valid_until = models.DateField(
        _("VOG valid until"),
        null=True,
        blank=True,
        help_text=_("Empty: calculated from the date it was received."),
    )
    notes = models.TextField(_("notes (coordinators only)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        ordering = ["user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="volunteer_once_per_org"),
            models.CheckConstraint(
                condition=Q(status__in=VolunteerStatus.values), name="volunteer_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(vog_valid_until__isnull=True)
                | Q(vog_received_on__isnull=False, vog_valid_until__gte=F("vog_received_on")),
                name="vog_valid_after_received",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.organisation})"

    def save(self, *args, **kwargs):
        if self.vog_received_on and not self.vog_valid_until:
            self.vog_valid_until = vog_valid_until_for(self.vog_received_on)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        today = timezone.localdate()
        for name in ("vog_requested_on", "vog_received_on"):
            if getattr(self, name) and getattr(self, name) > today:
                raise ValidationError({name: _("This date is in the future.")})
        if self.vog_valid_until and not self.vog_received_on:
            raise ValidationError({"vog_received_on": _("Fill in when the VOG came in.")})
        if self.vog_valid_until and self.vog_valid_until < self.vog_received_on:
            raise ValidationError(
                {"vog_valid_until": _("A VOG cannot stop being valid before it came in.")}
            )

    @property
    def vog_pending(self):
        """Requested and not in yet (also a renewal requested after the
        last one came in)."""
        return bool(self.vog_requested_on) and (
            self.vog_received_on is None or self.vog_received_on < self.vog_requested_on
        )

    def vog_request_overdue(self, today):
        """Requested more than VOG_REQUEST_OVERDUE_WEEKS ago and still not in."""
        limit = today - datetime.timedelta(weeks=settings.VOG_REQUEST_OVERDUE_WEEKS)
        return self.vog_pending and self.vog_requested_on <= limit


def vog_valid_until_for(received_on):
    return received_on + relativedelta(months=settings.VOG_VALID_MONTHS)


class RecordSource(models.TextChoices):
    TRAINING = "training", _("completed training")
    CERTIFICATE = "certificate", _("certificate")
    OBSERVATION = "observation", _("observation by a coordinator")


def validate_evidence(upload):
    """PDF or image, and not too large: checked by content, not by name."""
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is too large. The maximum is %(mb)s MB.")
            % {"mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)}
        )
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in {"application/pdf", "image/png", "image/jpeg"}:
        raise ValidationError(_("Upload a PDF file or a photo (JPG or PNG)."))


def evidence_path(record, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return (
        f"evidence/{timezone.now():%Y/%m}/{record.volunteer_id}-{record.competency_id}.{extension}"
    )


class CompetencyRecordQuerySet(models.QuerySet):
    def latest_per_competency(self):
        """The newest record of each volunteer and competency: a renewal is a
        new record, so the newest one counts."""
        return self.order_by("volunteer_id", "competency_id", "-achieved_on", "-pk")


class CompetencyRecord(models.Model):
    """A volunteer has a competency, with evidence. Never overwritten: a
    renewal is a new record."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="competency_records",
        verbose_name=_("volunteer"),
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="records", verbose_name=_("competency")
    )
    achieved_on = models.DateField(_("achieved on"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=RecordSource.choices)
    evidence = models.FileField(
        _("certificate"),
        storage=evidence_storage,
        upload_to=evidence_path,
        blank=True,
        validators=[validate_evidence],
    )
    note = models.TextField(_("note"), blank=True)
    training = models.ForeignKey(
        GroupPage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("training"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = CompetencyRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("competency record")
        verbose_name_plural = _("competency records")
        ordering = ["-achieved_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("achieved_on")),
                name="record_expires_after_achieved",
            ),
            models.CheckConstraint(
                condition=Q(source__in=RecordSource.values), name="record_source_valid"
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} – {self.competency}"

    def clean(self):
        super().clean()
        if self.achieved_on and self.achieved_on > timezone.localdate():
            raise ValidationError({"achieved_on": _("This date is in the future.")})
        if self.expires_on and self.achieved_on and self.expires_on < self.achieved_on:
            raise ValidationError(
                {"expires_on": _("A competency cannot expire before it was achieved.")}
            )


class TrainingCompetencyManager(models.Manager):
    # Every listing of a training's competencies shows their names: the join
    # keeps a group page's query count fixed however many it awards.
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("competency")
            .order_by("competency__category", "competency__name")
        )


class TrainingCompetency(models.Model):
    """A training that awards a competency to everyone who completes it."""

    training = models.ForeignKey(
        GroupPage,
        on_delete=models.CASCADE,
        related_name="awarded_competencies",
        verbose_name=_("training"),
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="trainings", verbose_name=_("competency")
    )

    objects = TrainingCompetencyManager()

    class Meta:
        verbose_name = _("competency awarded by a training")
        verbose_name_plural = _("competencies awarded by trainings")
        constraints = [
            models.UniqueConstraint(fields=["training", "competency"], name="training_awards_once")
        ]

    def __str__(self):
        return f"{self.training.title} → {self.competency}"


class ExpiryNotice(models.Model):
    """A reminder about something expiring was sent, at one stage
    (settings.EXPIRY_REMINDER_DAYS: that many days before it expires): never
    twice for the same record, or VOG end date, and stage."""

    record = models.ForeignKey(
        CompetencyRecord, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    profile = models.ForeignKey(
        VolunteerProfile, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    vog_valid_until = models.DateField(null=True, blank=True)
    stage = models.PositiveSmallIntegerField(help_text="Days before the expiry date.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["record", "stage"],
                condition=Q(record__isnull=False),
                name="record_notice_once_per_stage",
            ),
            models.UniqueConstraint(
                fields=["profile", "vog_valid_until", "stage"],
                condition=Q(profile__isnull=False),
                name="vog_notice_once_per_stage",
            ),
            models.CheckConstraint(
                condition=Q(record__isnull=False, profile__isnull=True)
                | Q(record__isnull=True, profile__isnull=False, vog_valid_until__isnull=False),
                name="notice_about_record_or_vog",
            ),
        ]

    def __str__(self):
        return f"notice {self.pk}"


class TrainerLapseNotice(models.Model):
    """The coordinators were told that a trainer's qualification lapsed
    while leading a group: once per group, trainer and day it lapsed."""

    group = models.ForeignKey(GroupPage, on_delete=models.CASCADE, related_name="+")
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    lapsed_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "trainer", "lapsed_on"], name="trainer_lapse_told_once"
            )
        ]

    def __str__(self):
        return f"lapse {self.pk}"
