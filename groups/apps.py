from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Groups")

    def ready(self):
        from .attendance import receivers  # noqa: F401
        from .offer import receivers as offer_receivers  # noqa: F401
