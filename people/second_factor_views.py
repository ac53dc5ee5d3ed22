"""allauth's pages for setting up the authenticator app, keeping where the
person was going: the middleware (people.second_factor) sends staff here
with `next`, and after the recovery codes they go on there."""

from urllib.parse import urlencode

from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import get_next_redirect_url
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.views import ViewRecoveryCodesView
from allauth.mfa.totp.views import ActivateTOTPView
from django.urls import reverse

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
