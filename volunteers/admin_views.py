"""The coordinator's screens for volunteers: profiles, the competency
framework, recording competencies with evidence, the evidence itself and the
qualification overview.

Coordinators see only the volunteers of their own organisations (see
people.admin_kit); another organisation's volunteer, record or
certificate is a 404. Competency records are written only through
volunteers.services and are never changed or deleted: a renewal is a new
record.
"""

import filetype
from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from groups.models import Enrolment, EnrolmentStatus, GroupKind, GroupPage
from groups.offer import services as group_services
from groups.offer.admin.filters import group_label
from people.admin_kit.labels import field_label
from people.admin_kit.policies import OrganisationScopedPolicy
from people.admin_kit.reports import OrganisationChoiceFilter, WaakvlamReportView
from people.admin_kit.views import add_service_error
from people.admin_kit.viewsets import ScopedInspectView, ScopedObjectMixin
from people.models import Role
from people.permissions import organisations_with_role

from . import services
from .admin_forms import own_organisations, person_label
from .models import (
    Competency,
    CompetencyRecord,
    TrainingCompetency,
    VolunteerProfile,
    VolunteerRole,
    VolunteerStatus,
)
from .qualification import State, matrix, missing_for_role, vog_state

DATE_FORMAT = "%d-%m-%Y"


def day(value):
    """Dates as Dutch people write them on forms: 12-03-2027."""
    return value.strftime(DATE_FORMAT) if value else ""


# ------------------------------------------------------------ permissions


class VolunteerProfilePolicy(OrganisationScopedPolicy):
    """Profiles are kept (status "left"), never deleted: records, reminders
    and trainings hang on them."""

    def __init__(self):
        super().__init__(VolunteerProfile, "organisation")

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)


class CompetencyRecordPolicy(OrganisationScopedPolicy):
    """A record belongs to a person, not to an organisation: a coordinator
    sees the records of the people with a volunteer profile in one of their
    organisations. Records are added and looked at, never changed or deleted
    (a renewal is a new record), not even by a superuser."""

    def __init__(self):
        super().__init__(CompetencyRecord, "volunteer")

    def user_has_permission(self, user, action):
        return action in ("view", "add") and super().user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return CompetencyRecord.objects.none()
        if user.is_superuser:
            return CompetencyRecord.objects.all()
        volunteers = VolunteerProfile.objects.filter(
            organisation__in=organisations_with_role(user, Role.COORDINATOR)
        ).values("user_id")
        return CompetencyRecord.objects.filter(volunteer__in=volunteers)


class KeptPolicy(ModelPermissionPolicy):
    """The framework's competencies are never deleted: records point to
    them (PROTECT); roles are named in the trainer checks."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)


profile_policy = VolunteerProfilePolicy()
record_policy = CompetencyRecordPolicy()
training_competency_policy = OrganisationScopedPolicy(TrainingCompetency, "training__organisation")


# ------------------------------------------------------------ state display

STATE_SYMBOLS = {
    # Shapes as well as colours: readable in black and white and for the
    # colour-blind; the words next to them say it in full.
    State.VALID: "✓",
    State.EXPIRING: "!",
    State.EXPIRED: "✗",
    State.MISSING: "–",
}


class StateTexts:
    """The words for each state, translated once per screen: the overview
    shows thousands of cells."""

    def __init__(self):
        self.valid_until = gettext("Valid until %(date)s")
        self.valid = gettext("Valid")
        self.expires = gettext("Expires %(date)s")
        self.expired = gettext("Expired")
        self.missing = gettext("Missing")

    def __call__(self, state, expires_on):
        if state == State.VALID:
            return self.valid_until % {"date": day(expires_on)} if expires_on else self.valid
        if state == State.EXPIRING:
            return self.expires % {"date": day(expires_on)}
        if state == State.EXPIRED:
            return self.expired
        return self.missing


class StateCell:
    __slots__ = ("state", "symbol", "text")

    def __init__(self, state, text):
        self.state, self.symbol, self.text = state, STATE_SYMBOLS[state], text


def legend():
    texts = StateTexts()
    return [
        (STATE_SYMBOLS[State.VALID], texts.valid, _("valid; the date is when it expires")),
        (
            STATE_SYMBOLS[State.EXPIRING],
            gettext("Expires"),
            _("expires soon: time for a refresher"),
        ),
        (STATE_SYMBOLS[State.EXPIRED], texts.expired, _("no longer valid")),
        (STATE_SYMBOLS[State.MISSING], texts.missing, _("not recorded")),
    ]


def vog_cell(profile, texts, today):
    state = vog_state(profile, today)
    return StateCell(state, texts(state, profile.vog_expires_on))


# ------------------------------------------------------------ profiles


class DayColumn(Column):
    def __init__(self, name, *, model, empty="", **kwargs):
        kwargs.setdefault("label", field_label(model, name))
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)
        self.empty_value_display = empty

    def get_value(self, instance):
        return day(super().get_value(instance))


class RolesWantedColumn(Column):
    def __init__(self, **kwargs):
        super().__init__(
            "roles_wanted", label=field_label(VolunteerProfile, "roles_wanted"), **kwargs
        )

    def get_value(self, instance):
        return ", ".join(role.name for role in instance.roles_wanted.all())


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

    def get_user_display_value(self):
        return person_label(self.object.user)

    def get_start_date_display_value(self):
        return day(self.object.start_date) or "–"

    def get_vog_date_display_value(self):
        if not self.object.vog_date:
            return gettext("No VOG recorded")
        cell = vog_cell(self.object, StateTexts(), timezone.localdate())
        return f"{day(self.object.vog_date)} ({cell.text})"

    def get_roles_wanted_display_value(self):
        return ", ".join(role.name for role in self.roles_wanted) or "–"

    @cached_property
    def roles_wanted(self):
        return list(self.object.roles_wanted.prefetch_related("competencies"))

    @cached_property
    def header_buttons(self):
        # The two things a coordinator does here, in view rather than in a menu.
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
        profile, today = self.object, timezone.localdate()
        texts = StateTexts()
        competencies = list(Competency.objects.all())
        (row,) = matrix([profile], competencies, today=today)
        current = [
            (cell.competency, StateCell(cell.state, texts(cell.state, _expiry(cell))))
            for cell in row.cells
        ]
        context.update(
            current=current,
            records=self.records(),
            gaps=self.gaps(),
            trainings=self.trainings(row),
            record_add_url=self.record_add_url() if self.record_add_url_name else None,
            enrol_url=reverse(self.enrol_url_name, args=[profile.pk]),
            may_enrol=profile_policy.user_has_permission(self.request.user, "change"),
            legend=legend(),
        )
        return context

    def records(self):
        records = (
            CompetencyRecord.objects.filter(volunteer_id=self.object.user_id)
            .select_related("competency", "recorded_by", "training")
            .order_by("-achieved_on", "-recorded_at", "-pk")
        )
        return [
            {
                "record": record,
                "url": reverse(self.record_inspect_url_name, args=[record.pk]),
                "evidence_url": (
                    reverse("volunteers_evidence", args=[record.pk]) if record.evidence else None
                ),
            }
            for record in records
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
        wanted = {
            competency.pk for role in self.roles_wanted for competency in role.competencies.all()
        }
        needed = {
            cell.competency.pk
            for cell in row.cells
            if cell.state in (State.EXPIRING, State.EXPIRED)
            or (cell.state == State.MISSING and cell.competency.pk in wanted)
        }
        if not needed:
            return []
        trainings = list(
            GroupPage.objects.open_for_enrolment()
            .filter(
                kind=GroupKind.TRAINING,
                organisation=self.object.organisation_id,
                pk__in=TrainingCompetency.objects.filter(competency__in=needed).values(
                    "training_id"
                ),
            )
            .with_counts()
            .prefetch_related("awarded_competencies")
            .order_by("next_meeting_at", "title")
        )
        statuses = dict(
            Enrolment.objects.active()
            .filter(person_id=self.object.user_id, group__in=[t.pk for t in trainings])
            .values_list("group_id", "status")
        )
        return [
            {
                "training": training,
                "label": group_label(training),
                "awards": [
                    link.competency
                    for link in training.awarded_competencies.all()
                    if link.competency_id in needed
                ],
                "status": statuses.get(training.pk),
                "next_meeting_at": training.next_meeting_at,
                "places_left": training.places_left(),
            }
            for training in trainings
        ]


def _expiry(cell):
    return cell.record.expires_on if cell.record else None


class EnrolInTrainingView(ScopedObjectMixin, generic.PermissionCheckedMixin, View):
    """The "enrol them" button: groups.services decides, exactly as when the
    volunteer signs up; its refusal is shown as it is."""

    model = VolunteerProfile
    permission_required = "change"
    scope_actions = ("change",)
    detail_url_name = None
    http_method_names = ["post"]

    def post(self, request, pk):
        profile = get_object_or_404(self.get_scoped_queryset(), pk=pk)
        training_id = request.POST.get("training", "")
        if not training_id.isdigit():
            raise Http404
        training = get_object_or_404(
            GroupPage.objects.filter(kind=GroupKind.TRAINING, organisation=profile.organisation_id),
            pk=training_id,
        )
        try:
            enrolment = group_services.enrolment_create(
                group=training, person=profile.user, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            log(enrolment, "wagtail.create", user=request.user)
            names = {"name": profile.user, "training": training.title}
            if enrolment.status == EnrolmentStatus.ENROLLED:
                message = _("%(name)s is signed up for %(training)s and gets an e-mail.")
            else:
                message = _(
                    "%(training)s is full: %(name)s is on the waiting list and gets an e-mail."
                )
            messages.success(request, message % names)
        return redirect(self.detail_url_name, profile.pk)


# ------------------------------------------------------------ framework


class TrainingCompetencyIndexView(generic.IndexView):
    def get_queryset(self):
        return super().get_queryset().select_related("training", "competency")


class TrainingColumn(Column):
    def __init__(self, **kwargs):
        super().__init__(
            "training",
            label=field_label(TrainingCompetency, "training"),
            sort_key="training__title",
            **kwargs,
        )

    def get_value(self, instance):
        return group_label(instance.training)


# ------------------------------------------------------------ records


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


class CompetencyRecordCreateView(generic.CreateView):
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

    def get_initial(self):
        initial = super().get_initial()
        volunteer = self.request.GET.get("volunteer", "")
        if volunteer.isdigit():
            initial["volunteer"] = volunteer
        return initial

    @cached_property
    def add_url(self):
        # Keep the chosen volunteer when the form comes back with an error.
        url = super().add_url
        volunteer = self.request.GET.get("volunteer", "")
        return f"{url}?volunteer={volunteer}" if volunteer.isdigit() else url

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_error(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

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
            reverse("volunteers_evidence", args=[self.object.pk]),
            gettext("Open the certificate"),
        )

    def get_recorded_by_display_value(self):
        if self.object.recorded_by:
            return str(self.object.recorded_by)
        return gettext("Automatically, after the training")


# ------------------------------------------------------------ evidence

EVIDENCE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def evidence_download(request, pk):
    """The certificate of a record, only for coordinators of the volunteer's
    organisation (and superusers). For anyone else it does not exist."""
    record = get_object_or_404(
        record_policy.instances_user_has_any_permission_for(request.user, ["view"]).exclude(
            evidence=""
        ),
        pk=pk,
    )
    try:
        handle = record.evidence.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    # The type comes from the content, as when it was uploaded, never from
    # the name.
    kind = filetype.guess(handle.read(262))
    handle.seek(0)
    content_type = kind.mime if kind and kind.mime in EVIDENCE_TYPES else "application/octet-stream"
    extension = kind.extension if kind and kind.mime in EVIDENCE_TYPES else "bin"
    filename = f"{slugify(str(record.volunteer))}-{slugify(record.competency.name)}.{extension}"
    response = FileResponse(
        handle, content_type=content_type, as_attachment=False, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Personal data: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


# ------------------------------------------------------------ overview

QUALIFIED_CHOICES = [("yes", _("Qualified")), ("no", _("Not qualified"))]


class QualificationFilterSet(WagtailFilterSet):
    organisation = OrganisationChoiceFilter(
        label=field_label(VolunteerProfile, "organisation"),
        method="choose",
        empty_label=_("All your organisations"),
    )
    status = ChoiceFilter(
        label=field_label(VolunteerProfile, "status"),
        choices=[c for c in VolunteerStatus.choices if c[0] != VolunteerStatus.LEFT],
        method="choose",
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    role = ModelChoiceFilter(
        label=_("Role"),
        queryset=VolunteerRole.objects.all(),
        method="choose",
        empty_label=_("All competencies"),
    )
    qualified = ChoiceFilter(
        label=_("Qualified for the chosen role"),
        choices=QUALIFIED_CHOICES,
        method="choose",
        empty_label=_("Everyone"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = VolunteerProfile
        fields = []

    def choose(self, queryset, name, value):
        return queryset  # the view builds the rows from the choices


class OverviewRow:
    __slots__ = ("profile", "url", "cells", "vog", "qualified")

    def __init__(self, profile, url, cells, vog, qualified):
        self.profile, self.url, self.cells = profile, url, cells
        self.vog, self.qualified = vog, qualified


class QualificationOverviewView(WaakvlamReportView):
    """Every volunteer (not left) of the coordinator's organisations against
    the competencies, with the VOG; for a chosen role, only what it requires
    and whether each volunteer is qualified. A fixed number of queries,
    whatever the number of volunteers."""

    page_title = _("Qualification overview")
    results_template_name = "volunteers/admin/qualification_results.html"
    filterset_class = QualificationFilterSet
    permission_policy = profile_policy
    detail_url_name = None

    @cached_property
    def role(self):
        return self.chosen("role")

    @cached_property
    def competencies(self):
        if self.role:
            return list(self.role.competencies.all())
        return list(Competency.objects.all())

    def profiles(self):
        organisation = self.chosen("organisation")
        profiles = (
            VolunteerProfile.objects.filter(
                organisation__in=[organisation]
                if organisation
                else organisations_with_role(self.request.user, Role.COORDINATOR)
            )
            .exclude(status=VolunteerStatus.LEFT)
            .select_related("user", "organisation")
            .order_by("user__full_name", "user__email", "organisation__name")
        )
        if status := self.chosen("status"):
            profiles = profiles.filter(status=status)
        return profiles

    @cached_property
    def rows(self):
        today = timezone.localdate()
        texts = StateTexts()
        role_ids = [competency.pk for competency in self.competencies] if self.role else None
        wanted = self.chosen("qualified")
        # The URL differs per row only in its number: reverse it once.
        url_pattern = reverse(self.detail_url_name, args=[0]).replace("/0/", "/{}/")
        rows = []
        for row in matrix(self.profiles(), self.competencies, today=today):
            qualified = None
            if self.role:
                qualified = row.qualified_for(role_ids, self.role.requires_vog)
                if wanted and qualified != (wanted == "yes"):
                    continue
            cells = [StateCell(cell.state, texts(cell.state, _expiry(cell))) for cell in row.cells]
            profile = row.profile
            rows.append(
                OverviewRow(
                    profile,
                    url_pattern.format(profile.pk),
                    cells,
                    vog_cell(profile, texts, today),
                    qualified,
                )
            )
        return rows

    def get_queryset(self):
        return self.rows

    def competency_key(self, competency):
        return f"competency_{competency.pk}"

    @property
    def list_export(self):
        columns = ["name", "email", "organisation", "status", "vog"]
        columns += [self.competency_key(competency) for competency in self.competencies]
        if self.role:
            columns.append("qualified")
        return columns

    @property
    def export_headings(self):
        headings = {
            "name": field_label(VolunteerProfile, "user"),
            "email": field_label(get_user_model(), "email"),
            "organisation": field_label(VolunteerProfile, "organisation"),
            "status": field_label(VolunteerProfile, "status"),
            "vog": _("VOG"),
            "qualified": self.qualified_heading(),
        }
        for competency in self.competencies:
            headings[self.competency_key(competency)] = competency.name
        return headings

    def qualified_heading(self):
        if not self.role:
            return ""
        return gettext("Qualified as %(role)s") % {"role": self.role.name}

    def to_row_dict(self, item):
        profile = item.profile
        row = {
            "name": str(profile.user),
            "email": profile.user.email,
            "organisation": profile.organisation.name,
            "status": profile.get_status_display(),
            "vog": item.vog.text,
        }
        for competency, cell in zip(self.competencies, item.cells, strict=True):
            row[self.competency_key(competency)] = cell.text
        if self.role:
            row["qualified"] = gettext("yes") if item.qualified else gettext("no")
        return row

    def get_filename(self):
        parts = [slugify(gettext("qualifications"))]
        if self.role:
            parts.append(slugify(self.role.name))
        return "-".join([*parts, str(timezone.localdate())])

    def get_page_subtitle(self):
        return self.role.name if self.role else ""

    @cached_property
    def header_buttons(self):
        buttons = []
        if record_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    _("Record a competency"),
                    url=reverse("competency_records:add"),
                    icon_name="success",
                )
            )
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(
            role=self.role,
            competencies=self.competencies,
            qualified_heading=self.qualified_heading(),
            legend=legend(),
            # Name the organisation only when rows can come from several.
            multiple_organisations=not self.chosen("organisation")
            and own_organisations(self.request.user).count() > 1,
            has_volunteers=bool(self.rows)
            or VolunteerProfile.objects.filter(
                organisation__in=own_organisations(self.request.user)
            ).exists(),
        )
        return context
