"""The world of the access matrix: two organisations, a person in every
role, and for each role the objects it must not see (its victims).

Organisation A has a savings circle (trainer, participants Merel and Kievit,
a meeting with deposits and a goal), a course with its own trainer and a
co-trainer, a volunteer with a certificate, a training, a coordinator and an
editor;
organisation B has the same with other people. The personal data of the
people a role must not see carries a marker that no response may contain."""

import datetime
from decimal import Decimal

from django.utils import timezone

from aftercare.referrals.services import referral_record
from courses.models import Completion, CompletionRule, Lesson
from groups.attendance.person_signals import attention_signal_raise
from groups.models import (
    AttentionSignal,
    Closure,
    GroupKind,
    GroupPause,
    OrganisationOfferPage,
    SignalKind,
)
from groups.offer import notifications
from groups.savings import services as savings_services
from groups.savings.cycles import savings_cycle_open
from groups.savings.models import SavingsGoal, SavingsSuccess
from knowledge.models import Service
from people.invitations.services import role_invitation_create
from people.models import Role
from tests.aftercare.factories import AFTERCARE_COMPETENCY, aftercare_settings, plan_for
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory
from tests.volunteers.factories import (
    CompetencyRecordFactory,
    TrainingFactory,
    VolunteerProfileFactory,
    certificate,
)
from volunteers.models import TrainingCompetency

# What each victim's name and e-mail address carry.
MARKERS = {
    "merel": "Geheimnaam-Merel-4711",
    "kievit": "Geheimnaam-Kievit-4712",
    "zwaluw": "Geheimnaam-Zwaluw-4713",
    # The people with an aftercare plan (whose contact is the organisation's volunteer).
    "reiger": "Geheimnaam-Reiger-4714",
    "specht": "Geheimnaam-Specht-4715",
}


def _person(marker=None, **kwargs):
    if marker is None:
        return UserFactory(**kwargs)
    return UserFactory(full_name=f"Vera {marker}", email=f"{marker.lower()}@example.org", **kwargs)


def _organisation(name, *, first, second=None, planned):
    """One organisation's people and records; `first` (and `second`) are the
    markers of its savings circle's participants, `planned` of the person
    with an aftercare plan."""
    organisation = OrganisationFactory(name=f"Stichting {name}", slug=name.lower())
    trainer = MembershipFactory(organisation=organisation, role=Role.TRAINER).user
    circle_group = GroupPageFactory(
        organisation=organisation, kind=GroupKind.SAVINGS_CIRCLE, trainers=[trainer]
    )
    enrolment = EnrolmentFactory(group=circle_group, person=_person(first))
    person = enrolment.person
    peer = EnrolmentFactory(group=circle_group, person=_person(second)) if second else None
    meeting = MeetingFactory(
        group=circle_group, starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    circle = savings_services.savings_circle_for(group=circle_group)
    amounts = {person.pk: Decimal("2.50")} | ({peer.person.pk: Decimal("3.00")} if peer else {})
    (entry, *_rest) = savings_services.deposits_record(
        circle=circle, meeting=meeting, amounts=amounts, by=trainer
    )
    SavingsGoal.objects.create(
        circle=circle, person=person, purpose="Nieuwe fiets", target_amount=Decimal("150.00")
    )
    cycle = savings_cycle_open(circle=circle)
    # Shared with the group: only its members and trainers may read it. In a
    # circle with a second participant, who may read it, it carries no marker.
    SavingsSuccess.objects.create(
        cycle=cycle,
        person=person,
        goal_reached_at=timezone.now(),
        story="Een fiets" if peer else f"Een fiets, zegt {person.full_name}",
        story_shared=True,
    )
    course_trainer = MembershipFactory(organisation=organisation, role=Role.TRAINER).user
    course = GroupPageFactory(organisation=organisation, trainers=[course_trainer])
    # A volunteer learning beside the course's trainer (a meeloper).
    co_trainer = VolunteerProfileFactory(organisation=organisation).user
    course.co_trainers.set([co_trainer])
    course.save()
    course_meeting = MeetingFactory(group=course)
    course_person = EnrolmentFactory(group=course).person
    dates = {"first_date": datetime.date(2026, 9, 1), "last_date": datetime.date(2026, 10, 6)}
    volunteer = VolunteerProfileFactory(organisation=organisation).user
    record = CompetencyRecordFactory(volunteer=volunteer, evidence=certificate())
    training = TrainingFactory(organisation=organisation, awards=["gespreksvoering"])
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    plan = _aftercare_plan(organisation, _person(planned), contact=volunteer, by=coordinator.user)
    invited = f"{first.lower()}.nieuw@example.org"
    role_invitation = role_invitation_create(
        organisation=organisation,
        role=Role.TRAINER,
        email=invited,
        full_name=f"Nieuwe {first}",
        by=coordinator.user,
    )
    notifications.enrolment_confirmed(enrolment)
    return {
        "organisation": organisation,
        "trainer": trainer,
        "course_trainer": course_trainer,
        "co_trainer": co_trainer,
        "participant": person,
        "second_participant": peer.person if peer else None,
        "volunteer": volunteer,
        "coordinator": coordinator.user,
        # The victims, by kind (see `victim_values`).
        "group": circle_group,
        "meeting": meeting,
        "enrolment": enrolment,
        "peer_enrolment": peer,
        "entry": entry,
        "person": person,
        "page": circle_group,
        "offer_part": OrganisationOfferPage.objects.get(organisation=organisation),
        "revision": circle_group.save_revision(),
        "training": training,
        "completion_rule": CompletionRule.objects.create(group=course),
        "lesson": Lesson.objects.create(
            group=course, meeting=course_meeting, number=1, title="Post ordenen"
        ),
        "completion": Completion.objects.create(
            group=course, person=course_person, attended=5, meetings=6, **dates
        ),
        "outbox": person.outbox_messages.get(),
        "membership": coordinator,
        "role_invitation": role_invitation,
        "savings_circle": circle,
        "cycle": cycle,
        "signal": AttentionSignal.objects.create(group=circle_group, person=person, missed=2),
        "profile": volunteer.volunteer_profiles.get(),
        "record": record,
        "training_competency": TrainingCompetency.objects.get(training=training),
        "closure": Closure.objects.create(
            organisation=organisation,
            name=f"Kerstvakantie {name}",
            first_day=datetime.date(2026, 12, 19),
            last_day=datetime.date(2027, 1, 3),
        ),
        # A pause of the past (resumed): history, leaving the group as it is.
        "plan": plan,
        "moment": plan.moments.first(),
        "referral": _referral(plan, name),
        "aftercare_settings": aftercare_settings(organisation),
        # Aftercare's signal without a group, on the attention list: only
        # the organisation's coordinators see it.
        "aftercare_signal": attention_signal_raise(
            organisation=organisation, person=plan.person, kind=SignalKind.AFTERCARE_CONCERNS
        ),
        "group_pause": GroupPause.objects.create(
            group=course,
            paused_at=timezone.now() - datetime.timedelta(days=30),
            resumed_at=timezone.now() - datetime.timedelta(days=20),
        ),
    }


def _aftercare_plan(organisation, person, *, contact, by):
    """A plan with the person's choices; its "watch out for" names the
    person, so a response that shows it carries their marker."""
    aftercare_settings(organisation)
    CompetencyRecordFactory(volunteer=contact, competency=AFTERCARE_COMPETENCY)
    return plan_for(
        organisation=organisation,
        person=person,
        contact=contact,
        by=by,
        watch_out_for=f"Brieven openen, zegt {person.full_name}",
    )


def _referral(plan, name):
    """A referral on the plan; its note names the person."""
    service = Service.objects.create(
        name=f"Geldloket {name}",
        helps_with="Vragen over rekeningen.",
        place=name,
        organisation_type="gemeente",
        needs=["geld"],
    )
    return referral_record(
        plan=plan,
        service=service,
        by=plan.contact,
        referred_on=timezone.localdate(),
        accompanied=True,
        note=f"Samen heen met {plan.person.full_name}",
    )


def build_two_organisations():
    """{"a": ..., "b": ..., "editor": ..., "superuser": ...}"""
    a = _organisation(
        "Oost", first=MARKERS["merel"], second=MARKERS["kievit"], planned=MARKERS["reiger"]
    )
    b = _organisation("West", first=MARKERS["zwaluw"], planned=MARKERS["specht"])
    editor = MembershipFactory(organisation=a["organisation"], role=Role.EDITOR).user
    superuser = UserFactory(is_superuser=True, is_staff=True)
    return {"a": a, "b": b, "editor": editor, "superuser": superuser}


def _with(victims, **overrides):
    return victims | overrides


def role_setup(role, world):
    """(the user, their victims, the markers they must never see) of `role`."""
    a, b = world["a"], world["b"]
    everyone = set(MARKERS.values())
    peer = a["peer_enrolment"]
    # Nobody but the person, the steady contact and the coordinators sees a plan.
    planned = {MARKERS["reiger"], MARKERS["specht"]}
    return {
        "anonymous": (None, a, everyone),
        "participant": (
            a["participant"],
            _with(
                b,
                enrolment=peer,
                person=peer.person,
                plan=a["plan"],
                moment=a["moment"],
                referral=a["referral"],
            ),
            {MARKERS["zwaluw"], MARKERS["kievit"]} | planned,
        ),
        "second_participant": (
            peer.person,
            _with(
                b,
                enrolment=a["enrolment"],
                person=a["person"],
                plan=a["plan"],
                moment=a["moment"],
                referral=a["referral"],
            ),
            {MARKERS["zwaluw"], MARKERS["merel"]} | planned,
        ),
        # The steady contact of organisation A's plan.
        "volunteer": (
            a["volunteer"],
            _with(b, enrolment=a["enrolment"]),
            everyone - {MARKERS["reiger"]},
        ),
        # Trainers never see the plans of the people in their groups.
        "trainer": (
            a["trainer"],
            _with(b, plan=a["plan"], moment=a["moment"], referral=a["referral"]),
            {MARKERS["zwaluw"]} | planned,
        ),
        # A trainer may join the own organisation's trainings.
        "other_trainer": (a["course_trainer"], _with(a, training=b["training"]), everyone),
        # A co-trainer of the course registers its attendance only: the
        # savings circle and everything else of the organisation stays shut;
        # as another volunteer of A, the plans of A too.
        "co_trainer": (a["co_trainer"], _with(a, training=b["training"]), everyone),
        "coordinator": (a["coordinator"], b, {MARKERS["zwaluw"], MARKERS["specht"]}),
        "other_coordinator": (
            b["coordinator"],
            a,
            {MARKERS["merel"], MARKERS["kievit"], MARKERS["reiger"]},
        ),
        "editor": (world["editor"], a, everyone),
        "superuser": (world["superuser"], a, set()),
    }[role]
