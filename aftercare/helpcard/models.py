"""Mijn hulpkaart: the one page the person keeps when the plan closes —
where to go for what, and the people around them who help."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..plans.models import AftercarePlan


class HelpCardService(models.Model):
    """A service of the social map chosen for the person's card."""

    plan = models.ForeignKey(
        AftercarePlan,
        on_delete=models.CASCADE,
        related_name="card_services",
        verbose_name=_("plan"),
    )
    service = models.ForeignKey(
        "knowledge.Service", on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    for_what = models.CharField(
        _("go there for"), max_length=200, blank=True, help_text=_("In the person's own words.")
    )

    class Meta:
        verbose_name = _("service on the help card")
        verbose_name_plural = _("services on the help card")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "service"], name="card_service_once"),
        ]

    def __str__(self):
        return str(self.service)


class HelpCardPerson(models.Model):
    """Someone in the person's own network who helps."""

    plan = models.ForeignKey(
        AftercarePlan,
        on_delete=models.CASCADE,
        related_name="card_people",
        verbose_name=_("plan"),
    )
    name = models.CharField(_("name"), max_length=100)
    helps_with = models.CharField(_("helps with"), max_length=200, blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("person on the help card")
        verbose_name_plural = _("people on the help card")
        ordering = ["pk"]

    def __str__(self):
        return self.name
