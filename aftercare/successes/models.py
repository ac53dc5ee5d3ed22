"""Successes: good things to celebrate, recorded when they happen elsewhere
(a course, a savings goal, a closed phase, months without concerns) or
written down by hand."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..plans.models import AftercarePlan

TITLE_MAX_LENGTH = 200


class SuccessKind(models.TextChoices):
    COURSE_COMPLETED = "course", _("course completed")
    SAVINGS_GOAL = "savings_goal", _("savings goal reached")
    SAVINGS_PAYOUT = "payout", _("savings paid out")
    PHASE_CLOSED = "phase", _("phase completed")
    MONTHS_WITHOUT_CONCERNS = "steady", _("months without concerns")
    OWN = "own", _("written down")


class Success(models.Model):
    plan = models.ForeignKey(
        AftercarePlan, on_delete=models.CASCADE, related_name="successes", verbose_name=_("plan")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=SuccessKind.choices)
    title = models.CharField(_("what went well"), max_length=TITLE_MAX_LENGTH)
    happened_on = models.DateField(_("on"), default=timezone.localdate)
    # What it came from ("completion:12", "months:6"): recorded once.
    source = models.CharField(_("source"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("success")
        verbose_name_plural = _("successes")
        ordering = ["-happened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SuccessKind.values), name="success_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["plan", "source"], condition=~Q(source=""), name="success_once_per_source"
            ),
        ]

    def __str__(self):
        return self.title
