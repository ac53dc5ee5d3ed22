"""Who is qualified for what: records and their expiry, role requirements,
the trainer check, competencies awarded by a training, and anonymising."""

import datetime
import os

import pytest
from django.utils import timezone, translation

from groups.attendance import services as attendance_services
from groups.hooks import trainer_problems
from groups.models import GroupKind
from groups.offer import services as offer_services
from people.models import Role
from people.services import user_anonymise
from tests.factories import MembershipFactory
from tests.groups.factories import GroupPageFactory, MeetingFactory
from tests.volunteers.factories import (
    CompetencyRecordFactory,
    TrainingFactory,
    VolunteerProfileFactory,
    certificate,
)
from volunteers import services
from volunteers.models import (
    Competency,
    CompetencyRecord,
    RecordSource,
    VolunteerProfile,
    VolunteerRole,
)
from volunteers.qualification import State, competencies_needed, missing_for_role, state_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def qualify(user, organisation, role_slug):
    VolunteerProfile.objects.get_or_create(
        user=user,
        organisation=organisation,
        defaults={"status": "active", "vog_received_on": days_ago(180)},
    )
    for competency in VolunteerRole.objects.get(slug=role_slug).competencies.all():
        CompetencyRecordFactory(volunteer=user, competency=competency, achieved_on=days_ago(30))


def test_the_framework_and_roles_are_seeded():
    assert Competency.objects.filter(slug="stress-sensitief-werken").exists()
    assert set(VolunteerRole.objects.values_list("slug", flat=True)) >= {
        "thuisadministratie-vrijwilliger",
        "nazorgvrijwilliger",
        "trainer-budgetcursus",
        "begeleider-lotgenotengroep",
        "spaarkringbegeleider",
    }


def test_expiry_follows_the_competencys_validity_and_a_renewal_is_a_new_record():
    membership = MembershipFactory(role=Role.VOLUNTEER)
    competency = Competency.objects.get(slug="privacy-avg")  # 24 months
    first = services.competency_record(
        volunteer=membership.user,
        competency=competency,
        achieved_on=datetime.date(2024, 1, 15),
        source=RecordSource.OBSERVATION,
    )
    assert first.expires_on == datetime.date(2026, 1, 15)
    services.competency_record(
        volunteer=membership.user,
        competency=competency,
        achieved_on=datetime.date(2026, 1, 10),
        source=RecordSource.OBSERVATION,
    )
    assert CompetencyRecord.objects.filter(volunteer=membership.user).count() == 2
    first.refresh_from_db()
    assert first.expires_on == datetime.date(2026, 1, 15)


def test_an_expiry_before_the_achievement_date_is_refused():
    membership = MembershipFactory(role=Role.VOLUNTEER)
    with pytest.raises(Exception) as error:
        services.competency_record(
            volunteer=membership.user,
            competency=Competency.objects.get(slug="gespreksvoering"),
            achieved_on=days_ago(10),
            expires_on=days_ago(20),
            source=RecordSource.OBSERVATION,
        )
    assert "expires_on" in str(error.value.message_dict)
    assert not CompetencyRecord.objects.exists()


@pytest.mark.parametrize(
    "expires_in, state",
    [(None, State.VALID), (100, State.VALID), (30, State.EXPIRING), (-1, State.EXPIRED)],
)
def test_states_of_a_record(expires_in, state):
    expires_on = None if expires_in is None else TODAY + datetime.timedelta(days=expires_in)
    assert state_of(expires_on, TODAY) == state


@translation.override("en")
def test_qualified_means_every_requirement_and_a_valid_vog():
    membership = MembershipFactory(role=Role.TRAINER)
    user, organisation = membership.user, membership.organisation
    role = VolunteerRole.objects.get(slug="spaarkringbegeleider")
    assert "there is no VOG" in " ".join(missing_for_role(user, role, organisation))
    qualify(user, organisation, "spaarkringbegeleider")
    assert missing_for_role(user, role, organisation) == []
    VolunteerProfile.objects.filter(user=user).update(
        vog_received_on=days_ago(365 * 4), vog_valid_until=days_ago(365)
    )
    assert missing_for_role(user, role, organisation) == ["the VOG has expired"]


@translation.override("en")
def test_only_a_qualified_volunteer_may_become_trainer_and_the_reason_is_given():
    membership = MembershipFactory(role=Role.TRAINER)
    user, organisation = membership.user, membership.organisation
    group = GroupPageFactory(kind=GroupKind.PEER_SUPPORT, organisation=organisation)
    problems = trainer_problems(user, group)
    assert problems and "Begeleider lotgenotengroep" in problems[0]
    assert "Gespreksvoering is missing" in problems[0]
    qualify(user, organisation, "begeleider-lotgenotengroep")
    assert trainer_problems(user, group) == []


def test_completing_a_training_records_the_competencies_it_awards(
    django_capture_on_commit_callbacks,
):
    trainer = MembershipFactory(role=Role.TRAINER).user
    organisation = trainer.memberships.get().organisation
    volunteer = MembershipFactory(role=Role.VOLUNTEER, organisation=organisation).user
    competency = Competency.objects.get(slug="nazorg-terugvalpreventie")
    training = TrainingFactory(organisation=organisation, trainers=[trainer], awards=[competency])
    # Signed up before the meeting: a finished training takes no sign-ups.
    with django_capture_on_commit_callbacks(execute=True):
        offer_services.enrolment_create(group=training, person=volunteer)
    meeting = MeetingFactory(group=training, starts_at=timezone.now() - datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        attendance_services.attendance_record(
            meeting=meeting, statuses={volunteer.pk: "present"}, by=trainer
        )
    record = CompetencyRecord.objects.get(volunteer=volunteer)
    assert record.competency == competency
    assert record.source == RecordSource.TRAINING and record.training_id == training.pk
    assert record.expires_on == competency.expiry_for(record.achieved_on)


def test_anonymising_a_volunteer_removes_certificates_notes_and_vog():
    membership = MembershipFactory(role=Role.VOLUNTEER)
    user = membership.user
    VolunteerProfileFactory(
        user=user,
        organisation=membership.organisation,
        role=None,  # the membership above
        status="applying",
        vog_date=days_ago(100),
        notes="Let op",
    )
    record = CompetencyRecordFactory(
        volunteer=user,
        competency="gespreksvoering",
        achieved_on=days_ago(5),
        evidence=certificate(content=b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        note="Certificaat van cursus X",
    )
    assert record.source == RecordSource.CERTIFICATE
    path = record.evidence.path
    user_anonymise(user=user)
    record.refresh_from_db()
    profile = VolunteerProfile.objects.get(user=user)
    assert not record.evidence and record.note == ""
    assert profile.notes == "" and profile.vog_received_on is None
    assert not os.path.exists(path)


def test_a_training_helps_with_what_expires_and_with_what_a_wanted_role_lacks():
    role = VolunteerRole.objects.get(slug="spaarkringbegeleider")
    slugs = dict(Competency.objects.values_list("slug", "pk"))
    states = {
        slugs["gespreksvoering"]: State.VALID,
        slugs["privacy-avg"]: State.EXPIRING,
        slugs["stress-sensitief-werken"]: State.EXPIRED,
        slugs["cultuursensitief-werken"]: State.MISSING,
    }
    # financiele-basiskennis: the role needs it and it is not held at all.
    assert competencies_needed(states, [role]) == {
        slugs["privacy-avg"],
        slugs["stress-sensitief-werken"],
        slugs["financiele-basiskennis"],
    }
    assert competencies_needed({}, []) == set()
