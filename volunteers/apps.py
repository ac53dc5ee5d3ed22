from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from groups.hooks import register_trainer_check
        from people.dashboard import register_section
        from people.privacy import register_eraser, register_exporter

        from . import receivers  # noqa: F401
        from .privacy import erase_volunteer_data, export_volunteer_data
        from .qualification import missing_to_lead
        from .views import my_competencies_section

        register_trainer_check(missing_to_lead)
        register_section(
            template="volunteers/my_competencies.html", context=my_competencies_section, order=30
        )
        register_exporter(export_volunteer_data)
        register_eraser(erase_volunteer_data)
