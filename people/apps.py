from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    default = True
    name = "people"
    verbose_name = _("People")

    def ready(self):
        from django.urls import register_converter

        from . import id_fields, signals  # noqa: F401
        from .converters import TokenConverter

        register_converter(TokenConverter, "token")
        id_fields.install()


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with forms for Waakvlam's user model."""

    default = False

    user_viewset = "people.wagtail_users.UserViewSet"
