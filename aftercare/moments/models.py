"""Contact moments: planned from the person's rhythm, always with the steady
contact; each gets its outcome, a short note and the next step."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..plans.models import TEXT_MAX_LENGTH, AftercarePlan, Way

NOTE_MAX_LENGTH = 500


class Outcome(models.TextChoices):
    WELL = "well", _("going well")
    CONCERNS = "concerns", _("concerns")
    UNREACHED = "unreached", _("not reached")
    CANCELLED = "cancelled", _("cancelled by the person")


class Purpose(models.TextChoices):
    """Why a moment is on the plan."""

    RHYTHM = "rhythm", _("as agreed")
    LIFE_EVENT = "life_event", _("after a life event")
    FOLLOW_UP = "follow_up", _("did the referral work?")
    EXTRA = "extra", _("extra moment")


class LifeEvent(models.TextChoices):
    """Changes in life that often bring money trouble back."""

    MOVING = "moving", _("moving house")
    NEW_JOB = "new_job", _("a new job")
    JOB_LOST = "job_lost", _("lost their job")
    SEPARATION = "separation", _("divorce or separation")
    BIRTH = "birth", _("a baby")
    ILLNESS = "illness", _("illness")
    RETIREMENT = "retirement", _("retirement")
    TURNING_18 = "turning_18", _("a child turns 18")
    DEATH = "death", _("a death in the family")


class ContactMomentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)

    def done(self):
        return self.filter(done_on__isnull=False)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())


class ContactMoment(models.Model):
    plan = models.ForeignKey(
        AftercarePlan, on_delete=models.CASCADE, related_name="moments", verbose_name=_("plan")
    )
    purpose = models.CharField(
        _("why"), max_length=12, choices=Purpose.choices, default=Purpose.RHYTHM
    )
    due_on = models.DateField(_("due on"))
    way = models.CharField(_("way"), max_length=10, choices=Way.choices, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    note = models.CharField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    next_step = models.CharField(_("next step"), max_length=TEXT_MAX_LENGTH, blank=True)
    life_event = models.CharField(
        _("life event"), max_length=12, choices=LifeEvent.choices, blank=True
    )
    # The moment this one was proposed from (a life event, a referral).
    follows = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follows"),
    )
    moved_from = models.DateField(_("first planned on"), null=True, blank=True)
    # The steady contact's reminder a week ahead went out (exactly once).
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    objects = ContactMomentQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["plan", "due_on"], name="moment_plan_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__in=Purpose.values), name="moment_purpose_valid"
            ),
            # Done exactly when it has an outcome.
            models.CheckConstraint(
                condition=Q(done_on__isnull=True, outcome="")
                | Q(done_on__isnull=False, outcome__in=Outcome.values),
                name="moment_done_with_outcome",
            ),
            models.CheckConstraint(
                condition=Q(life_event="") | Q(life_event__in=LifeEvent.values),
                name="moment_life_event_valid",
            ),
        ]

    def __str__(self):
        return f"{self.plan} – {self.due_on:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": _("This date is in the future.")})
        if self.done_on and not self.outcome:
            raise ValidationError({"outcome": _("Choose how it went.")})

    @property
    def is_done(self):
        return self.done_on is not None

    @property
    def done_by_someone_else(self):
        """Done, but not by the plan's steady contact (shown as such)."""
        return (
            self.is_done and self.done_by_id is not None and self.done_by_id != self.plan.contact_id
        )
