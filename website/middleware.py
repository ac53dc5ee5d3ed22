from django.conf import settings
from django.urls import reverse
from django.utils.csp import CSP


class AdminContentSecurityPolicyMiddleware:
    """Wagtail's admin still runs a few inline scripts (date choosers), so
    only under /admin/ the policy allows inline script; the public site keeps
    the strict, nonce-based policy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = {**settings.SECURE_CSP, "script-src": [CSP.SELF, CSP.UNSAFE_INLINE]}

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(reverse("wagtailadmin_home")):
            response._csp_config = self.policy
        return response
