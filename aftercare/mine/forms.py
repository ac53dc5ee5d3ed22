"""The person's own forms: how and how often to keep in touch (with the
consent to keep it, asked in plain words when none was recorded yet), and
an optional reason to pause."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import NO_CONTACT, WAY_CHOICES, Rhythm, Way
from ..plans.models import TEXT_MAX_LENGTH

# "Every few weeks": at most half a year apart.
MAX_WEEKS = 26
# The rhythms a person chooses from; "no contact" is chosen as the way.
OWN_RHYTHMS = [
    (Rhythm.AFTER_3_6_12, _("After 3, 6 and 12 months")),
    (Rhythm.TWO_MONTHLY, _("Every two months")),
    (Rhythm.CUSTOM, _("Every few weeks")),
]
WAY_LABELS = {
    Way.PHONE: _("By phone"),
    Way.WHATSAPP: _("By WhatsApp"),
    Way.VISIT: _("A visit at home"),
    Way.EMAIL: _("By e-mail"),
    Way.GROUP: _("In a group"),
    NO_CONTACT: _("Rather no contact"),
}
NO_CONSENT = _(
    "Without your permission we do not keep your choice. Tick the box if that is all right."
)


class ConsentMixin:
    """A checkbox "Ja, u mag dit bewaren" when the plan has no consent yet."""

    def _consent_field(self, plan):
        self.needs_consent = not plan.has_consent
        if self.needs_consent:
            self.fields["consent"] = forms.BooleanField(
                label=_("Yes, you may keep this"), required=False
            )

    def _check_consent(self, data):
        if self.needs_consent and not data.get("consent"):
            self.add_error("consent", NO_CONSENT)


class ContactForm(ConsentMixin, forms.Form):
    # The help texts say when "how often" is needed: no "(optional)" beside it.
    hide_optional = True

    way = forms.ChoiceField(
        label=_("How do you want to keep in touch?"),
        choices=[(value, WAY_LABELS[value]) for value, _label in WAY_CHOICES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to keep in touch.")},
    )
    rhythm = forms.ChoiceField(
        label=_("How often?"),
        choices=OWN_RHYTHMS,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("You do not need to choose this if you would rather have no contact."),
    )
    interval_weeks = forms.IntegerField(
        label=_("Every how many weeks?"),
        help_text=_("Only if you chose every few weeks. A number from 1 to 26."),
        min_value=1,
        max_value=MAX_WEEKS,
        required=False,
    )

    def __init__(self, *args, plan, **kwargs):
        initial = {
            "way": plan.preferred_way or None,
            "rhythm": plan.rhythm if plan.rhythm != Rhythm.NONE else None,
            "interval_weeks": plan.interval_weeks,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self._consent_field(plan)

    def clean(self):
        data = super().clean()
        way, rhythm = data.get("way"), data.get("rhythm")
        if way and way != NO_CONTACT and not rhythm and "rhythm" not in self.errors:
            self.add_error("rhythm", _("Choose how often."))
        weeks_missing = not data.get("interval_weeks") and "interval_weeks" not in self.errors
        if rhythm == Rhythm.CUSTOM and weeks_missing:
            self.add_error("interval_weeks", _("Say every how many weeks."))
        self._check_consent(data)
        return data

    def choices(self):
        """The keyword arguments for plan_choices_record."""
        way = self.cleaned_data["way"]
        if way == NO_CONTACT:
            return {"preferred_way": way, "rhythm": Rhythm.NONE, "interval_weeks": None}
        rhythm = self.cleaned_data["rhythm"]
        weeks = self.cleaned_data["interval_weeks"] if rhythm == Rhythm.CUSTOM else None
        return {"preferred_way": way, "rhythm": rhythm, "interval_weeks": weeks}


class PauseForm(forms.Form):
    reason = forms.CharField(
        label=_("Do you want to say why?"),
        help_text=_("For example: I am in hospital. You do not have to say it."),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        # Without consent no reason is kept, so none is asked.
        if not plan.has_consent:
            del self.fields["reason"]
