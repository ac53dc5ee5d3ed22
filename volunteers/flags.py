"""Trainers whose qualification lapsed while they lead a group: an expired
competency the group's kind requires, or an expired VOG (also when a new one
has been requested but is not in yet). Registered with groups as
TRAINER_FLAGS, read by the coordinators' digest and the daily e-mail.

Someone who never had what is required is not "lapsed": trainer assignment
(missing_to_lead) already refuses them."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import GroupPage

from .models import VolunteerProfile, VolunteerRole
from .qualification import ROLE_FOR_GROUP_KIND, State, latest_records, state_of, vog_state


@dataclass
class Lapse:
    """`competencies` that expired, and whether the VOG did (`vog`)."""

    group: object
    trainer: object
    competencies: list
    vog: bool
    lapsed_on: datetime.date

    @property
    def lacking(self):
        """What lapsed in words, in the language of the moment."""
        names = [_("%(name)s (expired)") % {"name": c.name} for c in self.competencies]
        return names + ([_("VOG (expired)")] if self.vog else [])


def _newest_vog(profiles):
    return max(
        profiles,
        key=lambda p: (
            p.vog_valid_until or datetime.date.min,
            p.vog_requested_on or datetime.date.min,
        ),
        default=None,
    )


def _lapse(group, trainer, role, latest, profiles, today):
    competencies, vog, ended = [], False, []
    for competency in role.competencies.all():
        record = latest.get((trainer.pk, competency.pk))
        if record and state_of(record.expires_on, today) == State.EXPIRED:
            competencies.append(competency)
            ended.append(record.expires_on)
    if role.requires_vog:
        profile = _newest_vog([p for p in profiles if p.organisation_id == group.organisation_id])
        state = vog_state(profile, today)
        if profile and profile.vog_valid_until and state in (State.EXPIRED, State.REQUESTED):
            vog = True
            ended.append(profile.vog_valid_until)
    if not ended:
        return None
    return Lapse(
        group=group,
        trainer=trainer,
        competencies=competencies,
        vog=vog,
        lapsed_on=min(ended) + datetime.timedelta(days=1),
    )


def lapses(groups, today=None):
    """[Lapse] of the trainers of `groups`, in five queries."""
    today = today or timezone.localdate()
    groups = {group.pk: group for group in groups if group.kind in ROLE_FOR_GROUP_KIND}
    if not groups:
        return []
    roles = {
        role.slug: role
        for role in VolunteerRole.objects.filter(
            slug__in=set(ROLE_FOR_GROUP_KIND.values())
        ).prefetch_related("competencies")
    }
    links = list(
        GroupPage.trainers.through.objects.filter(grouppage_id__in=groups)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    trainer_ids = {link.user_id for link in links}
    latest = latest_records(trainer_ids)
    profiles = {}
    for profile in VolunteerProfile.objects.filter(user_id__in=trainer_ids):
        profiles.setdefault(profile.user_id, []).append(profile)
    found = []
    for link in links:
        group = groups[link.grouppage_id]
        role = roles.get(ROLE_FOR_GROUP_KIND[group.kind])
        if role is None:
            continue
        lapse = _lapse(group, link.user, role, latest, profiles.get(link.user_id, []), today)
        if lapse:
            found.append(lapse)
    return found


def trainer_flags(groups):
    """Registered for groups.hooks.TRAINER_FLAGS."""
    flags = {}
    for lapse in lapses(groups):
        flags.setdefault(lapse.group.pk, []).append((lapse.trainer, lapse.lacking))
    return flags


def groups_being_led():
    """Live groups that have not finished: where a trainer leads now."""
    return GroupPage.objects.live().not_finished().order_by("title")
