from django.conf import settings
from django.urls import reverse
from django.utils import translation
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


class PreferredLanguageMiddleware:
    """Dutch for everyone, whatever the browser asks for; a signed-in person
    who chose another language in their details gets that one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = settings.LANGUAGE_CODE
        if user is not None and user.is_authenticated and user.preferred_language:
            language = user.preferred_language
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
