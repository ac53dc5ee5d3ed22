"""The project's URLs: every app's own under its Dutch prefix, Wagtail's pages last."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from people import second_factor_views
from website import health

# For load balancers and operators (see the README's Deployment section).
health_urls = (
    [
        path("", health.alive, name="alive"),
        path("ready/", health.ready, name="ready"),
    ],
    "health",
)

urlpatterns = [
    path("health/", include(health_urls)),
    path("", include("website.site_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    # allauth's, keeping `next` or refusing to remove staff's last passkey
    # (same paths and names, found first).
    path(
        "account/2fa/totp/activate/",
        second_factor_views.ActivateAppView.as_view(),
        name="mfa_activate_totp",
    ),
    path(
        "account/2fa/recovery-codes/",
        second_factor_views.RecoveryCodesView.as_view(),
        name="mfa_view_recovery_codes",
    ),
    path(
        "account/2fa/webauthn/add/",
        second_factor_views.AddPasskeyView.as_view(),
        name="mfa_add_webauthn",
    ),
    path(
        "account/2fa/webauthn/keys/<int:pk>/remove/",
        second_factor_views.RemovePasskeyView.as_view(),
        name="mfa_remove_webauthn",
    ),
    path("account/", include("allauth.urls")),
    path("mijn/", include("people.urls")),
    path("cursussen/", include("courses.urls")),
    path("vrijwilligers/", include("volunteers.urls")),
    path("nazorg/", include("aftercare.urls")),
    path("zoeken/", include("knowledge.urls")),
    path("", include("groups.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
