"""Forms of attendance: saying ahead "I cannot come" or "I am coming after
all", by the person or by the trainer for them."""

from django import forms
from django.utils.translation import gettext_lazy as _

ABSENT, COMING = "absent", "coming"


class AbsenceForm(forms.Form):
    """One tap: each button is its own form with the answer in it."""

    answer = forms.ChoiceField(
        choices=[(ABSENT, _("I cannot come this time")), (COMING, _("I am coming after all"))],
        widget=forms.HiddenInput,
    )


class TrainerAbsenceForm(AbsenceForm):
    """The trainer says it for someone on the list (the service checks
    that they are signed up)."""

    person = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
