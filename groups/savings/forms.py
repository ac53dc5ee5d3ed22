"""Forms of the savings-circle ledger. Amounts are typed the Dutch way
("12,50", "1.000", "12,-") and become Decimal; never float."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.html import conditional_escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import MAX_DEPOSIT, EntryKind, SavingsSuccess

GOAL_MIN = Decimal("1.00")
GOAL_MAX = Decimal("100000.00")
CENT = Decimal("0.01")

# "1.000" and "12.345.678": dots that group thousands, as Dutch writes them.
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_PLAIN = re.compile(r"\d+(?:\.\d*)?|\.\d+")


def euro(amount):
    """An amount as Dutch (or English) writes it: 1.234,50."""
    return number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)


def parse_amount(value):
    """Turn what someone typed into a Decimal, or raise ValidationError with
    a message that says what to change."""
    text = re.sub(r"[\s\u00a0€]", "", value)
    text = re.sub(r"[,.]-{1,2}$", "", text)  # "12,-" means twelve euros
    invalid = ValidationError(_("Fill in an amount in euros, for example 12,50."), code="invalid")
    negative = text.startswith(("-", "\u2212"))
    if negative:
        text = text[1:]
    if "," in text:
        whole, _comma, fraction = text.partition(",")
        if "," in fraction or "." in fraction:
            raise invalid
        if "." in whole:
            if not _THOUSANDS.fullmatch(whole):
                raise invalid
            whole = whole.replace(".", "")
        text = f"{whole or '0'}.{fraction or '0'}"
    elif _THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    if not _PLAIN.fullmatch(text):
        raise invalid
    amount = Decimal(text)
    if negative and amount:
        raise ValidationError(_("An amount cannot be negative."), code="negative")
    if amount != amount.quantize(CENT):
        raise ValidationError(
            _("Use at most 2 digits after the comma, for example 12,50."), code="decimals"
        )
    return amount.quantize(CENT)


class AmountField(forms.Field):
    """A text box for euros that accepts a comma; cleans to a Decimal (or
    None when left empty). A text box, not type=number: that one drops what
    it cannot read, so a typo would vanish instead of getting a message."""

    max_length = 20

    def __init__(self, *, minimum=Decimal("0.00"), maximum=MAX_DEPOSIT, **kwargs):
        self.minimum, self.maximum = minimum, maximum
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "inputmode": "decimal",
                    "autocomplete": "off",
                    "spellcheck": "false",
                    "maxlength": self.max_length,
                }
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        if len(value) > self.max_length:
            raise ValidationError(
                _("Fill in an amount in euros, for example 12,50."), code="invalid"
            )
        return parse_amount(value)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value > self.maximum:
            raise ValidationError(
                _("An amount can be at most € %(max)s.") % {"max": euro(self.maximum)},
                code="max_value",
            )
        if value < self.minimum:
            raise ValidationError(
                _("An amount must be at least € %(min)s.") % {"min": euro(self.minimum)},
                code="min_value",
            )


def amount_field_name(person_id):
    return f"amount-{person_id}"


def _recorded_text(recorded):
    """'Already recorded: € 10,00' for the help under a member's amount."""
    deposits = [f"€ {euro(amount)}" for kind, amount in recorded if kind == EntryKind.DEPOSIT]
    fines = [f"€ {euro(amount)}" for kind, amount in recorded if kind == EntryKind.FINE]
    parts = []
    if deposits:
        parts.append(_("Already recorded: %(amounts)s.") % {"amounts": ", ".join(deposits)})
    if fines:
        parts.append(_("Fine: %(amounts)s.") % {"amounts": ", ".join(fines)})
    # Shown unescaped by forms/field.html; the text is ours, escaped anyway.
    return conditional_escape(" ".join(parts))


class DepositsForm(forms.Form):
    """One amount per member for one meeting. Empty means no deposit."""

    hide_optional = True  # every amount may stay empty; the page says so

    seen = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    # Shown only after an amount was refused as already booked (ask_repeat).
    repeat_confirmed = forms.BooleanField(required=False, label=gettext_lazy("Yes, book it again"))
    ask_repeat = False

    def __init__(self, *args, members, recorded, **kwargs):
        """`members`: people in the order shown; `recorded`: {person id:
        [(kind, Decimal), ...]} what already stands for this meeting."""
        super().__init__(*args, **kwargs)
        self.members = members
        for person in members:
            field = AmountField(label=person.full_name, required=False)
            field.help_text = _recorded_text(recorded.get(person.pk, []))
            self.fields[amount_field_name(person.pk)] = field

    def clean(self):
        cleaned = super().clean()
        if not self.errors and all(
            cleaned.get(amount_field_name(person.pk)) is None for person in self.members
        ):
            # An empty form is more likely a slip than a meeting where nobody
            # saved; with fines on it would fine everyone.
            raise ValidationError(
                _("Fill in at least one amount. Type 0 for a member who saves nothing this time.")
            )
        return cleaned

    def amounts(self):
        """{person id: Decimal or None}, for services.deposits_record."""
        return {
            person.pk: self.cleaned_data.get(amount_field_name(person.pk))
            for person in self.members
        }

    def member_fields(self):
        return [self[amount_field_name(person.pk)] for person in self.members]


class GoalForm(forms.Form):
    """A member's goal, as the trainer or bookkeeper sets it."""

    purpose = forms.CharField(
        label=gettext_lazy("Saving for"),
        max_length=200,
        help_text=gettext_lazy("For example: a new washing machine, or a buffer for setbacks."),
    )
    target_amount = AmountField(
        label=gettext_lazy("Target amount"),
        minimum=GOAL_MIN,
        maximum=GOAL_MAX,
        help_text=gettext_lazy("In euros, for example 250."),
    )


class OwnGoalForm(GoalForm):
    """The same, asked of the member themself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].label = _("What are you saving for?")
        self.fields["target_amount"].label = _("How much do you want to save?")


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example: typing error, should have been 5,00."),
    )


class PayoutForm(forms.Form):
    """Book one member's pay-out; the amount comes from the ledger."""

    person = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CycleCloseForm(forms.Form):
    payout_planned_on = forms.DateField(
        label=gettext_lazy("Planned pay-out day of the next round"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The next round starts today with the same members."),
        error_messages={"invalid": gettext_lazy("Fill in a date, for example 1-9-2027.")},
    )


class SuccessStoryForm(forms.ModelForm):
    """In the member's own words what they saved for; private unless they
    tick the box."""

    class Meta:
        model = SavingsSuccess
        fields = ["story", "story_shared"]
        labels = {
            "story": gettext_lazy("What did I save for?"),
            "story_shared": gettext_lazy("Share this with my savings circle"),
        }
        help_texts = {
            "story": gettext_lazy("For example: a new bed for my daughter."),
            "story_shared": gettext_lazy(
                "Only the members and trainers of this savings circle see it. "
                "Without a tick, only you see it."
            ),
        }
