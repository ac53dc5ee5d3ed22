from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401
        from .setup import ensure_site_structure

        post_migrate.connect(ensure_site_structure, sender=self)
