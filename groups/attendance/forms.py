"""Forms of attendance: saying ahead "I cannot come" or "I am coming after
all", by the person or by the trainer for them; the outcome of a signal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NOTE_MAX_LENGTH, RECORDABLE_OUTCOMES, SignalOutcome

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


class SignalOutcomeForm(forms.Form):
    """What happened after an attention signal, with a short note; used by
    trainers on the site and coordinators in the admin."""

    outcome = forms.ChoiceField(
        label=_("What happened?"),
        choices=[(value, SignalOutcome(value).label) for value in RECORDABLE_OUTCOMES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happened.")},
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Short and factual, at most 500 characters. The person may read it."),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
