"""Forms of the volunteer admin: coordinators choose only their own organisations' people,
trainings and organisations; a refusal is a Dutch message, with what was typed kept."""

from django import forms
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from groups.offer.admin.filters import group_label
from people.admin_kit.labels import field_label
from people.models import Membership

from ..models import CompetencyRecord, RecordSource, VolunteerProfile
from ..selectors import (
    VOLUNTEER_ROLES,
    own_members,
    own_organisations,
    own_trainings,
    own_volunteers,
)
from .labels import person_label


class VolunteerProfileForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "organisation" in self.fields:
            organisations = own_organisations(self.for_user)
            self.fields["organisation"].queryset = organisations
            # Most coordinators have one organisation: fill it in.
            if not self.is_bound and len(organisations) == 1:
                self.initial.setdefault("organisation", organisations[0].pk)
        if "user" in self.fields:
            field = self.fields["user"]
            field.queryset = own_members(self.for_user)
            field.label_from_instance = person_label
            field.help_text = _(
                "Not in the list? First give them the role volunteer in your organisation, "
                "under Organisations → Roles."
            )
        if "roles_wanted" in self.fields:
            self.fields["roles_wanted"].widget = forms.CheckboxSelectMultiple()
            self.fields["roles_wanted"].queryset = self.fields["roles_wanted"].queryset.order_by(
                "name"
            )

    def clean(self):
        cleaned_data = super().clean()
        # A new VOG came in: it is valid from its own date, unless the
        # coordinator typed an end date as well.
        if "vog_received_on" in self.changed_data and "vog_valid_until" not in self.changed_data:
            cleaned_data["vog_valid_until"] = None
        user = cleaned_data.get("user") or (self.instance.user if self.instance.pk else None)
        organisation = cleaned_data.get("organisation")
        if (
            user
            and organisation
            and VolunteerProfile.objects.filter(user=user, organisation=organisation)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "user",
                _("%(name)s already has a volunteer profile in %(organisation)s.")
                % {"name": user, "organisation": organisation},
            )
        elif (
            user
            and organisation
            and not Membership.objects.filter(
                user=user, organisation=organisation, role__in=VOLUNTEER_ROLES
            ).exists()
        ):
            self.add_error(
                "user",
                _(
                    "%(name)s has no role as volunteer in %(organisation)s. First give them "
                    "that role under Organisations → Roles."
                )
                % {"name": user, "organisation": organisation},
            )
        return cleaned_data


class CompetencyForm(WagtailAdminModelForm):
    """The slug is made once from the name and never changes: the framework
    that every installation starts with finds its competencies and roles by
    it (volunteers.framework), and so do the trainer checks."""

    def save(self, commit=True):
        if not self.instance.slug:
            self.instance.slug = unique_slug(type(self.instance), self.instance.name)
        return super().save(commit=commit)


VolunteerRoleForm = CompetencyForm


def unique_slug(model, name):
    base = slugify(name)[:100] or "x"
    slug, number = base, 1
    while model._default_manager.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


class TrainingCompetencyForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "training" in self.fields:
            field = self.fields["training"]
            field.queryset = own_trainings(self.for_user)
            field.label_from_instance = group_label

    def clean(self):
        cleaned_data = super().clean()
        training, competency = cleaned_data.get("training"), cleaned_data.get("competency")
        if (
            training
            and competency
            and type(self.instance)
            ._default_manager.filter(training=training, competency=competency)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("competency", _("This training already awards this competency."))
        return cleaned_data


# Competencies from a completed training are recorded automatically; by
# hand a coordinator records a certificate or what they saw themselves.
MANUAL_SOURCES = [
    (RecordSource.CERTIFICATE.value, RecordSource.CERTIFICATE.label),
    (RecordSource.OBSERVATION.value, RecordSource.OBSERVATION.label),
]


class CompetencyRecordForm(WagtailAdminModelForm):
    source = forms.ChoiceField(
        label=field_label(CompetencyRecord, "source"),
        choices=MANUAL_SOURCES,
        initial=RecordSource.CERTIFICATE.value,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = CompetencyRecord
        fields = [
            "volunteer",
            "competency",
            "achieved_on",
            "expires_on",
            "source",
            "evidence",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["volunteer"]
        field.queryset = own_volunteers(self.for_user)
        field.label_from_instance = person_label
        field.empty_label = _("Choose a volunteer")
        self.fields["competency"].empty_label = _("Choose a competency")
        self.fields["expires_on"].help_text = _(
            "Empty: calculated from how long the competency stays valid."
        )
        self.fields["evidence"].help_text = _(
            "Required for a certificate: a PDF file or a photo (JPG or PNG) of at most %(mb)s MB."
        ) % {"mb": _max_mb()}
        # A browser can already refuse other kinds of files; the server
        # checks the content anyway.
        self.fields["evidence"].widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg"

    def clean(self):
        cleaned_data = super().clean()
        if (
            cleaned_data.get("source") == RecordSource.CERTIFICATE
            and not cleaned_data.get("evidence")
            and "evidence" not in self.errors
        ):
            self.add_error("evidence", _("Add the certificate: a PDF file or a photo of it."))
        return cleaned_data

    def full_clean(self):
        super().full_clean()
        # A browser never sends a chosen file back with a form: after any
        # error it must be chosen again, so say so next to the field.
        if (
            self.is_bound
            and self.errors
            and self.files.get(self.add_prefix("evidence"))
            and "evidence" not in self.errors
        ):
            self.add_error(
                "evidence",
                _("The form has an error elsewhere. Please choose the file again."),
            )


def _max_mb():
    return settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
