"""The volunteer's own part of Mijn Waakvlam: their competencies and VOG,
what their wanted roles still need, and trainings to sign up for."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from groups.models import Enrolment, EnrolmentStatus, GroupKind, GroupPage
from groups.offer import services as group_services
from people.models import Role
from people.permissions import may_see_own_competencies, roles_by_organisation

from .models import TrainingCompetency, VolunteerProfile
from .qualification import State, latest_records, missing_for_role, state_of, vog_state

OWN_ROLES = {Role.VOLUNTEER, Role.TRAINER, Role.COORDINATOR}

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


def _trainings(user, organisation_ids, today):
    """Open trainings of the user's organisations, with the user's own
    sign-up (if any) and the competencies each one awards."""
    own = Enrolment.objects.active().filter(group=OuterRef("pk"), person=user).order_by("-pk")
    awards = TrainingCompetency.objects.select_related("competency").order_by("competency__name")
    return list(
        GroupPage.objects.open_for_enrolment(today)
        .public()
        .filter(kind=GroupKind.TRAINING, organisation_id__in=organisation_ids)
        .with_counts()
        .annotate(
            own_enrolment_id=Subquery(own.values("pk")[:1]),
            own_status=Subquery(own.values("status")[:1]),
        )
        .prefetch_related(Prefetch("awarded_competencies", queryset=awards, to_attr="awards"))
    )


def my_competencies_section(request):
    """The competencies section of Mijn Waakvlam, for volunteers, trainers
    and coordinators only. A fixed number of queries, plus two for each
    role the volunteer wants (missing_for_role)."""
    user = request.user
    if not may_see_own_competencies(user):
        return None
    today = timezone.localdate()
    profiles = list(
        VolunteerProfile.objects.filter(user=user).prefetch_related("roles_wanted__competencies")
    )
    latest = latest_records([user.pk])
    held = {competency_id: record for (_user, competency_id), record in latest.items()}
    states = {pk: state_of(record.expires_on, today) for pk, record in held.items()}

    competencies = [
        {"record": record, **_status(states[record.competency_id], record.expires_on, today)}
        for record in sorted(held.values(), key=lambda record: record.competency.name)
    ]

    # A VOG is a document of the person: the newest one counts, as in
    # missing_for_role.
    vog_profile = max(
        (profile for profile in profiles if profile.vog_date),
        key=lambda profile: profile.vog_date,
        default=None,
    )
    if vog_profile is None:
        vog = {"state": State.MISSING, "text": _("We have no VOG of yours yet")}
    else:
        vog = _status(vog_state(vog_profile, today), vog_profile.vog_expires_on, today)

    roles = sorted(
        {role for profile in profiles for role in profile.roles_wanted.all()},
        key=lambda role: role.name,
    )
    to_renew = {pk for pk, state in states.items() if state in (State.EXPIRING, State.EXPIRED)}
    for_roles = {
        competency.pk
        for role in roles
        for competency in role.competencies.all()
        if states.get(competency.pk, State.MISSING) in (State.MISSING, State.EXPIRED)
    }
    needed = to_renew | for_roles

    organisation_ids = {
        organisation_id
        for organisation_id, held_roles in roles_by_organisation(user).items()
        if held_roles & OWN_ROLES
    } | {profile.organisation_id for profile in profiles}
    trainings = []
    for training in _trainings(user, organisation_ids, today):
        awards = [
            {
                "competency": award.competency,
                "state": states.get(award.competency_id, State.MISSING),
            }
            for award in training.awards
        ]
        if any(award["competency"].pk in needed for award in awards):
            rank = NEEDED
        elif any(award["state"] == State.MISSING for award in awards):
            rank = NEW
        else:
            rank = OTHER
        trainings.append(
            {
                "group": training,
                "url": training.get_url(request),
                "awards": awards,
                "useful": rank != OTHER,
                "rank": rank,
                "places_left": training.places_left(),
            }
        )
    trainings.sort(
        key=lambda item: (
            item["rank"],
            item["group"].next_meeting_at is None,
            item["group"].next_meeting_at or timezone.now(),
            item["group"].title,
        )
    )

    return {
        "competencies": competencies,
        "vog": vog,
        "roles": [
            {"role": role, "missing": missing_for_role(user, role, today=today)} for role in roles
        ],
        "trainings": trainings,
    }


@login_required
@require_POST
def training_enrol(request, group_id):
    """The "Sign up" button of a training in Mijn Waakvlam."""
    training = get_object_or_404(GroupPage.objects.live(), pk=group_id, kind=GroupKind.TRAINING)
    try:
        enrolment = group_services.enrolment_create(group=training, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
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
