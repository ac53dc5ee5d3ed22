"""Choosing a group in the admin: only the coordinator's own, labelled so
two groups with one title can be told apart."""

from django_filters import ModelChoiceFilter

from ..selectors import managed_groups


def group_label(group):
    # Two groups of one organisation often share a title ("Budgetcursus").
    return f"{group.title} ({group.place})" if group.place else group.title


class GroupChoiceFilter(ModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", lambda request: managed_groups(request.user))
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        field = super().field
        field.label_from_instance = group_label
        return field
