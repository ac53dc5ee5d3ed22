"""Forms of the help card: a service of the social map, a person of the
person's own network, and the small form that takes one off the card."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from knowledge.models import Service

from ..mine.forms import ConsentMixin

# What a phone number may hold, so that it works as a tel: link.
PHONE_VALIDATOR = RegexValidator(
    r"^\+?[0-9 ()-]{6,30}$", _("Write a phone number with digits only, like 06 1234 5678.")
)


class CardServiceForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Which service?"),
        queryset=Service.objects.order_by("name", "place"),
        empty_label=_("Choose a service"),
        error_messages={
            "required": _("Choose a service."),
            "invalid_choice": _("Choose a service from the list."),
        },
    )
    for_what = forms.CharField(
        label=_("What does the person go there for?"),
        help_text=_("In the person's own words, for example: help with letters."),
        max_length=200,
        required=False,
    )


class CardPersonForm(ConsentMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        error_messages={"required": _("Write down a name.")},
    )
    helps_with = forms.CharField(
        label=_("Helps with"),
        help_text=_("For example: goes along to appointments."),
        max_length=200,
        required=False,
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        validators=[PHONE_VALIDATOR],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )

    def __init__(self, *args, plan, own, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the person gives consent online; a contact asks for it.
        if own:
            self._consent_field(plan)
        else:
            self.needs_consent = False

    def clean(self):
        data = super().clean()
        self._check_consent(data)
        return data


class RemoveForm(forms.Form):
    item = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
