"""Who is qualified for what, today: the reads behind the qualification
overview, the volunteer's own page and trainer assignment.

Every function reads with a fixed number of queries, whatever the number of
volunteers and competencies."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CompetencyRecord, VolunteerProfile, VolunteerRole


class State:
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    MISSING = "missing"
    # A VOG only: requested, not in yet (and no valid one meanwhile).
    REQUESTED = "requested"


def _window():
    return datetime.timedelta(days=settings.RENEWAL_WINDOW_DAYS)


def state_of(expires_on, today=None):
    """valid, expiring (within the renewal window) or expired."""
    today = today or timezone.localdate()
    if expires_on is None:
        return State.VALID
    if expires_on < today:
        return State.EXPIRED
    if expires_on <= today + _window():
        return State.EXPIRING
    return State.VALID


def vog_state(profile, today=None):
    """The state of the VOG: a valid one counts, also while a renewal is on
    its way; without one, a request makes it "requested"."""
    if profile is None:
        return State.MISSING
    if profile.vog_valid_until:
        state = state_of(profile.vog_valid_until, today)
        if state != State.EXPIRED or not profile.vog_pending:
            return state
    return State.REQUESTED if profile.vog_pending else State.MISSING


def newest_vog_first(profiles):
    """A VOG is a document of the person: of their profiles, the one with
    the newest VOG (then the newest request) counts."""
    return profiles.order_by(
        F("vog_valid_until").desc(nulls_last=True), F("vog_requested_on").desc(nulls_last=True)
    )


def latest_records(volunteer_ids):
    """{(volunteer_id, competency_id): newest record}, in one query."""
    latest = {}
    records = (
        CompetencyRecord.objects.filter(volunteer_id__in=volunteer_ids)
        .select_related("competency")
        .latest_per_competency()
    )
    for record in records:
        latest.setdefault((record.volunteer_id, record.competency_id), record)
    return latest


@dataclass
class Cell:
    competency: object
    record: object = None
    state: str = State.MISSING


@dataclass
class Row:
    profile: object
    cells: list = field(default_factory=list)
    vog: str = State.MISSING

    def qualified_for(self, role_competency_ids, requires_vog=True):
        by_competency = {cell.competency.pk: cell for cell in self.cells}
        ok = all(
            by_competency.get(pk) and by_competency[pk].state in (State.VALID, State.EXPIRING)
            for pk in role_competency_ids
        )
        vog_ok = not requires_vog or self.vog in (State.VALID, State.EXPIRING)
        return ok and vog_ok


def matrix(profiles, competencies, today=None):
    """Rows of volunteers × competencies with each cell's state."""
    today = today or timezone.localdate()
    profiles = list(profiles)
    latest = latest_records([profile.user_id for profile in profiles])
    rows = []
    for profile in profiles:
        row = Row(profile=profile, vog=vog_state(profile, today))
        for competency in competencies:
            record = latest.get((profile.user_id, competency.pk))
            state = state_of(record.expires_on, today) if record else State.MISSING
            row.cells.append(Cell(competency=competency, record=record, state=state))
        rows.append(row)
    return rows


def _lacking(user, role, organisation=None, today=None):
    """[(competency or None for the VOG, record or None, state)] of what
    `user` lacks for `role`: missing or expired."""
    today = today or timezone.localdate()
    lacking = []
    latest = latest_records([user.pk])
    for competency in role.competencies.all():
        record = latest.get((user.pk, competency.pk))
        if record is None:
            lacking.append((competency, None, State.MISSING))
        elif state_of(record.expires_on, today) == State.EXPIRED:
            lacking.append((competency, record, State.EXPIRED))
    if role.requires_vog:
        profiles = VolunteerProfile.objects.filter(user=user)
        if organisation is not None:
            profiles = profiles.filter(organisation=organisation)
        state = vog_state(newest_vog_first(profiles).first(), today)
        if state in (State.MISSING, State.EXPIRED, State.REQUESTED):
            lacking.append((None, None, state))
    return lacking


VOG_MISSING = {
    State.MISSING: lambda: _("there is no VOG"),
    State.EXPIRED: lambda: _("the VOG has expired"),
    State.REQUESTED: lambda: _("the VOG has been requested and is not in yet"),
}


def missing_for_role(user, role, organisation=None, today=None):
    """What `user` lacks for `role`, in plain Dutch; empty when qualified."""
    missing = []
    for competency, record, state in _lacking(user, role, organisation, today):
        if competency is None:
            missing.append(VOG_MISSING[state]())
        elif record is None:
            missing.append(_("%(competency)s is missing") % {"competency": competency.name})
        else:
            missing.append(
                _("%(competency)s expired on %(date)s")
                % {"competency": competency.name, "date": record.expires_on.strftime("%d-%m-%Y")}
            )
    return missing


def competencies_needed(states, roles):
    """What a training would help with: competencies that expire soon or
    have expired, and those a wanted role requires that are missing.
    `states` is {competency id: state}; an absent competency is missing."""
    renew = {pk for pk, state in states.items() if state in (State.EXPIRING, State.EXPIRED)}
    gain = {
        competency.pk
        for role in roles
        for competency in role.competencies.all()
        if states.get(competency.pk, State.MISSING) == State.MISSING
    }
    return renew | gain


# The role a trainer of each kind of group must be qualified for.
ROLE_FOR_GROUP_KIND = {
    "budgetcursus": "trainer-budgetcursus",
    "lotgenotengroep": "begeleider-lotgenotengroep",
    "spaarkring": "spaarkringbegeleider",
}


def _role_to_lead(group):
    slug = ROLE_FOR_GROUP_KIND.get(group.kind)
    if slug is None:
        return None
    return VolunteerRole.objects.filter(slug=slug).prefetch_related("competencies").first()


def missing_to_lead(user, group):
    """Registered with groups as a trainer requirement: empty when `user`
    may lead `group`."""
    role = _role_to_lead(group)
    if role is None:
        return []
    missing = missing_for_role(user, role, organisation=group.organisation_id)
    if missing:
        return [
            _("%(name)s is not qualified as %(role)s: %(missing)s.")
            % {"name": user, "role": role.name, "missing": "; ".join(missing)}
        ]
    return []


def lacking_to_lead(user, group):
    """Registered with groups for the trainer choice: the short names of
    what `user` lacks to lead `group` ("Gespreksvaardigheden, VOG"), or
    None when nothing is required of this kind of group."""
    role = _role_to_lead(group)
    if role is None:
        return None
    names = []
    for competency, _record, state in _lacking(user, role, organisation=group.organisation_id):
        name = competency.name if competency else _("VOG")
        if state == State.EXPIRED:
            name = _("%(name)s (expired)") % {"name": name}
        elif state == State.REQUESTED:
            name = _("%(name)s (requested, not in yet)") % {"name": name}
        names.append(name)
    return names
