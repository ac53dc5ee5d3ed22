"""The audit trail: who looked at or exported other people's personal data.

A log entry model of Wagtail's own kind (BaseLogEntry), its actions
registered and labelled through Wagtail's log registry. An entry names what
was seen (a report and its filters, a group, a record), never the data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import BaseLogEntry


class AuditEntry(BaseLogEntry):
    object_id = models.CharField(max_length=255, blank=True)
    # The one person whose data was seen, when it was one person's.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about"),
    )

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
