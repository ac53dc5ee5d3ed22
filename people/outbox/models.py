"""The outbox row (re-exported from people.models)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class OutboxKind(models.TextChoices):
    """Who renders the message when it leaves."""

    TEMPLATED = "templated", _("Waakvlam")
    ACCOUNT = "account", _("account")


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, moment):
        return self.filter(status=OutboxStatus.QUEUED, next_attempt_at__lte=moment)


class OutboxMessage(models.Model):
    """One e-mail to one address. While it waits it holds what is needed to
    render it (never a rendered body or a token); once sent only the facts
    are kept: to whom, what about, when."""

    to_address = models.EmailField(_("e-mail address"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbox_messages",
        verbose_name=_("recipient"),
    )
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    template = models.CharField(_("template"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OutboxKind.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # Plain values and references to records (see people.outbox.context);
    # emptied once the message is sent.
    context = models.JSONField(_("context"), default=dict, blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # When the current round of retries began (reset by "try again").
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    # The kind of error only (never a message text that could quote a link).
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OutboxStatus.values), name="outbox_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=OutboxKind.values), name="outbox_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=OutboxStatus.SENT, sent_at__isnull=False)
                | (~Q(status=OutboxStatus.SENT) & Q(sent_at__isnull=True)),
                name="outbox_sent_at_when_sent",
            ),
            models.CheckConstraint(
                condition=Q(status=OutboxStatus.QUEUED, next_attempt_at__isnull=False)
                | (~Q(status=OutboxStatus.QUEUED) & Q(next_attempt_at__isnull=True)),
                name="outbox_next_attempt_when_queued",
            ),
        ]

    def __str__(self):
        return self.subject or self.template
