"""Forms of the offer: its filters and signing up someone else."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .kinds import PUBLIC_KINDS, GroupKind

WEEKDAYS = [
    ("1", _("Monday")),
    ("2", _("Tuesday")),
    ("3", _("Wednesday")),
    ("4", _("Thursday")),
    ("5", _("Friday")),
    ("6", _("Saturday")),
    ("7", _("Sunday")),
]


class OfferFilterForm(forms.Form):
    """The offer's filters. Unknown values are ignored, never an error page."""

    hide_optional = True  # every filter is optional; saying so is noise

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    place = forms.ChoiceField(label=_("Place"), required=False)
    weekday = forms.ChoiceField(label=_("Day"), required=False, choices=[("", _("Any day"))])

    def __init__(self, *args, places=(), show_trainings=False, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [(kind.value, capfirst(kind.label)) for kind in GroupKind if kind in PUBLIC_KINDS]
        if show_trainings:
            kinds.append((GroupKind.TRAINING.value, capfirst(GroupKind.TRAINING.label)))
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]
        self.fields["place"].choices = [("", _("All places")), *[(p, p) for p in places]]
        self.fields["weekday"].choices = [("", _("Any day")), *WEEKDAYS]

    def filters(self):
        """The valid filters; an invalid value counts as not filtering."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class AssistedEnrolmentForm(forms.Form):
    hide_optional = True  # one of phone and e-mail is needed: the help says so
    full_name = forms.CharField(
        label=_("Name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        help_text=_("Fill in a phone number, an e-mail address, or both."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("With an e-mail address the person gets an invitation to confirm."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            # On the field, so it is linked to the input and listed in the
            # error summary.
            self.add_error("phone", _("Fill in a phone number or an e-mail address."))
        return cleaned
