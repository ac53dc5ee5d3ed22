"""Listing columns that show what coordinators think in: Dutch time with the
weekday, and a status as a tag."""

from django.utils import timezone
from django.utils.formats import date_format
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


def status_column(model, primary_status):
    """The record's status as a tag, highlighted when it is `primary_status`."""
    return StatusTagColumn(
        "status",
        accessor="get_status_display",
        label=field_label(model, "status"),
        sort_key="status",
        primary=lambda instance: instance.status == primary_status,
    )
