import re

from django.conf import settings
from django.middleware.csp import get_nonce
from django.urls import reverse
from django.utils import translation

# The inline scripts Wagtail 8's admin templates and widgets write: the date
# and time pickers, the chooser widgets ("new PageChooser(...)"), inline and
# multiple-chooser panels. Only these get the nonce, so a <script> that
# found its way into the admin's HTML any other way stays blocked.
WAGTAIL_INLINE_SCRIPT = re.compile(
    rb"<script>(?=\s*(?:init(?:Date|Time|DateTime)Chooser\(|new [\w.]+Chooser\("
    rb"|createTaskChooser\(|\(function\(\) \{\s*var panel = new \w+Panel\())"
)


class AdminContentSecurityPolicyMiddleware:
    """Wagtail's admin writes a few inline scripts and renders its widgets
    without the request, so its templates cannot carry Django's CSP nonce:
    under /admin/ this adds the request's nonce to those scripts in the HTML,
    and the policy (SECURE_CSP, nonce-based, no 'unsafe-inline') stays the
    same as on the public site. Runs inside Django's CSP middleware, which
    then writes the same nonce into the header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(reverse("wagtailadmin_home"))
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            self.stamp(response, get_nonce(request))
        return response

    @staticmethod
    def stamp(response, nonce):
        if nonce is None or b"<script>" not in response.content:
            return
        tag = b'<script nonce="%s">' % str(nonce).encode()
        response.content = WAGTAIL_INLINE_SCRIPT.sub(tag, response.content)


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
