"""Two-factor login: staff who must use it reach nothing but their own
account pages until they have, and in this session used, a second factor.

allauth asks for the code at log-in once someone has an authenticator. What
it does not do is make anyone set one up, nor stop a session that logged in
another way (Wagtail's own login form). So, for everyone who
`must_use_second_factor` (people.permissions), any page outside allauth's
account and two-factor pages needs a session in which a second factor was
used: without an authenticator they are sent to set one up, with one to
type its code. Deciding by who the person is, not by a list of pages with
personal data, means a new page cannot be forgotten.
"""

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt, is_mfa_enabled
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from .permissions import must_use_second_factor
from .sections import Section

# allauth's own pages (log in and out, the account, setting up and using the
# second factor) and Wagtail's log-out stay open. View names, so that a
# namespaced page of an app ("people:account_delete") is not taken for one.
OPEN_VIEW_NAME_PREFIXES = ("account_", "mfa_")
OPEN_VIEW_NAMES = {"wagtailadmin_logout"}


def used_second_factor(request):
    """Whether this session's log-in (or a later check) used a second factor."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


# Either one is a second factor; recovery codes only stand in for them.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_authenticator_app(user):
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def has_second_factor(user):
    return is_mfa_enabled(user, SECOND_FACTOR_TYPES)


def add_authenticator_app(user, secret):
    """Give `user` an authenticator app with this base32 `secret` (demo
    accounts, tests); the secret is stored encrypted, as allauth's own."""
    authenticator, _ = Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(secret)}}
    )
    return authenticator


def _redirect_with_next(url_name, next_url):
    return redirect(f"{reverse(url_name)}?{urlencode({'next': next_url})}")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_name = request.resolver_match.view_name or ""
        if view_name == "wagtailadmin_login":
            # Wagtail's login form would log in with the password alone.
            return _redirect_with_next(
                "account_login", request.GET.get("next") or reverse("wagtailadmin_home")
            )
        if view_name.startswith(OPEN_VIEW_NAME_PREFIXES) or view_name in OPEN_VIEW_NAMES:
            return None
        user = request.user
        if not must_use_second_factor(user) or used_second_factor(request):
            return None
        kinds = set(
            Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).values_list(
                "type", flat=True
            )
        )
        if Authenticator.Type.TOTP in kinds:
            # allauth's page offers the passkey as another way, if there is one.
            return _redirect_with_next("mfa_reauthenticate", request.get_full_path())
        if kinds:
            return _redirect_with_next("mfa_reauthenticate_webauthn", request.get_full_path())
        # The app's page offers a passkey instead.
        return _redirect_with_next("mfa_activate_totp", request.get_full_path())


def second_factor_section(request):
    """Mijn Waakvlam: "Extra security", offered to everyone."""
    user = request.user
    authenticators = list(Authenticator.objects.filter(user=user).order_by("created_at"))
    by_type = {a.type: a for a in authenticators}
    recovery = by_type.get(Authenticator.Type.RECOVERY_CODES)
    return Section(
        "people/my_second_factor.html",
        {
            "app": by_type.get(Authenticator.Type.TOTP),
            "passkeys": [a for a in authenticators if a.type == Authenticator.Type.WEBAUTHN],
            "codes_left": len(recovery.wrap().get_unused_codes()) if recovery else 0,
            "required": must_use_second_factor(user),
        },
    )


def _exported(authenticator):
    row = {
        "type": str(authenticator.get_type_display()),
        "created_at": authenticator.created_at.isoformat(),
        "last_used_at": (
            authenticator.last_used_at.isoformat() if authenticator.last_used_at else None
        ),
    }
    if authenticator.type == Authenticator.Type.WEBAUTHN:
        # The name the person gave it; not the stored credential (its id,
        # public key and the browser's attestation say nothing to a person).
        row["name"] = authenticator.wrap().name
    return row


def export_second_factors(user):
    """Which second factors someone has and when they were used; never a
    secret, a code or a passkey's credential."""
    authenticators = Authenticator.objects.filter(user=user).order_by("created_at")
    return {"second_factors": [_exported(authenticator) for authenticator in authenticators]}


def erase_second_factors(user):
    Authenticator.objects.filter(user=user).delete()


@transaction.atomic
def reset_second_factor(user):
    """For an operator, when someone lost both their phone and their
    recovery codes: remove their authenticators and end their sessions (a
    lost phone may still be logged in). Returns (types removed, sessions
    ended). Staff set up a new app or passkey at their next log-in."""
    authenticators = Authenticator.objects.filter(user=user)
    removed = sorted(str(a.get_type_display()) for a in authenticators)
    if not removed:
        return removed, 0
    authenticators.delete()
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
            ended += 1
    return removed, ended
