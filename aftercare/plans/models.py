"""The aftercare plan (nazorgtraject) of one person in one organisation, the
person's own choices and consent, and the plan's history.

The most sensitive data in the system: only the person, the steady contact
and the organisation's coordinators see a plan (people.permissions). It
holds no amounts of income or debt and no bank data. Without consent only
the person and the steady contact are kept: a database constraint keeps the
choices empty."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# "Zo kort als kan, zo lang als nodig": about a year after the debt trajectory.
DEFAULT_AFTERCARE_MONTHS = 12
TEXT_MAX_LENGTH = 500


class Phase(models.TextChoices):
    """What the plan is mainly about now (the white paper's three phases,
    which overlap in practice, and the close)."""

    STABILISATION = "stabilisation", _("stabilisation")
    DEVELOPMENT = "development", _("development")
    AFTERCARE = "aftercare", _("aftercare")
    CLOSED = "closed", _("closed")


class Way(models.TextChoices):
    """How a person wants to keep in touch, and how a moment went."""

    PHONE = "phone", _("phone call")
    WHATSAPP = "whatsapp", _("WhatsApp")
    VISIT = "visit", _("home visit")
    EMAIL = "email", _("e-mail")
    GROUP = "group", _("in a group")


# The choice that plans no moments at all.
NO_CONTACT = "none"
WAY_CHOICES = [*Way.choices, (NO_CONTACT, _("rather no contact"))]


class Rhythm(models.TextChoices):
    AFTER_3_6_12 = "3-6-12", _("after 3, 6 and 12 months")
    TWO_MONTHLY = "two-monthly", _("every two months")
    CUSTOM = "custom", _("every few weeks, as agreed")
    NONE = "none", _("no contact")


class ConsentWay(models.TextChoices):
    SPOKEN = "spoken", _("spoken, in a conversation")
    WRITTEN = "written", _("on paper, signed")
    ONLINE = "online", _("by the person on Mijn Waakvlam")


class AftercareSettings(models.Model):
    """What an organisation asks of its steady contacts."""

    organisation = models.OneToOneField(
        "people.Organisation",
        on_delete=models.CASCADE,
        related_name="aftercare_settings",
        verbose_name=_("organisation"),
    )
    competency = models.ForeignKey(
        "volunteers.Competency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("competency a steady contact needs"),
        help_text=_("Empty: every volunteer and trainer of the organisation may be a contact."),
    )

    class Meta:
        verbose_name = _("aftercare settings")
        verbose_name_plural = _("aftercare settings")

    def __str__(self):
        return str(self.organisation)


class AftercarePlanQuerySet(models.QuerySet):
    def running(self):
        """Not closed (paused plans included) and not anonymised."""
        return self.exclude(phase=Phase.CLOSED).filter(person__isnull=False)

    def active(self):
        return self.running().filter(paused_on__isnull=True)

    def for_contact(self, user):
        return self.filter(contact=user)


class AftercarePlan(models.Model):
    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.PROTECT,
        related_name="aftercare_plans",
        verbose_name=_("organisation"),
    )
    # Empty once a closed plan has been anonymised (AFTERCARE_RETENTION_MONTHS).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aftercare_plans",
        verbose_name=_("person"),
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aftercare_contacts",
        verbose_name=_("steady contact"),
    )
    phase = models.CharField(
        _("phase"), max_length=16, choices=Phase.choices, default=Phase.STABILISATION
    )
    debt_ended_on = models.DateField(
        _("debt assistance ended on"),
        null=True,
        blank=True,
        help_text=_("The day the formal debt trajectory ended, if it did."),
    )
    aftercare_until = models.DateField(_("aftercare until"))
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    # A reopened plan counts its rhythm from the day it was reopened.
    restarted_on = models.DateField(_("reopened on"), null=True, blank=True)
    paused_on = models.DateField(_("paused since"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    # The person's own choices, asked and written down with them.
    preferred_way = models.CharField(
        _("how they want to keep in touch"), max_length=10, choices=WAY_CHOICES, blank=True
    )
    rhythm = models.CharField(
        _("how often"), max_length=12, choices=Rhythm.choices, default=Rhythm.AFTER_3_6_12
    )
    interval_weeks = models.PositiveSmallIntegerField(
        _("every how many weeks"), null=True, blank=True
    )
    wants_to_prevent = models.TextField(
        _("what they want to prevent"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    watch_out_for = models.TextField(
        _("what they watch out for"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    # Consent to keep the choices, notes and moments' details.
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_way = models.CharField(
        _("consent given"), max_length=10, choices=ConsentWay.choices, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )

    objects = AftercarePlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("aftercare plan")
        verbose_name_plural = _("aftercare plans")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(phase__in=Phase.values), name="plan_phase_valid"),
            models.CheckConstraint(condition=Q(rhythm__in=Rhythm.values), name="plan_rhythm_valid"),
            models.CheckConstraint(
                condition=Q(preferred_way="") | Q(preferred_way__in=[v for v, _l in WAY_CHOICES]),
                name="plan_way_valid",
            ),
            # One running plan per person and organisation; a closed one can be reopened.
            models.UniqueConstraint(
                fields=["organisation", "person"],
                condition=~Q(phase=Phase.CLOSED),
                name="plan_one_running_per_person",
            ),
            # Without consent, nothing but the person and the contact.
            models.CheckConstraint(
                condition=Q(consent_on__isnull=False)
                | Q(preferred_way="", wants_to_prevent="", watch_out_for="", consent_way=""),
                name="plan_choices_need_consent",
            ),
            models.CheckConstraint(
                condition=Q(consent_on__isnull=True) | ~Q(consent_way=""),
                name="plan_consent_says_how",
            ),
            models.CheckConstraint(
                condition=~Q(rhythm=Rhythm.CUSTOM) | Q(interval_weeks__gte=1),
                name="plan_custom_rhythm_has_interval",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(anonymised_at__isnull=False),
                name="plan_person_until_anonymised",
            ),
            models.CheckConstraint(
                condition=Q(phase=Phase.CLOSED) | Q(closed_on__isnull=True),
                name="plan_closed_on_only_when_closed",
            ),
        ]

    def __str__(self):
        name = self.person.full_name if self.person_id else _("anonymised")
        return f"{name} – {self.organisation}"

    def clean(self):
        super().clean()
        today = timezone.localdate()
        if self.debt_ended_on and self.debt_ended_on > today:
            raise ValidationError({"debt_ended_on": _("This date is in the future.")})
        if self.aftercare_until and self.aftercare_until < self.opened_on:
            raise ValidationError(
                {"aftercare_until": _("Aftercare cannot end before the plan was opened.")}
            )
        if self.rhythm == Rhythm.CUSTOM and not self.interval_weeks:
            raise ValidationError({"interval_weeks": _("Say every how many weeks.")})
        if self.consent_on and self.consent_on > today:
            raise ValidationError({"consent_on": _("This date is in the future.")})
        if self.consent_on and not self.consent_way:
            raise ValidationError({"consent_way": _("Say how the consent was given.")})
        if self.person_id and self.contact_id and self.person_id == self.contact_id:
            raise ValidationError({"contact": _("Someone cannot be their own steady contact.")})

    @property
    def has_consent(self):
        return self.consent_on is not None

    @property
    def is_closed(self):
        return self.phase == Phase.CLOSED

    @property
    def is_paused(self):
        return self.paused_on is not None

    @property
    def wants_no_contact(self):
        return self.rhythm == Rhythm.NONE or self.preferred_way == NO_CONTACT

    @property
    def start_date(self):
        """The day the rhythm counts from."""
        return self.restarted_on or self.debt_ended_on or self.opened_on


def default_aftercare_until(start):
    return start + relativedelta(months=DEFAULT_AFTERCARE_MONTHS)


class HistoryKind(models.TextChoices):
    OPENED = "opened", _("opened")
    PHASE = "phase", _("phase changed")
    CONTACT = "contact", _("steady contact changed")
    UNTIL = "until", _("aftercare end changed")
    CHOICES = "choices", _("choices changed")
    CONSENT = "consent", _("consent")
    PAUSED = "paused", _("paused")
    RESUMED = "resumed", _("resumed")
    CLOSED = "closed", _("closed")
    REOPENED = "reopened", _("reopened")


class PlanHistory(models.Model):
    """What changed on a plan, when, by whom and why: the phase history, each
    change of contact with its reason, and changes of the end date."""

    plan = models.ForeignKey(
        AftercarePlan, on_delete=models.CASCADE, related_name="history", verbose_name=_("plan")
    )
    kind = models.CharField(_("what"), max_length=10, choices=HistoryKind.choices)
    old_value = models.CharField(_("before"), max_length=200, blank=True)
    new_value = models.CharField(_("after"), max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=TEXT_MAX_LENGTH, blank=True)
    # Continuity: the contact before and after a change, for the plan's story.
    old_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous contact"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("plan history entry")
        verbose_name_plural = _("plan history")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=HistoryKind.values), name="plan_history_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"
