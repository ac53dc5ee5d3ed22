import time

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.utils import get_next_redirect_url
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .mail import queue_account_mail


def local_next(request):
    """The `next` of `request` when it is a path on this site (the group a
    person was signing up for), else None: it travels in the confirmation
    link, so nothing else may pass."""
    if request is None:
        return None
    path = get_next_redirect_url(request)
    if (
        path
        and path.startswith("/")
        and len(path) <= 200
        and url_has_allowed_host_and_scheme(path, allowed_hosts=set())
    ):
        return path
    return None


class AccountAdapter(DefaultAccountAdapter):
    # allauth's Dutch uses "je"; Waakvlam says "u", in short sentences.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account has been switched off."),
        "email_password_mismatch": _("The e-mail address or the password is not correct."),
        "email_taken": _("There is already an account with this e-mail address."),
        "enter_current_password": _("Type your current password."),
        "incorrect_password": _("This password is not correct."),
        "invalid_or_expired_key": _("This link is too old, or it has already been used."),
        "invalid_password_reset": _("This link is too old, or it has already been used."),
        "too_many_login_attempts": _(
            "You tried to log in too many times. Wait a few minutes and try again."
        ),
        "unknown_email": _("We do not know this e-mail address."),
        "unverified_primary_email": _("Your e-mail address has not been confirmed yet."),
        "same_as_current": _("The new value must be different from the current one."),
        "rate_limited": _("You tried this too often. Wait a few minutes and try again."),
    }

    def send_mail(self, template_prefix, email, context):
        """Queue in the outbox instead of sending; the outbox renders the
        mail (and makes its link) when it leaves."""
        request = allauth_context.request
        site = get_current_site(request) if request is not None else None
        full_context = {"email": email, "current_site": site, **context}
        queue_account_mail(
            template_prefix=template_prefix, email=email, context=full_context, request=request
        )

    def send_confirmation_mail(self, request, emailconfirmation, signup):
        """The outbox keeps the address, not its key: the key (an HMAC of the
        address) is made again when the mail leaves."""
        if (
            app_settings.EMAIL_VERIFICATION_BY_CODE_ENABLED
            or not app_settings.EMAIL_CONFIRMATION_HMAC
        ):
            # A code, or a key kept by allauth: refused by the outbox as a
            # secret it cannot make again (people.outbox.account_mail).
            return super().send_confirmation_mail(request, emailconfirmation, signup)
        address = emailconfirmation.email_address
        template = (
            "account/email/email_confirmation_signup"
            if signup
            else "account/email/email_confirmation"
        )
        # Where the person was going (the group they chose) rides along in
        # the link, so it survives opening the mail on another device.
        self.send_mail(
            template,
            address.email,
            {"user": address.user, "email_address": address, "next": local_next(request)},
        )

    def get_password_change_redirect_url(self, request):
        return resolve_url("people:my")

    def is_reauthentication_required(self, *, app, **kwargs):
        """Logging in, or typing a code, a few minutes ago counts as showing
        it is you: staff sent to set up their app right after logging in are
        not asked for their password again."""
        request = allauth_context.request
        if request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            if records and time.time() - records[-1]["at"] < app_settings.REAUTHENTICATION_TIMEOUT:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)
