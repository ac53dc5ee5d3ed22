"""Listing columns of the volunteer screens."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from groups.offer.admin.filters import group_label
from people.admin_kit.labels import field_label

from ..models import TrainingCompetency, VolunteerProfile
from .labels import day
from .states import StateTexts, vog_cell


class DayColumn(Column):
    def __init__(self, name, *, model, empty="", **kwargs):
        kwargs.setdefault("label", field_label(model, name))
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)
        self.empty_value_display = empty

    def get_value(self, instance):
        return day(super().get_value(instance))


class VogColumn(Column):
    """The VOG's state in words: valid until, requested, expired."""

    def __init__(self, **kwargs):
        super().__init__("vog_valid_until", label=_("VOG"), sort_key="vog_valid_until", **kwargs)
        self.texts = None

    def get_value(self, instance):
        self.texts = self.texts or StateTexts()
        return vog_cell(instance, self.texts, timezone.localdate()).text


class RolesWantedColumn(Column):
    def __init__(self, **kwargs):
        super().__init__(
            "roles_wanted", label=field_label(VolunteerProfile, "roles_wanted"), **kwargs
        )

    def get_value(self, instance):
        return ", ".join(role.name for role in instance.roles_wanted.all())


class TrainingColumn(Column):
    def __init__(self, **kwargs):
        super().__init__(
            "training",
            label=field_label(TrainingCompetency, "training"),
            sort_key="training__title",
            **kwargs,
        )

    def get_value(self, instance):
        return group_label(instance.training)
