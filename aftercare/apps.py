"""The aftercare app (Nazorg): personal aftercare plans kept by one steady
contact; its receivers connect when Django starts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AftercareConfig(AppConfig):
    name = "aftercare"
    verbose_name = _("Aftercare")

    def ready(self):
        from .successes import receivers  # noqa: F401
