"""Competency records in the admin: the listing, recording one (through
volunteers.services) and looking at one; a record is never changed or deleted."""

from django import forms
from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.log_actions import log

from people.admin_kit.labels import field_label
from people.admin_kit.views import ServiceFormMixin
from people.admin_kit.viewsets import ScopedInspectView

from .. import services
from ..models import Competency, CompetencyRecord, VolunteerStatus
from .labels import day, person_label
from .policies import profile_policy


class CompetencyRecordFilterSet(WagtailFilterSet):
    competency = ModelChoiceFilter(
        label=field_label(CompetencyRecord, "competency"),
        queryset=Competency.objects.all(),
        empty_label=_("All"),
    )
    source = ChoiceFilter(
        label=field_label(CompetencyRecord, "source"),
        choices=CompetencyRecord._meta.get_field("source").choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = CompetencyRecord
        fields = ["competency", "source"]


class CompetencyRecordIndexView(generic.IndexView):
    add_item_label = _("Record a competency")

    def get_queryset(self):
        return super().get_queryset().select_related("volunteer", "competency", "recorded_by")


class CompetencyRecordCreateView(ServiceFormMixin, generic.CreateView):
    """Recording goes through volunteers.services; the form (a model form)
    has already checked the dates and the file, so a refusal here is rare
    and still becomes a message on the form."""

    detail_url_name = None
    inspect_url_name = None
    error_message = _("The competency could not be recorded. Please check the form.")
    submit_button_label = _("Record")
    submit_button_active_label = _("Recording…")

    def get_page_subtitle(self):
        return gettext("Record a competency")

    @cached_property
    def chosen_volunteer(self):
        """The volunteer whose page the coordinator came from (?volunteer=)."""
        volunteer = self.request.GET.get("volunteer", "")
        return volunteer if volunteer.isdigit() else None

    def get_initial(self):
        initial = super().get_initial()
        if self.chosen_volunteer:
            initial["volunteer"] = self.chosen_volunteer
        return initial

    @cached_property
    def add_url(self):
        # Keep the chosen volunteer when the form comes back with an error.
        url = super().add_url
        return f"{url}?volunteer={self.chosen_volunteer}" if self.chosen_volunteer else url

    def save_instance(self):
        data = self.form.cleaned_data
        record = services.competency_record(
            volunteer=data["volunteer"],
            competency=data["competency"],
            achieved_on=data["achieved_on"],
            expires_on=data.get("expires_on"),
            source=data["source"],
            evidence=data.get("evidence") or None,
            note=data.get("note", ""),
            by=self.request.user,
        )
        log(record, "wagtail.create", user=self.request.user)
        return record

    def get_success_message(self, instance):
        return gettext("%(competency)s is recorded for %(name)s.") % {
            "competency": instance.competency,
            "name": instance.volunteer,
        }

    def get_success_buttons(self):
        return []

    def get_success_url(self):
        # Back to the volunteer's page, where the coordinator came from.
        profile = (
            profile_policy.instances_user_has_any_permission_for(self.request.user, ["view"])
            .filter(user=self.object.volunteer_id)
            .exclude(status=VolunteerStatus.LEFT)
            .first()
        )
        if profile and self.detail_url_name:
            return reverse(self.detail_url_name, args=[profile.pk])
        return reverse(self.inspect_url_name, args=[self.object.pk])


class CompetencyRecordInspectView(ScopedInspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            self.get_scoped_queryset().select_related(
                "volunteer", "competency", "training", "recorded_by"
            ),
            pk=unquote(str(self.pk)),
        )

    def get_volunteer_display_value(self):
        return person_label(self.object.volunteer)

    def get_achieved_on_display_value(self):
        return day(self.object.achieved_on)

    def get_expires_on_display_value(self):
        if not self.object.expires_on:
            return gettext("Does not expire")
        return day(self.object.expires_on)

    def get_evidence_display_value(self):
        if not self.object.evidence:
            return "–"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("volunteers_admin:evidence", args=[self.object.pk]),
            gettext("Open the certificate"),
        )

    def get_recorded_by_display_value(self):
        if self.object.recorded_by:
            return str(self.object.recorded_by)
        return gettext("Automatically, after the training")
