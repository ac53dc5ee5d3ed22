"""Referrals (doorverwijzen en meenemen): a service of the social map the
person was sent to, or taken along to, and whether it worked."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..plans.models import TEXT_MAX_LENGTH, AftercarePlan


class ReferralOutcome(models.TextChoices):
    HELPED = "helped", _("it worked")
    IN_PROGRESS = "in_progress", _("still going on")
    NOT_GONE = "not_gone", _("did not go")
    NOT_HELPED = "not_helped", _("went, but it did not help")


class Referral(models.Model):
    plan = models.ForeignKey(
        AftercarePlan, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("plan")
    )
    service = models.ForeignKey(
        "knowledge.Service",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("service"),
    )
    referred_on = models.DateField(_("referred on"), default=timezone.localdate)
    accompanied = models.BooleanField(
        _("taken along"), default=False, help_text=_("Someone went along with the person.")
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=ReferralOutcome.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=TEXT_MAX_LENGTH, blank=True)
    follow_up = models.OneToOneField(
        "aftercare.ContactMoment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referral",
        verbose_name=_("follow-up"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=ReferralOutcome.values),
                name="referral_outcome_valid",
            ),
        ]

    def __str__(self):
        return f"{self.service} – {self.referred_on:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.referred_on and self.referred_on > timezone.localdate():
            raise ValidationError({"referred_on": _("This date is in the future.")})
