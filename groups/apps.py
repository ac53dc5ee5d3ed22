from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Groups")

    def ready(self):
        from people.dashboard import register_section

        from .views import my_groups_section

        register_section(template="groups/my_groups.html", context=my_groups_section, order=10)
