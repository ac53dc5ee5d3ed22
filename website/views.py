from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse

# Accounts, the admin and what belongs to one person (sign-ups, invitations,
# calendar links, certificates, documents) are no business of a search engine.
ROBOTS_DISALLOWED = [
    "/admin/",
    "/account/",
    "/mijn/",
    "/groepen/",
    "/cursussen/",
    "/vrijwilligers/",
    "/documenten/",
]


def favicon(request):
    # Resolved per request: the static manifest does not exist at import time.
    return redirect(static("img/waakvlam.svg"), permanent=True)


def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED)]
    # Robots need the sitemap's absolute address: the public one, as in e-mails.
    lines += ["", f"Sitemap: {settings.SITE_URL}{reverse('website:sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
