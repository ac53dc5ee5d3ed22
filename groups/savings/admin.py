"""The savings circles in the admin: a coordinator sets up a circle's
ledger (cycle, bookkeeper, fines) for their own groups; never deleted, the
ledger's entries hang on it."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MinValueValidator
from django.template.defaultfilters import yesno
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

from people.admin_kit.labels import field_label
from people.admin_kit.viewsets import ScopedModelViewSet, add_and_edit_handlers

from ..offer.admin.filters import group_label
from ..offer.kinds import GroupKind
from ..offer.models import Enrolment, EnrolmentStatus
from ..offer.pages import GroupPage
from ..offer.selectors import managed_groups
from .models import SavingsCircle


class SavingsCircleIndexView(generic.IndexView):
    def get_queryset(self):
        return super().get_queryset().select_related("group", "bookkeeper")


class SavingsCircleForm(WagtailAdminModelForm):
    """Only the coordinator's own savings-circle groups, and a bookkeeper
    who is a member of that group."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = (
            managed_groups(self.for_user).filter(kind=GroupKind.SAVINGS_CIRCLE)
            if self.for_user
            else GroupPage.objects.none()
        )
        if "group" in self.fields:
            field = self.fields["group"]
            # A group has one ledger: only groups without one can get one.
            field.queryset = groups.filter(savings_circle__isnull=True)
            field.label_from_instance = group_label
        if "bookkeeper" in self.fields:
            # Before a group is chosen, members of any of them; clean() checks.
            if self.instance.group_id:
                groups = GroupPage.objects.filter(pk=self.instance.group_id)
            members = Enrolment.objects.filter(
                group__in=groups, status=EnrolmentStatus.ENROLLED
            ).values("person_id")
            self.fields["bookkeeper"].queryset = get_user_model().objects.filter(pk__in=members)
        if "fine_amount" in self.fields:
            field = self.fields["fine_amount"]
            field.validators.append(
                MinValueValidator(0, message=_("The fine cannot be less than € 0."))
            )
            field.widget.attrs["min"] = "0"

    def clean(self):
        cleaned_data = super().clean()
        group = cleaned_data.get("group") or (
            self.instance.group if self.instance.group_id else None
        )
        bookkeeper = cleaned_data.get("bookkeeper")
        if (
            group
            and bookkeeper
            and not Enrolment.objects.filter(
                group=group, person=bookkeeper, status=EnrolmentStatus.ENROLLED
            ).exists()
        ):
            self.add_error("bookkeeper", _("Choose a member of this savings circle as bookkeeper."))
        return cleaned_data


class SavingsCircleViewSet(ScopedModelViewSet):
    model = SavingsCircle
    icon = "tasks"
    menu_label = _("Savings circles")
    add_to_reference_index = False
    list_per_page = 50
    ordering = "group__title"
    list_display = [
        "group",
        "money_kept",
        "cycle_start",
        "cycle_end",
        "bookkeeper",
        # Words, not Wagtail's tick icon: its hidden text is "True"/"False".
        Column(
            "fines_enabled",
            label=field_label(SavingsCircle, "fines_enabled"),
            accessor=lambda circle: capfirst(yesno(circle.fines_enabled)),
        ),
        Column(
            "fine_amount",
            label=field_label(SavingsCircle, "fine_amount"),
            accessor=lambda circle: f"€ {number_format(circle.fine_amount, 2)}",
        ),
        # The coordinator books pay-outs and closes a round on the same page
        # as the trainer: one place where a pay-out is booked.
        TitleColumn(
            "payouts",
            label=_("Pay-out"),
            accessor=lambda circle: gettext("Book pay-outs and close the round"),
            get_url=lambda circle: reverse("groups:payouts", args=[circle.group_id]),
        ),
    ]
    _settings_panels = [
        FieldPanel("money_kept", widget=forms.RadioSelect),
        FieldPanel("cycle_start"),
        FieldPanel("cycle_end"),
        FieldPanel("bookkeeper", widget=forms.Select),
        FieldPanel("fines_enabled"),
        FieldPanel("fine_amount"),
    ]
    create_handler, edit_handler = add_and_edit_handlers(
        "group", _settings_panels, SavingsCircleForm
    )

    @property
    def index_view_class(self):
        return self._scoped(SavingsCircleIndexView)
