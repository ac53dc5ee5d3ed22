"""The volunteer's own part of Mijn Waakvlam: their competencies and VOG,
what their wanted roles still need, and trainings to sign up for."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from groups.models import EnrolmentStatus, GroupKind, GroupPage
from groups.offer import services as group_services
from people.messages import error_message
from people.permissions import may_see_own_competencies

from . import selectors
from .qualification import State, competencies_needed, missing_for_role, state_of, vog_state

# A training for something that expires, or that a wanted role lacks, comes
# first; then one that adds something new; then the rest.
NEEDED, NEW, OTHER = 0, 1, 2


def _long_date(value):
    return date_format(value, "j F Y")


def expiry_text(expires_on, state, today):
    """The expiry in words: "Valid until 12 March 2027", "Expires in 20 days"."""
    if expires_on is None:
        return _("Valid for good")
    if state == State.EXPIRED:
        return _("Expired on %(date)s") % {"date": _long_date(expires_on)}
    if state == State.EXPIRING:
        days = (expires_on - today).days
        if days == 0:
            return _("Expires today")
        return ngettext("Expires in %(days)d day", "Expires in %(days)d days", days) % {
            "days": days
        }
    return _("Valid until %(date)s") % {"date": _long_date(expires_on)}


def _status(state, expires_on, today):
    return {"state": state, "text": expiry_text(expires_on, state, today)}


def my_competencies_section(request):
    """The competencies section of Mijn Waakvlam, for volunteers, trainers
    and coordinators only. A fixed number of queries, plus two for each
    role the volunteer wants (missing_for_role)."""
    user = request.user
    if not may_see_own_competencies(user):
        return None
    today = timezone.localdate()
    profiles = selectors.own_profiles(user)
    held = selectors.held_records(user)
    states = {pk: state_of(record.expires_on, today) for pk, record in held.items()}
    roles = selectors.wanted_roles(profiles)
    organisation_ids = selectors.own_organisation_ids(user, profiles)
    trainings = selectors.open_trainings_for(user, organisation_ids, today)
    return {
        "competencies": [
            {"record": record, **_status(states[record.competency_id], record.expires_on, today)}
            for record in sorted(held.values(), key=lambda record: record.competency.name)
        ],
        "vog": _vog(selectors.newest_vog(profiles), today),
        "roles": [
            {"role": role, "missing": missing_for_role(user, role, today=today)} for role in roles
        ],
        "trainings": _ranked(request, trainings, states, competencies_needed(states, roles)),
    }


def _vog(profile, today):
    state = vog_state(profile, today)
    if state == State.MISSING:
        return {"state": State.MISSING, "text": _("We have no VOG of yours yet")}
    if state == State.REQUESTED:
        return {"state": state, "text": vog_requested_text(profile)}
    status = _status(state, profile.vog_valid_until, today)
    if profile.vog_pending:
        status["text"] = f"{status['text']}. {vog_requested_text(profile)}"
    return status


def vog_requested_text(profile):
    return _("VOG requested on %(date)s, not in yet") % {
        "date": _long_date(profile.vog_requested_on)
    }


def _ranked(request, trainings, states, needed):
    """The trainings, those for what is needed first, then those that add
    something new; within each, the next meeting first."""
    items = [_training_item(request, training, states, needed) for training in trainings]
    items.sort(
        key=lambda item: (
            item["rank"],
            item["group"].next_meeting_at is None,
            item["group"].next_meeting_at or timezone.now(),
            item["group"].title,
        )
    )
    return items


def _training_item(request, training, states, needed):
    awards = [
        {"competency": award.competency, "state": states.get(award.competency_id, State.MISSING)}
        for award in training.awards
    ]
    if any(award["competency"].pk in needed for award in awards):
        rank = NEEDED
    elif any(award["state"] == State.MISSING for award in awards):
        rank = NEW
    else:
        rank = OTHER
    return {
        "group": training,
        "url": training.get_url(request),
        "awards": awards,
        "useful": rank != OTHER,
        "rank": rank,
        "places_left": training.places_left(),
    }


@login_required
@require_POST
def training_enrol(request, group_id):
    """The "Sign up" button of a training in Mijn Waakvlam."""
    training = get_object_or_404(GroupPage.objects.live(), pk=group_id, kind=GroupKind.TRAINING)
    try:
        enrolment = group_services.enrolment_create(group=training, person=request.user)
    except ValidationError as error:
        messages.error(request, error_message(error))
    else:
        if enrolment.status == EnrolmentStatus.ENROLLED:
            messages.success(
                request,
                _("You are signed up for %(training)s. You will get an e-mail about it.")
                % {"training": training.title},
            )
        else:
            messages.info(
                request,
                _("%(group)s is full at the moment. You are on the waiting list.")
                % {"group": training.title},
            )
    return redirect("people:my")
