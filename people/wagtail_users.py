"""Wagtail's user admin, fitted to a user model with one full name and no
username."""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

PROFILE_FIELDS = ["full_name", "phone", "preferred_language"]


class ProfileFieldsMixin(forms.Form):
    first_name = None
    last_name = None


class WaakvlamUserCreationForm(ProfileFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = {"email", "is_superuser", "groups", *PROFILE_FIELDS}


class WaakvlamUserEditForm(ProfileFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = {"email", "is_active", "is_superuser", "groups", *PROFILE_FIELDS}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return WaakvlamUserEditForm if for_update else WaakvlamUserCreationForm
