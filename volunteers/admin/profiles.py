"""Volunteer profiles in the admin: the listing, the page about one volunteer and the
button that enrols them in a training. Another organisation's volunteer is a 404."""

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from django_filters import ChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from groups.models import EnrolmentStatus, GroupKind, GroupPage
from groups.offer import services as group_services
from groups.offer.admin.filters import group_label
from people.admin_kit.labels import field_label
from people.admin_kit.reports import OrganisationChoiceFilter
from people.admin_kit.viewsets import ScopedInspectView, ScopedObjectMixin
from people.messages import error_message

from .. import selectors
from ..models import Competency, VolunteerProfile, VolunteerStatus
from ..qualification import competencies_needed, matrix, missing_for_role
from .labels import day, person_label
from .policies import profile_policy, record_policy
from .states import StateTexts, competency_cell, legend, vog_cell


class VolunteerProfileFilterSet(WagtailFilterSet):
    organisation = OrganisationChoiceFilter(
        label=field_label(VolunteerProfile, "organisation"), empty_label=_("All")
    )
    status = ChoiceFilter(
        label=field_label(VolunteerProfile, "status"),
        choices=VolunteerStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = VolunteerProfile
        fields = ["organisation", "status"]


class VolunteerProfileIndexView(generic.IndexView):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("user", "organisation")
            .prefetch_related("roles_wanted")
        )

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The name opens the volunteer's page; "Edit" is in the menu.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url, **kwargs
        )


class VolunteerDetailView(ScopedInspectView):
    """The coordinator's page about one volunteer: profile, current
    competencies, every record, what is missing for the roles they want and
    the trainings that would help, with a button to enrol them."""

    template_name = "volunteers/admin/volunteer_detail.html"
    record_add_url_name = None
    record_inspect_url_name = None
    enrol_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.get_scoped_queryset().select_related("user", "organisation"),
            pk=unquote(str(self.pk)),
        )

    def get_page_title(self):
        return str(self.object.user)

    def get_page_subtitle(self):
        return self.object.organisation.name

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(VolunteerProfile._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    # The profile's fields, as the coordinator reads them.

    def get_user_display_value(self):
        return person_label(self.object.user)

    def get_start_date_display_value(self):
        return day(self.object.start_date) or "–"

    def get_vog_valid_until_display_value(self):
        profile = self.object
        if not (profile.vog_valid_until or profile.vog_requested_on):
            return gettext("No VOG recorded")
        return vog_cell(profile, StateTexts(), timezone.localdate()).text

    def get_vog_requested_on_display_value(self):
        return day(self.object.vog_requested_on) or "–"

    def get_vog_received_on_display_value(self):
        return day(self.object.vog_received_on) or "–"

    def get_vog_free_display_value(self):
        return gettext("yes") if self.object.vog_free else gettext("no")

    def get_roles_wanted_display_value(self):
        return ", ".join(role.name for role in self.roles_wanted) or "–"

    @cached_property
    def roles_wanted(self):
        return list(self.object.roles_wanted.prefetch_related("competencies"))

    # The two things a coordinator does here, in view rather than in a menu.

    @cached_property
    def header_buttons(self):
        buttons = []
        if self.record_add_url_name and record_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    _("Record a competency"), url=self.record_add_url(), icon_name="success"
                )
            )
        if edit_url := self.get_edit_url():
            buttons.append(HeaderButton(_("Edit profile"), url=edit_url, icon_name="edit"))
        return buttons

    @cached_property
    def header_more_buttons(self):
        return []

    def record_add_url(self):
        return f"{reverse(self.record_add_url_name)}?volunteer={self.object.user_id}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        (row,) = matrix([self.object], list(Competency.objects.all()), today=timezone.localdate())
        context.update(
            current=self.current(row),
            records=self.records(),
            gaps=self.gaps(),
            trainings=self.trainings(row),
            record_add_url=self.record_add_url() if self.record_add_url_name else None,
            enrol_url=reverse(self.enrol_url_name, args=[self.object.pk]),
            may_enrol=profile_policy.user_has_permission(self.request.user, "change"),
            legend=legend(),
        )
        return context

    def current(self, row):
        """Each competency with its state today."""
        texts = StateTexts()
        return [(cell.competency, competency_cell(cell, texts)) for cell in row.cells]

    def records(self):
        return [
            {
                "record": record,
                "url": reverse(self.record_inspect_url_name, args=[record.pk]),
                "evidence_url": (
                    reverse("volunteers_admin:evidence", args=[record.pk])
                    if record.evidence
                    else None
                ),
            }
            for record in selectors.records_of(self.object.user_id)
        ]

    def gaps(self):
        """Per wanted role: what is missing (empty: qualified)."""
        return [
            (role, missing_for_role(self.object.user, role, organisation=self.object.organisation))
            for role in self.roles_wanted
        ]

    def trainings(self, row):
        """Open trainings of the organisation that award a competency the
        volunteer lacks for a wanted role, or that is expiring or expired."""
        states = {cell.competency.pk: cell.state for cell in row.cells}
        needed = competencies_needed(states, self.roles_wanted)
        if not needed:
            return []
        trainings = selectors.open_trainings_awarding(
            organisation_id=self.object.organisation_id, competency_ids=needed
        )
        statuses = selectors.enrolment_statuses(
            person_id=self.object.user_id, group_ids=[training.pk for training in trainings]
        )
        return [
            training_item(training, needed, statuses.get(training.pk)) for training in trainings
        ]


def training_item(training, needed, status):
    """A training on the volunteer's page: what it gives that they need,
    their sign-up status (if any), when and how many places."""
    return {
        "training": training,
        "label": group_label(training),
        "awards": [
            link.competency
            for link in training.awarded_competencies.all()
            if link.competency_id in needed
        ],
        "status": status,
        "next_meeting_at": training.next_meeting_at,
        "places_left": training.places_left(),
    }


class EnrolInTrainingView(ScopedObjectMixin, generic.PermissionCheckedMixin, View):
    """The "enrol them" button: groups.offer.services decides, exactly as when the
    volunteer signs up; its refusal is shown as it is."""

    model = VolunteerProfile
    permission_required = "change"
    scope_actions = ("change",)
    detail_url_name = None
    http_method_names = ["post"]

    def post(self, request, pk):
        profile = get_object_or_404(self.get_scoped_queryset(), pk=pk)
        training = self.get_training(profile)
        try:
            enrolment = group_services.enrolment_create(
                group=training, person=profile.user, by=request.user
            )
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            log(enrolment, "wagtail.create", user=request.user)
            messages.success(request, enrolled_message(enrolment, profile, training))
        return redirect(self.detail_url_name, profile.pk)

    def get_training(self, profile):
        """A training of the volunteer's own organisation, or a 404."""
        training_id = self.request.POST.get("training", "")
        if not training_id.isdigit():
            raise Http404
        return get_object_or_404(
            GroupPage.objects.filter(kind=GroupKind.TRAINING, organisation=profile.organisation_id),
            pk=training_id,
        )


def enrolled_message(enrolment, profile, training):
    names = {"name": profile.user, "training": training.title}
    if enrolment.status == EnrolmentStatus.ENROLLED:
        return _("%(name)s is signed up for %(training)s and gets an e-mail.") % names
    return _("%(training)s is full: %(name)s is on the waiting list and gets an e-mail.") % names
