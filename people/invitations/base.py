"""What every invitation by e-mail address shares (to a role here, to a
group in groups.offer): the typed name and address, who invited, until
when it works, the answer, and a link token derived from the row when the
mail leaves (people.tokens), of which only the hash is stored."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.tokens import derived_token, hash_token

EXPIRED = "expired"


class InvitationQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(answered_at__isnull=True)

    def open(self, now=None):
        """Unanswered and still valid: the person can answer."""
        return self.unanswered().filter(expires_at__gt=now or timezone.now())

    def to_address(self, email):
        return self.filter(email__iexact=email)

    def closed_before(self, moment):
        """Answered, or expired unanswered, before `moment` (for retention)."""
        return self.filter(
            models.Q(answered_at__lt=moment)
            | models.Q(answered_at__isnull=True, expires_at__lt=moment)
        )


def answer_constraints(prefix, answers):
    """The answer is one of `answers` (or none yet), and given exactly when
    answered_at is set."""
    return [
        models.CheckConstraint(
            condition=models.Q(answer__in=["", *answers]), name=f"{prefix}_answer_valid"
        ),
        models.CheckConstraint(
            condition=models.Q(answered_at__isnull=True, answer="")
            | (models.Q(answered_at__isnull=False) & ~models.Q(answer="")),
            name=f"{prefix}_answer_with_answered_at",
        ),
    ]


class Invitation(models.Model):
    """Abstract: a concrete invitation adds what it is for, its `answer`
    field (with an "expired" choice) and a `token_salt`."""

    token_salt = None

    email = models.EmailField(_("e-mail address"))
    name_typed = models.CharField(_("name as typed"), max_length=150)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_open(self):
        return self.answered_at is None and self.expires_at > timezone.now()

    @property
    def shown_state(self):
        """What the inviter sees: never anything about an account."""
        if self.answer:
            return self.answer
        return "open" if self.is_open else EXPIRED

    def token(self):
        """The link's secret: made again from the row and SECRET_KEY, never stored."""
        return derived_token(self.token_salt, self)

    hash_token = staticmethod(hash_token)
