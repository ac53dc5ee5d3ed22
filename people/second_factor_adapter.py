"""allauth's MFA adapter: secrets encrypted at rest, Dutch messages, and
staff who must use a second factor cannot switch off their last one.

The TOTP secret and the seed of the recovery codes are stored with Fernet
(from `cryptography`), under a key derived from SECRET_KEY; keys from
SECRET_KEY_FALLBACKS still decrypt, so a key can be rotated. A database dump
without the settings holds no usable secret.
"""

import base64

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .permissions import must_use_second_factor
from .second_factor import SECOND_FACTOR_TYPES

KEY_SALT = "waakvlam.second_factor.secret"


def _fernet(secret_key):
    digest = salted_hmac(KEY_SALT, "fernet", secret=secret_key, algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def secret_box():
    """Encrypts with SECRET_KEY; decrypts with it or any fallback key."""
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([_fernet(key) for key in keys])


class SecondFactorAdapter(DefaultMFAAdapter):
    # allauth's Dutch uses "je"; Waakvlam says "u", in short sentences.
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "In your role, an extra check at log-in is required. Keep your app or at least "
            "one passkey."
        ),
        "incorrect_code": _("This code is not correct. Type the code your app shows now."),
        "unverified_email": _("First confirm your e-mail address. Then switch this on."),
    }

    def encrypt(self, text):
        return secret_box().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text):
        return secret_box().decrypt(encrypted_text.encode()).decode()

    def generate_authenticator_name(self, user, type):
        # allauth's "Hoofdsleutel" and "Reservesleutel" say little to people.
        number = Authenticator.objects.filter(user_id=user.pk, type=type).count() + 1
        return _("Passkey %(number)s") % {"number": number}

    def can_delete_authenticator(self, authenticator):
        """Staff who must use a second factor keep at least one: the app or
        a passkey (allauth asks only when the app is switched off; the
        passkey's remove page asks too, people.second_factor_views)."""
        user = authenticator.user
        if not must_use_second_factor(user):
            return True
        others = Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES)
        return others.exclude(pk=authenticator.pk).exists()
