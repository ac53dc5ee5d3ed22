"""Who was told that an agreement is due for review, or that a service on
the social map was not checked for a long time.

A reminder job may run twice, or in two workers at once: a notice row,
unique per agreement and review date (per service and check date), decides
who was told, not the worker. A new review date or a new check starts over."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["AgreementReviewNotice", "ServiceCheckNotice"]


class AgreementReviewNotice(models.Model):
    agreement = models.ForeignKey(
        "knowledge.AgreementPage", on_delete=models.CASCADE, related_name="review_notices"
    )
    review_date = models.DateField(_("review date"))
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "review_date"], name="agreement_review_told_once"
            )
        ]

    def __str__(self):
        return f"{self.agreement} – {self.review_date}"


class ServiceCheckNotice(models.Model):
    service = models.ForeignKey(
        "knowledge.Service", on_delete=models.CASCADE, related_name="check_notices"
    )
    # Empty when the service was never checked.
    last_checked_on = models.DateField(_("last checked on"), null=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("check reminder")
        verbose_name_plural = _("check reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "last_checked_on"], name="service_check_told_once"
            ),
            # NULLs are never equal in a unique index: "never checked" once.
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(last_checked_on__isnull=True),
                name="service_never_checked_told_once",
            ),
        ]

    def __str__(self):
        return f"{self.service} – {self.last_checked_on}"
