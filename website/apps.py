from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401
        from .pagecache import watch_connection
        from .setup import ensure_site_structure

        post_migrate.connect(ensure_site_structure, sender=self)
        # Every connection, in web servers and task workers alike, watches
        # for writes that retire cached pages.
        connection_created.connect(watch_connection)
        for connection in connections.all(initialized_only=True):
            watch_connection(connection=connection)
