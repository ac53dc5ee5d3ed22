"""Listing columns that show what coordinators think in: Dutch time with the
weekday, and a status as a tag."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from wagtail.admin.ui.tables import Column, StatusTagColumn

from .labels import field_label


class LocalDateTimeColumn(Column):
    """A date and time in the site's time zone, with the weekday: coordinators
    plan by weekday ("the Tuesday group")."""

    def __init__(self, name, *, model, format="D j-n-Y H:i", **kwargs):
        kwargs.setdefault("sort_key", name)
        kwargs.setdefault("label", field_label(model, name))
        super().__init__(name, **kwargs)
        self.format = format

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(timezone.localtime(value), self.format) if value else ""


class CalmStatusTagColumn(StatusTagColumn):
    """Wagtail's status tag in sentence case ("Gepland", not "GEPLAND"):
    capitals read as shouting and are slower to read (static/css/admin.css)."""

    cell_template_name = "people/admin_kit/status_tag_cell.html"


def status_column(model, primary_status):
    """The record's status as a tag, highlighted when it is `primary_status`."""
    return CalmStatusTagColumn(
        "status",
        accessor="get_status_display",
        label=field_label(model, "status"),
        sort_key="status",
        primary=lambda instance: instance.status == primary_status,
    )


def choice_column(model, name):
    """A choice field's label with a capital, as the other columns start:
    the labels themselves are lower case to fit inside sentences."""
    return Column(
        name,
        label=field_label(model, name),
        accessor=lambda instance: capfirst(getattr(instance, f"get_{name}_display")()),
        sort_key=name,
    )
