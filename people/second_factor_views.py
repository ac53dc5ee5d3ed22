"""allauth's pages for setting up the authenticator app or a passkey,
keeping where the person was going: the middleware (people.second_factor)
sends staff here with `next`, and after the recovery codes they go on there.
Staff cannot remove their last passkey when it is their only second factor."""

from urllib.parse import urlencode

from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import get_next_redirect_url
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.views import ViewRecoveryCodesView
from allauth.mfa.totp.views import ActivateTOTPView
from allauth.mfa.webauthn.internal.flows import begin_registration
from allauth.mfa.webauthn.views import AddWebAuthnView, RemoveWebAuthnView
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic.edit import FormView

from .permissions import must_use_second_factor


class NextMixin:
    def next_url(self):
        return get_next_redirect_url(self.request)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            next_url=self.next_url(),
            required=must_use_second_factor(self.request.user),
            **kwargs,
        )


class ActivateAppView(NextMixin, ActivateTOTPView):
    def form_valid(self, form):
        response = super().form_valid(form)
        # The code just typed proves the app: this session counts as logged
        # in with a second factor, as allauth's log-in would record it.
        record_authentication(self.request, self.request.user, "mfa", type=Authenticator.Type.TOTP)
        return response

    def get_success_url(self):
        url = super().get_success_url()
        next_url = self.next_url()
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class RecoveryCodesView(NextMixin, ViewRecoveryCodesView):
    def next_url(self):
        return super().next_url() or reverse("people:my")


class AddPasskeyView(NextMixin, AddWebAuthnView):
    def get_context_data(self, **kwargs):
        # allauth's drops the keyword arguments, and with them a refused
        # form's errors and NextMixin's context.
        context = FormView.get_context_data(self, **kwargs)
        options = begin_registration(self.request, self.request.user, passwordless=False)
        context["js_data"] = {"creation_options": options}
        context.update(next_url=self.next_url(), required=must_use_second_factor(self.request.user))
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        # As with the app: making the passkey proves it, in this session.
        record_authentication(
            self.request, self.request.user, "mfa", type=Authenticator.Type.WEBAUTHN
        )
        return response

    def get_success_url(self):
        next_url = self.next_url()
        if self.did_generate_recovery_codes:
            url = reverse("mfa_view_recovery_codes")
            return f"{url}?{urlencode({'next': next_url})}" if next_url else url
        return next_url or reverse("mfa_list_webauthn")


class RemovePasskeyView(RemoveWebAuthnView):
    def can_remove(self):
        return get_adapter().can_delete_authenticator(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_remove=self.can_remove(), **kwargs)

    def form_valid(self, form):
        if not self.can_remove():
            message = get_adapter().error_messages["cannot_delete_authenticator"]
            messages.error(self.request, message)
            return redirect("mfa_list_webauthn")
        return super().form_valid(form)
