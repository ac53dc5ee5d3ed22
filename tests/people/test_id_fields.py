"""A huge id in a choice of objects is an invalid choice, not a server
error (found by the fuzz test, tests/access/test_fuzz.py)."""

import pytest
from django import forms

from groups.models import GroupPage
from people.id_fields import out_of_range
from people.models import Organisation
from tests.groups.factories import GroupPageFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999999"


class ChoiceForm(forms.Form):
    page = forms.ModelChoiceField(queryset=GroupPage.objects.all(), required=False)
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.all(), required=False
    )


@pytest.mark.parametrize("value", [HUGE, f"-{HUGE}", " 9223372036854775808 "])
def test_a_huge_id_is_an_invalid_choice(value):
    form = ChoiceForm({"page": value, "organisations": [value]})
    assert not form.is_valid()
    assert set(form.errors) == {"page", "organisations"}


def test_ids_in_range_and_other_values_are_looked_up_as_before():
    page = GroupPageFactory()
    form = ChoiceForm({"page": str(page.pk), "organisations": []})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["page"] == page
    assert not ChoiceForm({"page": "abc"}).is_valid()


def test_out_of_range():
    assert out_of_range(2**63) and out_of_range(-(2**63) - 1)
    assert not out_of_range(2**63 - 1) and not out_of_range("abc")
