"""The coordinator's forms for aftercare plans: opening a plan with the
person's choices, and one small form per action. Each answers bad input with
a Dutch message and keeps what was typed; the services have the last word."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from people.models import Role
from people.permissions import organisations_with_role
from people.selectors import people_linked_to

from ..models import (
    WAY_CHOICES,
    ConsentWay,
    Phase,
    Rhythm,
)
from ..plans.models import TEXT_MAX_LENGTH
from ..selectors import eligible_contacts

RUNNING_PHASES = [(value, label) for value, label in Phase.choices if value != Phase.CLOSED]
MAX_INTERVAL_WEEKS = 52


def person_label(person):
    """A name with how to reach them: two people may share a name."""
    reach = person.email if person.has_email else person.phone
    return f"{person.full_name} ({reach})" if reach else person.full_name


def _text(label, help_text=""):
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX_LENGTH,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ChoicesFields(forms.Form):
    """The person's own choices and their consent to keep them."""

    preferred_way = forms.ChoiceField(
        label=_("How do you want to keep in touch?"),
        choices=[("", _("Not asked yet")), *WAY_CHOICES],
        required=False,
        widget=forms.RadioSelect,
    )
    rhythm = forms.ChoiceField(
        label=_("How often?"), choices=Rhythm.choices, initial=Rhythm.AFTER_3_6_12
    )
    interval_weeks = forms.IntegerField(
        label=_("Every how many weeks"),
        min_value=1,
        max_value=MAX_INTERVAL_WEEKS,
        required=False,
        help_text=_("Only for “every few weeks, as agreed”."),
    )
    wants_to_prevent = _text(_("What do you want to prevent?"), _("In the person's own words."))
    watch_out_for = _text(_("What do you watch out for?"), _("Pitfalls, in their own words."))
    consent_on = forms.DateField(
        label=_("Consent given on"),
        required=False,
        widget=AdminDateInput,
        help_text=_("Without consent only the name and the steady contact are kept."),
    )
    consent_way = forms.ChoiceField(
        label=_("How was consent given?"),
        choices=[("", _("No consent yet")), *ConsentWay.choices],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rhythm") == Rhythm.CUSTOM and not cleaned.get("interval_weeks"):
            self.add_error("interval_weeks", _("Say every how many weeks."))
        if cleaned.get("consent_on") and not cleaned.get("consent_way"):
            self.add_error("consent_way", _("Say how the consent was given."))
        if cleaned.get("consent_way") and not cleaned.get("consent_on"):
            self.add_error("consent_on", _("Fill in the day the consent was given."))
        return cleaned

    def choices(self):
        data = self.cleaned_data
        return {
            "preferred_way": data["preferred_way"],
            "rhythm": data["rhythm"],
            "interval_weeks": data["interval_weeks"] if data["rhythm"] == Rhythm.CUSTOM else None,
            "wants_to_prevent": data["wants_to_prevent"],
            "watch_out_for": data["watch_out_for"],
        }


class PlanOpenForm(ChoicesFields):
    """A plan for someone already known to the organisation, or for someone
    without e-mail, known by name and phone number (as an assisted sign-up)."""

    field_order = ["organisation", "person", "new_name", "new_phone", "contact"]

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=None,
        required=False,
        help_text=_("Someone your organisation already knows."),
    )
    new_name = forms.CharField(
        label=_("Or: name of someone without e-mail"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    new_phone = forms.CharField(
        label=_("Their phone number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    contact = forms.ModelChoiceField(
        label=_("Steady contact"),
        queryset=None,
        required=False,
        help_text=_("A volunteer or trainer with the competency your organisation asks for."),
    )
    debt_ended_on = forms.DateField(
        label=_("Debt assistance ended on"),
        required=False,
        widget=AdminDateInput,
        help_text=_("Aftercare lasts 12 months from this day (or from today)."),
    )
    phase = forms.ChoiceField(label=_("Phase"), choices=RUNNING_PHASES, initial=Phase.STABILISATION)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = organisations.order_by("name")
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
        people = people_linked_to(organisations).exclude(email__endswith=".invalid", phone="")
        self.fields["person"].queryset = people.order_by("full_name", "email")
        self.fields["person"].label_from_instance = person_label
        contacts = get_user_model().objects.none()
        for organisation in organisations:
            contacts |= eligible_contacts(organisation)
        self.fields["contact"].queryset = (
            get_user_model().objects.filter(pk__in=contacts.values("pk")).order_by("full_name")
        )

    def clean(self):
        cleaned = super().clean()
        person, name = cleaned.get("person"), cleaned.get("new_name", "").strip()
        if person and name:
            self.add_error("new_name", _("Choose a person or type a name, not both."))
        elif not person and not name and "person" not in self.errors:
            self.add_error("person", _("Choose a person, or type the name of someone new."))
        elif name and not cleaned.get("new_phone", "").strip():
            self.add_error("new_phone", _("Fill in a phone number, so the contact can call."))
        organisation = cleaned.get("organisation")
        if (
            person
            and organisation
            and person.aftercare_plans.running().filter(organisation=organisation).exists()
        ):
            self.add_error("person", _("This person already has a running plan here."))
        return cleaned


class ReasonField(forms.CharField):
    def __init__(self, required=True, **kwargs):
        kwargs.setdefault("label", _("Reason"))
        super().__init__(
            max_length=TEXT_MAX_LENGTH,
            required=required,
            widget=forms.Textarea(attrs={"rows": 3}),
            **kwargs,
        )


class ContactChangeForm(forms.Form):
    contact = forms.ModelChoiceField(label=_("New steady contact"), queryset=None)
    reason = ReasonField(help_text=_("The person is told who their new contact is."))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = eligible_contacts(plan.organisation).exclude(
            pk__in=[pk for pk in (plan.contact_id, plan.person_id) if pk]
        )


class PhaseChangeForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=RUNNING_PHASES, widget=forms.RadioSelect)
    reason = ReasonField(required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].initial = plan.phase


class UntilChangeForm(forms.Form):
    aftercare_until = forms.DateField(label=_("Aftercare until"), widget=AdminDateInput)
    reason = ReasonField()

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aftercare_until"].initial = plan.aftercare_until


class OptionalReasonForm(forms.Form):
    """Pause and close: a reason helps the contact later, but is not needed."""

    reason = ReasonField(required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)


class ReopenForm(OptionalReasonForm):
    reason = ReasonField()


class ConfirmForm(forms.Form):
    """Resume, withdraw consent: only a button."""

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)


class ChoicesForm(ChoicesFields):
    """The person's choices and consent, changed later."""

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ChoicesFields.base_fields:
            self.fields[name].initial = getattr(plan, name)
        if plan.has_consent:
            # Consent is given once; withdrawing it is its own action.
            del self.fields["consent_on"], self.fields["consent_way"]


class AftercareSettingsForm(WagtailAdminModelForm):
    """Only for the organisations the coordinator coordinates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "organisation" in self.fields:
            organisations = organisations_with_role(self.for_user, Role.COORDINATOR)
            self.fields["organisation"].queryset = organisations.filter(
                aftercare_settings__isnull=True
            ).order_by("name")
