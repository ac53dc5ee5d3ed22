from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from people.dashboard import register_section
        from people.privacy import register_exporter

        from . import receivers  # noqa: F401
        from .privacy import export_completions
        from .views import my_certificates_section

        register_section(
            template="courses/my_certificates.html", context=my_certificates_section, order=20
        )
        register_exporter(export_completions)
