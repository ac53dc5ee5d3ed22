import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .invitations.base import Invitation, answer_constraints

ANONYMISED_DOMAIN = "anoniem.invalid"
# People signed up by a volunteer without an e-mail address get a unique
# address here; nothing is ever sent to it.
NO_EMAIL_DOMAIN = "geen-email.invalid"


class UserQuerySet(models.QuerySet):
    def not_anonymised(self):
        return self.exclude(email__endswith=f"@{ANONYMISED_DOMAIN}")

    def inactive_since(self, moment):
        """Accounts not used since `moment`: no log-in (or, never logged in,
        created) after it. Staff accounts are managed by hand."""
        return self.filter(
            models.Q(last_login__lt=moment)
            | models.Q(last_login__isnull=True, date_joined__lt=moment),
            is_staff=False,
            is_superuser=False,
        )


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user_object(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        return user

    def _create_user(self, email, password, **extra_fields):
        user = self._create_user_object(email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """Everyone who signs in: participants are plain users; roles come from
    memberships of an organisation."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="nl",
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can log into the Django admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @classmethod
    def placeholder_email(cls):
        return f"zonder-email-{uuid.uuid4().hex[:16]}@{NO_EMAIL_DOMAIN}"

    @property
    def has_email(self):
        return not self.email.endswith(".invalid")

    @property
    def is_anonymised(self):
        return self.email.endswith(f"@{ANONYMISED_DOMAIN}")

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    # Wagtail's admin shows these names.
    @property
    def first_name(self):
        return self.get_short_name()

    @property
    def last_name(self):
        return ""


class Organisation(models.Model):
    """A local volunteer organisation; groups, volunteers and reports belong
    to one."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    region = models.CharField(
        _("municipality or region"),
        max_length=200,
        help_text=_("Where the organisation works, for example 'Utrecht' or 'Regio Twente'."),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("postal address"), blank=True)
    # The Wagtail group through which this organisation's coordinators hold
    # page permissions on its own part of the offer (groups.offer.structure).
    admin_group = models.OneToOneField(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="organisation",
        verbose_name=_("admin group of its coordinators"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    TRAINER = "trainer", _("trainer")
    VOLUNTEER = "volunteer", _("volunteer")
    EDITOR = "editor", _("editor")


class Membership(models.Model):
    """A user's role in an organisation; one user may hold several roles."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"


class RoleInvitationAnswer(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")
    EXPIRED = "expired", _("expired")


class RoleInvitation(Invitation):
    """A coordinator asks the owner of an e-mail address to take a role in
    their organisation. The coordinator learns nothing about any account
    behind the address; the link's token is derived from the row when the
    mail leaves and only its hash is kept (people.invitations.base)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="role_invitations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    answer = models.CharField(
        _("answer"), max_length=10, choices=RoleInvitationAnswer.choices, blank=True
    )
    membership = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("role given"),
    )

    token_salt = "people.RoleInvitation"

    class Meta:
        verbose_name = _("role invitation")
        verbose_name_plural = _("role invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                models.F("organisation"),
                models.F("role"),
                Lower("email"),
                condition=models.Q(answered_at__isnull=True),
                name="role_invitation_one_open_per_address",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="role_invitation_role_valid"
            ),
            *answer_constraints("role_invitation", RoleInvitationAnswer.values),
        ]

    def __str__(self):
        return f"{self.name_typed} – {self.get_role_display()} – {self.organisation}"

    def get_shown_state_display(self):
        state = self.shown_state
        return _("invitation sent") if state == "open" else RoleInvitationAnswer(state).label


# The outbox lives in its own module; Django finds its model here.
# The audit trail too.
from .audit.models import AuditEntry  # noqa: E402
from .outbox.models import OutboxKind, OutboxMessage, OutboxStatus  # noqa: E402

__all__ = [
    "ANONYMISED_DOMAIN",
    "AuditEntry",
    "NO_EMAIL_DOMAIN",
    "Membership",
    "Organisation",
    "OutboxKind",
    "OutboxMessage",
    "OutboxStatus",
    "Role",
    "RoleInvitation",
    "RoleInvitationAnswer",
    "User",
]


class WeeklyDigestSent(models.Model):
    """The weekly digest (people.digest) went to this person for this week:
    never twice, however often the job runs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the week.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="weekly_digest_once"),
        ]

    def __str__(self):
        return f"digest {self.user_id} {self.week}"
