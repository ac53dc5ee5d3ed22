from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Groups")

    def ready(self):
        from people.dashboard import register_section
        from people.privacy import register_eraser, register_exporter

        from .privacy import erase_group_data, export_group_data
        from .savings_views import my_savings_section
        from .views import my_groups_section

        register_section(template="groups/my_groups.html", context=my_groups_section, order=10)
        register_section(
            template="groups/savings/my_savings.html", context=my_savings_section, order=20
        )
        register_exporter(export_group_data)
        register_eraser(erase_group_data)
