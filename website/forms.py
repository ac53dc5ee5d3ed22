"""The home page's one filter: the organisations in one region."""

from django import forms
from django.utils.translation import gettext_lazy as _


class NearbyFilterForm(forms.Form):
    """Unknown values are ignored: the page then shows every organisation."""

    hide_optional = True  # the only field, and optional: saying so is noise

    region = forms.ChoiceField(label=_("Your municipality or region"), required=False)

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *[(r, r) for r in regions]]

    def chosen_region(self):
        """The chosen region, or "" for all."""
        return self.cleaned_data.get("region", "") if self.is_valid() else ""
