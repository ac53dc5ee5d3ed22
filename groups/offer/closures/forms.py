"""The trainer's form for pausing a group."""

from django import forms

from .models import GroupPause


class PauseForm(forms.ModelForm):
    class Meta:
        model = GroupPause
        fields = ["reason"]
        widgets = {"reason": forms.TextInput(attrs={"autocomplete": "off"})}
