"""The steady contact's forms: how a moment went (one tap on an outcome),
moving a moment, a referral and its outcome, a success written by hand.
Without the person's consent the free-text fields are left out: the
services would refuse them anyway."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowledge.social_map import Service

from ..models import LifeEvent, Outcome, ReferralOutcome, Way
from ..moments.models import NOTE_MAX_LENGTH
from ..plans.models import TEXT_MAX_LENGTH
from ..successes.models import TITLE_MAX_LENGTH

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {
    "required": _("Fill in a date."),
    "invalid": _("Fill in a date, for example 1-9-2027."),
}
# Dates beyond this are typing errors, not plans.
LAST_YEAR = 2100

SERVICE_FIELDS = ("outcome", "note", "way", "next_step", "life_event")

# The four buttons, capitalised, in the order a contact thinks of them.
OUTCOME_BUTTONS = [
    (Outcome.WELL, _("Going well")),
    (Outcome.CONCERNS, _("Concerns")),
    (Outcome.UNREACHED, _("Not reached")),
    (Outcome.CANCELLED, _("Cancelled by the person")),
]


def _date_field(label, **kwargs):
    return forms.DateField(label=label, widget=DATE_WIDGET, error_messages=DATE_ERRORS, **kwargs)


def _sane(value):
    if value is not None and value.year > LAST_YEAR:
        raise forms.ValidationError(_("Check the year of this date."))
    return value


def _not_in_future(value):
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))
    return value


class MomentRecordForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did it go?"),
        choices=OUTCOME_BUTTONS,
        error_messages={
            "required": _("Choose how it went."),
            "invalid_choice": _("Choose how it went."),
        },
    )
    note = forms.CharField(
        label=_("Short note"),
        help_text=_("Short and factual, at most 500 characters. The person can read it too."),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    way = forms.ChoiceField(
        label=_("How did you talk?"),
        choices=[("", _("as planned")), *Way.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose one of the ways.")},
    )
    next_step = forms.CharField(
        label=_("Next step"),
        help_text=_("For example: she calls the Geldloket herself."),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )
    life_event = forms.ChoiceField(
        label=_("Has something changed in their life?"),
        help_text=_("An extra moment is planned soon, and you see what may help."),
        choices=[("", _("nothing changed")), *LifeEvent.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose one of the changes.")},
    )

    # In the "Meer invullen" part; the note is beside the buttons.
    MORE = ("way", "next_step", "life_event")
    NEED_CONSENT = ("note", "next_step", "life_event")

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        if not plan.has_consent:
            for name in self.NEED_CONSENT:
                del self.fields[name]

    def more_fields(self):
        return [self[name] for name in self.MORE if name in self.fields]

    def service_values(self):
        """What moment_record takes; a field left out (no consent) is empty."""
        return {name: self.cleaned_data.get(name, "") for name in SERVICE_FIELDS}


class MomentMoveForm(forms.Form):
    due_on = _date_field(_("New date"))

    def clean_due_on(self):
        return _sane(self.cleaned_data["due_on"])


class ReferralForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Service.objects.none(),
        empty_label=_("Choose a service"),
        error_messages={
            "required": _("Choose a service."),
            "invalid_choice": _("Choose a service from the list."),
        },
    )
    referred_on = _date_field(_("Date"), initial=timezone.localdate)
    accompanied = forms.TypedChoiceField(
        label=_("Did someone go along?"),
        choices=[("nee", _("No, referred")), ("ja", _("Yes, taken along"))],
        coerce=lambda value: value == "ja",
        initial="nee",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether someone went along."),
            "invalid_choice": _("Say whether someone went along."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, plan, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        # What is posted is checked against every service, whatever the filter.
        self.fields["service"].queryset = Service.objects.all() if services is None else services
        if not plan.has_consent:
            del self.fields["note"]

    def clean_referred_on(self):
        return _not_in_future(_sane(self.cleaned_data["referred_on"]))


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did it go?"),
        choices=ReferralOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how it went."),
            "invalid_choice": _("Choose how it went."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        if not plan.has_consent:
            del self.fields["note"]


class SuccessForm(forms.Form):
    title = forms.CharField(
        label=_("What went well?"),
        help_text=_("For example: the first month everything was paid on time."),
        max_length=TITLE_MAX_LENGTH,
        error_messages={"required": _("Write down what went well.")},
    )
    happened_on = _date_field(_("When"), initial=timezone.localdate)

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Write down what went well."))
        return title

    def clean_happened_on(self):
        return _not_in_future(_sane(self.cleaned_data["happened_on"]))
