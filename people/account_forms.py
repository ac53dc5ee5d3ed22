"""allauth's forms with Waakvlam's wording (ACCOUNT_FORMS). Kept apart from
people.forms, which allauth itself imports for the sign-up base class."""

from allauth.account import forms as allauth_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.webauthn import forms as webauthn_forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class PlainFieldsMixin:
    """Waakvlam's own labels on allauth's forms, and no placeholders: a grey
    placeholder looks like text already typed in."""

    plain_labels = {
        "login": _("E-mail address"),
        "email": _("E-mail address"),
        "password": _("Password"),
        "password1": _("Password"),
        "password2": _("Password again"),
        "oldpassword": _("Current password"),
        "remember": _("Stay logged in on this device"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in self.plain_labels:
                field.label = self.plain_labels[name]
            field.widget.attrs.pop("placeholder", None)


class LoginForm(PlainFieldsMixin, allauth_forms.LoginForm):
    pass


class SignupForm(PlainFieldsMixin, allauth_forms.SignupForm):
    pass


class ResetPasswordForm(PlainFieldsMixin, allauth_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(PlainFieldsMixin, allauth_forms.ResetPasswordKeyForm):
    pass


class ChangePasswordForm(PlainFieldsMixin, allauth_forms.ChangePasswordForm):
    pass


class SetPasswordForm(PlainFieldsMixin, allauth_forms.SetPasswordForm):
    pass


class ChangeEmailForm(PlainFieldsMixin, allauth_forms.ChangeEmailForm):
    pass


class CodeFieldMixin:
    """The second factor's code (MFA_FORMS): a label of our own, no
    placeholder, and the digits keyboard on a phone."""

    code_label = _("The 6 digits from your app")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = self.code_label
        field.widget.attrs.pop("placeholder", None)
        field.widget.attrs.update(inputmode="numeric", autocomplete="one-time-code")


class ActivateAppForm(CodeFieldMixin, totp_forms.ActivateTOTPForm):
    pass


class AuthenticateForm(CodeFieldMixin, mfa_forms.AuthenticateForm):
    code_label = _("Code from your app, or a recovery code")

    @cached_property
    def has_app(self):
        """For the page's wording: someone with only a passkey has no app."""
        return Authenticator.objects.filter(user=self.user, type=Authenticator.Type.TOTP).exists()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.has_app:
            self.fields["code"].label = _("Recovery code")


class ReauthenticateForm(CodeFieldMixin, mfa_forms.ReauthenticateForm):
    code_label = _("Code from your app, or a recovery code")


# What a browser sends for a passkey is JSON made by its script; allauth's
# parsing lets some malformed payloads through to fido2, which then raises.
MALFORMED_CREDENTIAL = (KeyError, ValueError, TypeError, AttributeError, IndexError)


def _checked_credential(check, message):
    """Runs allauth's check of a passkey's answer; a wrong or malformed one
    gets our message about the passkey, not allauth's about a code (nor a
    server error). Other refusals (too many attempts) pass unchanged."""
    try:
        return check()
    except ValidationError as error:
        if getattr(error, "code", None) == "incorrect_code":
            raise ValidationError(message, code="incorrect_code") from error
        raise
    except MALFORMED_CREDENTIAL as error:
        raise ValidationError(message, code="incorrect_code") from error


class PasskeyNameMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["name"]
        field.label = _("Name of this passkey")
        field.help_text = _("So you can tell your passkeys apart. For example: phone or laptop.")
        field.validators.append(MaxLengthValidator(100))
        field.widget.attrs["maxlength"] = "100"


class AddPasskeyForm(PasskeyNameMixin, webauthn_forms.AddWebAuthnForm):
    error = _("Making the passkey did not work. Try again.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "passwordless" in self.fields:
            field = self.fields["passwordless"]
            field.label = _("Also log in without a password")
            field.help_text = _(
                "Then this passkey alone is enough to log in. Your phone or computer "
                "first asks for your fingerprint, your face or a PIN code."
            )
            field.initial = True

    def clean(self):
        return _checked_credential(super().clean, self.error)


class PasskeyAnswerMixin:
    error = _("This passkey did not work. Try again, or log in in another way.")

    def clean_credential(self):
        return _checked_credential(super().clean_credential, self.error)


class AuthenticatePasskeyForm(PasskeyAnswerMixin, webauthn_forms.AuthenticateWebAuthnForm):
    @cached_property
    def has_passkey(self):
        """allauth offers this form to everyone; the page shows it only to
        someone with a passkey."""
        return Authenticator.objects.filter(
            user=self.user, type=Authenticator.Type.WEBAUTHN
        ).exists()


class LoginPasskeyForm(PasskeyAnswerMixin, webauthn_forms.LoginWebAuthnForm):
    pass


class ReauthenticatePasskeyForm(PasskeyAnswerMixin, webauthn_forms.ReauthenticateWebAuthnForm):
    pass


class EditPasskeyForm(PasskeyNameMixin, webauthn_forms.EditWebAuthnForm):
    pass
