"""The qualification overview: every volunteer of the coordinator's
organisations against the competencies, with the VOG, and its export."""

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets.button import HeaderButton

from people.admin_kit.labels import field_label
from people.admin_kit.reports import OrganisationChoiceFilter, WaakvlamReportView

from .. import selectors
from ..models import Competency, VolunteerProfile, VolunteerRole, VolunteerStatus
from ..qualification import matrix
from .policies import profile_policy, record_policy
from .states import StateTexts, competency_cell, legend, vog_cell

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
    __slots__ = ("profile", "url", "cells", "vog", "qualified", "in_training")

    def __init__(self, profile, url, cells, vog, qualified, in_training):
        self.profile, self.url, self.cells = profile, url, cells
        self.vog, self.qualified, self.in_training = vog, qualified, in_training


class LazyRows:
    """The overview's rows as the paginator wants them: counted in the
    database, built only for the volunteers of the page shown (all of them
    for the export)."""

    def __init__(self, profiles, build):
        self.profiles, self.build = profiles, build

    def count(self):
        return self.profiles.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.build(list(self.profiles[index]))
        return self.build([self.profiles[index]])[0]

    def __iter__(self):
        return iter(self.build(list(self.profiles)))


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
    # Wagtail's pages (?p=); the export has every row that matches.
    paginate_by = 50

    # What is chosen.

    @cached_property
    def role(self):
        return self.chosen("role")

    @cached_property
    def competencies(self):
        if self.role:
            return list(self.role.competencies.all())
        return list(Competency.objects.all())

    @cached_property
    def organisations(self):
        """The chosen organisation, or all the user coordinates."""
        organisation = self.chosen("organisation")
        return [organisation] if organisation else selectors.own_organisations(self.request.user)

    # The rows.

    @cached_property
    def rows(self):
        """The rows of every chosen volunteer, built a page at a time; with
        "qualified" chosen all at once, as only a built row knows it."""
        profiles = selectors.overview_profiles(self.organisations, self.chosen("status"))
        if self.role and self.chosen("qualified"):
            return self.build_rows(list(profiles))
        return LazyRows(profiles, self.build_rows)

    def build_rows(self, profiles):
        """Rows of `profiles` against the competencies, in a fixed number of
        queries; only those matching "qualified" when it is chosen."""
        today, texts = timezone.localdate(), StateTexts()
        role_ids = [competency.pk for competency in self.competencies] if self.role else None
        wanted = self.chosen("qualified")
        # The URL differs per row only in its number: reverse it once.
        url_pattern = reverse(self.detail_url_name, args=[0]).replace("/0/", "/{}/")
        training = selectors.in_training([profile.user_id for profile in profiles])
        rows = []
        for row in matrix(profiles, self.competencies, today=today):
            qualified = row.qualified_for(role_ids, self.role.requires_vog) if self.role else None
            if self.role and wanted and qualified != (wanted == "yes"):
                continue
            rows.append(
                OverviewRow(
                    row.profile,
                    url_pattern.format(row.profile.pk),
                    [competency_cell(cell, texts) for cell in row.cells],
                    vog_cell(row.profile, texts, today),
                    qualified,
                    training.get(row.profile.user_id, []),
                )
            )
        return rows

    def get_queryset(self):
        return self.rows

    # The export.

    def competency_key(self, competency):
        return f"competency_{competency.pk}"

    @property
    def list_export(self):
        columns = ["name", "email", "organisation", "status", "in_training", "vog"]
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
            "in_training": _("In training for"),
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
            "in_training": ", ".join(item.in_training),
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

    # The page.

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
        own = selectors.own_organisations(self.request.user)
        context.update(
            role=self.role,
            competencies=self.competencies,
            qualified_heading=self.qualified_heading(),
            legend=legend(),
            # Name the organisation only when rows can come from several.
            multiple_organisations=not self.chosen("organisation") and own.count() > 1,
            has_volunteers=bool(context["items_count"]) or selectors.has_volunteers(own),
        )
        return context
