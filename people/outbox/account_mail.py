"""allauth's e-mails through the outbox.

allauth puts the secret of a mail in its context: the password-reset token
(`key`, in `password_reset_url`) and the e-mail confirmation key (`key`, in
`activate_url`). Both can be made again from what the database already
holds: the reset token is derived from the account's state (allauth's
token generator), the confirmation key is an HMAC of the address's id
(EmailConfirmationHMAC). So the outbox keeps only the account or the
address, and makes the token when the mail leaves. A mail that brings a
secret this module cannot make again (a login or reset *code*, which
allauth keeps in the session) is refused with an error, rather than stored.
"""

from urllib.parse import urlencode, urlsplit

from allauth.account import app_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.utils import build_absolute_uri
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.urls import reverse

from .context import unpack

PASSWORD_RESET = "account/email/password_reset_key"
CONFIRMATIONS = ("account/email/email_confirmation", "account/email/email_confirmation_signup")
# Entries in which allauth passes a secret, or a link that carries one.
SECRET_ENTRIES = {"key", "code", "uid", "token", "activate_url"}
# Made again when the mail leaves.
REMADE_ENTRIES = {"request", "current_site", "email"}


def site_url(request):
    """The address the person used (allauth builds its links from the
    request), or the configured one outside a request."""
    if request is None:
        return settings.SITE_URL
    return build_absolute_uri(request, "/").rstrip("/")


def stored_context(template_prefix, context, request):
    """What the outbox keeps of allauth's context: no secret, no request."""
    if template_prefix == PASSWORD_RESET:
        kept = {"user": context["user"]}
    elif template_prefix in CONFIRMATIONS:
        kept = {"user": context["user"], "email_address": context["email_address"]}
        if context.get("next"):
            # A path on this site (people.adapters.local_next), not a secret.
            kept["next"] = context["next"]
    else:
        kept = {key: value for key, value in context.items() if key not in REMADE_ENTRIES}
        secrets = SECRET_ENTRIES.intersection(kept)
        if secrets:
            raise ImproperlyConfigured(
                f"{template_prefix} carries {sorted(secrets)}, which the outbox cannot "
                "make again when the mail leaves; it must not be stored."
            )
    return {**kept, "site_url": site_url(request)}


def render_subject(template_prefix, context):
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    return get_adapter().format_email_subject(" ".join(subject.splitlines()).strip())


def _password_reset_link(context):
    user = context["user"]
    token = app_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    uid = user_pk_to_url_str(user)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": token})
    return {"uid": uid, "key": token, "password_reset_url": context["site_url"] + path}


def _confirmation_link(context):
    key = EmailConfirmationHMAC(context["email_address"]).key
    path = reverse("account_confirm_email", args=[key])
    if context.get("next"):
        path += "?" + urlencode({"next": context["next"]})
    return {"key": key, "activate_url": context["site_url"] + path}


def send_time_context(message):
    context = unpack(message.context)
    if message.template == PASSWORD_RESET:
        context.update(_password_reset_link(context))
    elif message.template in CONFIRMATIONS:
        context.update(_confirmation_link(context))
    host = urlsplit(context["site_url"]).netloc
    context.update(email=message.to_address, current_site={"name": host, "domain": host})
    return context


def render(message):
    return get_adapter().render_mail(
        message.template, message.to_address, send_time_context(message)
    )
