"""The admin form of a group page: the organisation follows from the part of
the offer the page stands in; trainers are its qualified trainers."""

from types import SimpleNamespace

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from groups.hooks import trainer_problems
from people.models import Role, User


class GroupPageForm(WagtailAdminPageForm):
    """Trainers must hold the trainer role in the group's organisation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The parent is the organisation's part of the offer.
        parent = self.parent_page.specific if self.parent_page else None
        self.organisation = getattr(parent, "organisation", None)
        if "trainers" in self.fields:
            self.fields["trainers"].queryset = (
                User.objects.filter(
                    memberships__role=Role.TRAINER, memberships__organisation=self.organisation
                )
                .distinct()
                .order_by("full_name")
            )
            self.fields["trainers"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["trainers"].choices
            )

    def clean(self):
        cleaned = super().clean()
        organisation = self.organisation
        trainers = cleaned.get("trainers") or []
        if organisation:
            wrong = [
                trainer
                for trainer in trainers
                if not trainer.memberships.filter(
                    organisation=organisation, role=Role.TRAINER
                ).exists()
            ]
            if wrong:
                self.add_error(
                    "trainers",
                    _("%(names)s is not a trainer of %(organisation)s.")
                    % {
                        "names": ", ".join(str(person) for person in wrong),
                        "organisation": organisation,
                    },
                )
            self._check_qualification(cleaned, organisation, trainers)
        return cleaned

    def _check_qualification(self, cleaned, organisation, trainers):
        """Only someone qualified may become a trainer. Trainers already on
        the page stay, so an unrelated edit is never blocked."""
        current = (
            {trainer.pk for trainer in self.instance.trainers.all()} if self.instance.pk else set()
        )
        group = SimpleNamespace(kind=cleaned.get("kind"), organisation_id=organisation.pk)
        problems = [
            problem
            for trainer in trainers
            if trainer.pk not in current
            for problem in trainer_problems(trainer, group)
        ]
        if problems:
            self.add_error("trainers", " ".join(problems))
