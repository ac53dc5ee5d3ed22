"""The coordinator's form to invite someone to a role by e-mail address."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.admin_kit.labels import field_label
from people.models import Organisation, Role, RoleInvitation
from people.permissions import organisations_with_role, roles_grantable_by


class RoleInvitationForm(forms.Form):
    """Only the user's own organisations and the roles they may grant, as
    on the membership form (people.wagtail_hooks.MembershipAdminForm)."""

    full_name = forms.CharField(
        label=_("Name"),
        max_length=150,
        help_text=_("How the invitation greets them; shown in the list until they answer."),
    )
    email = forms.EmailField(label=field_label(RoleInvitation, "email"))
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=field_label(RoleInvitation, "organisation")
    )
    role = forms.ChoiceField(label=field_label(RoleInvitation, "role"), choices=())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = organisations_with_role(user, Role.COORDINATOR)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]
        grantable = roles_grantable_by(user)
        self.fields["role"].choices = [(r.value, r.label) for r in Role if r in grantable]

    def clean_full_name(self):
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError(_("Fill in a name."))
        return name
