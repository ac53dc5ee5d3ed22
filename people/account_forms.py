"""allauth's forms with Waakvlam's wording (ACCOUNT_FORMS). Kept apart from
people.forms, which allauth itself imports for the sign-up base class."""

from allauth.account import forms as allauth_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
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


class ReauthenticateForm(CodeFieldMixin, mfa_forms.ReauthenticateForm):
    code_label = _("Code from your app, or a recovery code")
