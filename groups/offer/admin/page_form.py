"""The admin form of a group page: the organisation follows from the part of
the offer the page stands in; trainers are chosen from its volunteers, each
shown with whether they are qualified for this kind of group."""

from types import SimpleNamespace

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm

from groups.hooks import trainer_flags, trainer_lacking, trainer_problems
from people.models import Role, User
from people.permissions import roles_grantable_by
from people.services import role_grant

# Who can be chosen: a trainer already, or a volunteer who may become one.
CHOOSABLE_ROLES = [Role.TRAINER, Role.VOLUNTEER]


class GroupPageForm(WagtailAdminPageForm):
    """Trainers are volunteers of the group's organisation; choosing one who
    is not a trainer yet gives them that role when the page is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The parent is the organisation's part of the offer.
        parent = self.parent_page.specific if self.parent_page else None
        self.organisation = getattr(parent, "organisation", None)
        self.new_trainers = []
        if "kind" in self.fields:
            # The kinds are lower case to fit in sentences; a choice starts with a capital.
            kind = self.fields["kind"]
            kind.choices = [(value, capfirst(label)) for value, label in kind.choices]
        if "trainers" in self.fields:
            self._set_up_trainers(self.fields["trainers"])
        if "co_trainers" in self.fields:
            self._set_up_co_trainers(self.fields["co_trainers"])

    def _current_trainer_ids(self):
        return (
            {trainer.pk for trainer in self.instance.trainers.all()} if self.instance.pk else set()
        )

    def _set_up_trainers(self, field):
        memberships = {"memberships__organisation": self.organisation}
        people = User.objects.filter(
            memberships__role__in=CHOOSABLE_ROLES, **memberships
        ) | User.objects.filter(pk__in=self._current_trainer_ids())
        field.queryset = people.distinct().order_by("full_name")
        trainer_ids = set(
            User.objects.filter(memberships__role=Role.TRAINER, **memberships).values_list(
                "pk", flat=True
            )
        )
        # The kind as posted when the form comes back with an error.
        group = self._group((self.data.get("kind") if self.is_bound else "") or self.instance.kind)
        field.label_from_instance = lambda person: self._trainer_label(
            person, group, person.pk in trainer_ids
        )
        field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        field.help_text = gettext_lazy(
            "Every volunteer of the organisation, with whether they meet the requirements "
            "for this kind of group. Someone who is not a trainer yet becomes one when you "
            "save."
        )

    def _set_up_co_trainers(self, field):
        """Co-trainers (meelopers) are volunteers of the organisation who
        learn beside a qualified trainer; they get no trainer role."""
        current = self.instance.co_trainers.all() if self.instance.pk else []
        people = User.objects.filter(
            memberships__role__in=CHOOSABLE_ROLES, memberships__organisation=self.organisation
        ) | User.objects.filter(pk__in=[person.pk for person in current])
        field.queryset = people.distinct().order_by("full_name")
        field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        field.help_text = gettext_lazy(
            "Volunteers who are not qualified yet and learn by joining a qualified trainer. "
            "A group with a co-trainer needs at least one qualified trainer."
        )
        # A trainer whose qualification lapsed while leading the group.
        flags = trainer_flags([self.instance]).get(self.instance.pk) if self.instance.pk else None
        if flags and "trainers" in self.fields:
            warnings = [
                _("Note: %(name)s is no longer qualified for this group: %(lacking)s.")
                % {"name": trainer, "lacking": ", ".join(lacking)}
                for trainer, lacking in flags
            ]
            field = self.fields["trainers"]
            field.help_text = " ".join([str(field.help_text), *warnings])

    def _group(self, kind):
        if not kind or self.organisation is None:
            return None
        return SimpleNamespace(kind=kind, organisation_id=self.organisation.pk)

    @staticmethod
    def _trainer_label(person, group, is_trainer):
        parts = [str(person)]
        lacking = trainer_lacking(person, group) if group else None
        if lacking == []:
            parts.append(_("qualified"))
        elif lacking:
            parts.append(_("lacks: %(lacking)s") % {"lacking": ", ".join(lacking)})
        if not is_trainer:
            parts.append(_("not a trainer yet"))
        return " – ".join(parts)

    def clean(self):
        cleaned = super().clean()
        organisation = self.organisation
        trainers = cleaned.get("trainers") or []
        if organisation:
            self._check_roles(organisation, trainers)
            self._check_qualification(cleaned, organisation, trainers)
            self._check_co_trainers(cleaned, trainers)
        return cleaned

    def _check_co_trainers(self, cleaned, trainers):
        """A co-trainer never leads alone: beside a qualified trainer, and
        nobody is both."""
        co_trainers = cleaned.get("co_trainers") or []
        if not co_trainers:
            return
        both = [person for person in co_trainers if person in trainers]
        if both:
            self.add_error(
                "co_trainers",
                _("%(names)s is a trainer already and cannot be a co-trainer as well.")
                % {"names": ", ".join(str(person) for person in both)},
            )
        group = self._group(cleaned.get("kind"))
        qualified = [
            trainer for trainer in trainers if group is None or not trainer_problems(trainer, group)
        ]
        if not qualified:
            self.add_error(
                "co_trainers",
                _(
                    "A co-trainer never leads a group alone. Also choose a trainer who is "
                    "qualified for this group."
                ),
            )

    def _check_roles(self, organisation, trainers):
        """A volunteer becomes a trainer only if this coordinator may give
        that role; anyone else chosen is refused."""
        roles = {}
        for membership in organisation.memberships.filter(user__in=trainers):
            roles.setdefault(membership.user_id, set()).add(membership.role)
        may_grant = Role.TRAINER in roles_grantable_by(self.for_user)
        wrong = []
        for trainer in trainers:
            held = roles.get(trainer.pk, set())
            if Role.TRAINER in held:
                continue
            if Role.VOLUNTEER in held and may_grant:
                self.new_trainers.append(trainer)
            else:
                wrong.append(trainer)
        if wrong:
            self.add_error(
                "trainers",
                _("%(names)s is not a trainer of %(organisation)s.")
                % {
                    "names": ", ".join(str(person) for person in wrong),
                    "organisation": organisation,
                },
            )

    def _check_qualification(self, cleaned, organisation, trainers):
        """Only someone qualified may become a trainer. Trainers already on
        the page stay, so an unrelated edit is never blocked."""
        current = self._current_trainer_ids()
        group = self._group(cleaned.get("kind"))
        problems = [
            problem
            for trainer in trainers
            if trainer.pk not in current and group is not None
            for problem in trainer_problems(trainer, group)
        ]
        if problems:
            self.add_error("trainers", " ".join(problems))

    def save(self, commit=True):
        page = super().save(commit=commit)
        for person in self.new_trainers:
            role_grant(
                user=person, organisation=self.organisation, role=Role.TRAINER, by=self.for_user
            )
        return page
