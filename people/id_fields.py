"""Ids beyond the database's integers are an unknown choice, not an error.

A posted id like 99999999999999999999 in a choice of objects (a select in
a form, a filter of a listing, a chooser of Wagtail's admin) reached the
database, where SQLite's driver raised OverflowError: a server error
instead of the form's "Select a valid choice". Django checks the range of
plain integer lookups, not of lookups through a relation (a page's id is
its `page_ptr`). `install()` (from the app's ready) makes Django's own two
model choice fields, and so every form and filter built on them, refuse
such ids before they are looked up."""

from django import forms
from django.core.exceptions import ValidationError

# The widest integer a database column holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def out_of_range(value):
    try:
        return abs(int(str(value).strip())) > MAX_ID
    except ValueError:
        return False


def install():
    single, multiple = forms.ModelChoiceField, forms.ModelMultipleChoiceField
    if getattr(single, "_waakvlam_ids_checked", False):
        return
    to_python, check_values = single.to_python, multiple._check_values

    def checked_to_python(self, value):
        model = self.queryset.model
        if value not in self.empty_values and not isinstance(value, model) and out_of_range(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return to_python(self, value)

    def checked_values(self, value):
        if isinstance(value, (list, tuple, set, frozenset)):
            for pk in value:
                if isinstance(pk, (str, int)) and out_of_range(pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return check_values(self, value)

    single.to_python = checked_to_python
    multiple._check_values = checked_values
    single._waakvlam_ids_checked = True
