"""The volunteer's own competencies, VOG, role needs and trainings in Mijn
Waakvlam, and the "Sign up" button of a training.

People here read English (preferred_language="en") so that the texts can be
checked before the Dutch catalogue is compiled."""

import datetime
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from groups.models import Enrolment, EnrolmentStatus
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory, group_index
from tests.volunteers.factories import (
    CompetencyRecordFactory,
    TrainingFactory,
    VolunteerProfileFactory,
)
from volunteers.models import Competency, VolunteerRole

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
MY = reverse("people:my")


def in_days(days):
    return TODAY + datetime.timedelta(days=days)


def long_date(day):
    return f"{day.day} {day:%B} {day.year}"


def volunteer(organisation, *, role=Role.VOLUNTEER, vog_date=None, roles_wanted=()):
    return VolunteerProfileFactory(
        organisation=organisation,
        user__preferred_language="en",
        role=role,
        vog_date=vog_date,
        roles_wanted=roles_wanted,
    ).user


def record(user, competency, *, expires_on, achieved_on=None):
    return CompetencyRecordFactory(
        volunteer=user,
        competency=competency,
        achieved_on=achieved_on or min(TODAY, expires_on),
        expires_on=expires_on,
    )


def training(organisation, *awards, **kwargs):
    return TrainingFactory(organisation=organisation, awards=awards, **kwargs)


def section_of(client):
    """The competencies section of Mijn Waakvlam, or None."""
    html = client.get(MY).content.decode()
    found = re.search(r'<section aria-labelledby="competencies-heading".*?</section>', html, re.S)
    return found.group(0) if found else None


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def _post(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return _post


def test_the_section_shows_competencies_vog_role_needs_and_trainings(client):
    organisation = OrganisationFactory()
    user = volunteer(
        organisation,
        vog_date=TODAY - relativedelta(months=36) + datetime.timedelta(days=20),
        roles_wanted=["thuisadministratie-vrijwilliger"],
    )
    record(user, "privacy-avg", expires_on=in_days(400))
    record(user, "stress-sensitief-werken", expires_on=in_days(20))
    record(user, "financiele-basiskennis", expires_on=in_days(-10))
    useful = training(organisation, "gespreksvoering", title="Goed in gesprek")
    other = training(organisation, "privacy-avg", title="Privacy opfrissen")
    MeetingFactory(group=other, starts_at=timezone.now() + datetime.timedelta(days=2))
    renews = training(organisation, "financiele-basiskennis", title="Geld en schulden")
    training(OrganisationFactory(), "gespreksvoering", title="Training van een ander")
    training(organisation, title="Gesloten training", enrolment_closes=in_days(-1))
    GroupPageFactory(organisation=organisation, title="Budgetcursus voor iedereen")
    client.force_login(user)

    section = section_of(client)

    assert f"Valid until {long_date(in_days(400))}" in section
    assert "Expires in 20 days" in section
    assert f"Expired on {long_date(in_days(-10))}" in section
    # The VOG expires in about 20 days (months are not all equally long).
    assert re.search(r"Certificate of conduct \(VOG\).*?Expires in \d+ days", section, re.S)
    assert "Thuisadministratie-vrijwilliger" in section
    assert "Gespreksvoering is missing" in section
    assert f"Financiële basiskennis expired on {in_days(-10):%d-%m-%Y}" in section
    # Trainings for what is missing or expiring come first, then the rest.
    positions = [section.index(group.title) for group in (useful, renews, other)]
    assert max(positions[:2]) < positions[2]
    assert "Gespreksvoering (you do not have this yet)" in section
    assert "Financiële basiskennis (expired)" in section
    assert section.count("Recommended for you") == 2
    assert section.count(">Sign up</button>") == 3
    for hidden in ("Training van een ander", "Gesloten training", "Budgetcursus voor iedereen"):
        assert hidden not in section


def test_a_trainer_without_a_profile_sees_an_empty_section(client):
    organisation = OrganisationFactory()
    trainer = UserFactory(preferred_language="en")
    MembershipFactory(user=trainer, organisation=organisation, role=Role.TRAINER)
    client.force_login(trainer)

    section = section_of(client)

    assert "No competencies have been recorded for you yet." in section
    assert "We have no VOG of yours yet" in section
    assert "What your roles need" not in section
    assert "There are no trainings you can sign up for at the moment." in section


def test_a_role_with_everything_in_order_says_so(client):
    organisation = OrganisationFactory()
    user = volunteer(organisation, vog_date=in_days(-30), roles_wanted=["nazorgvrijwilliger"])
    for competency in VolunteerRole.objects.get(slug="nazorgvrijwilliger").competencies.all():
        record(user, competency, expires_on=in_days(500))
    client.force_login(user)

    section = section_of(client)

    assert "You have everything this role needs." in section
    assert "Still needed" not in section


@pytest.mark.parametrize("role", [None, Role.EDITOR])
def test_participants_and_editors_do_not_see_the_section(client, role):
    user = UserFactory(preferred_language="en")
    if role:
        MembershipFactory(user=user, role=role)
    training(OrganisationFactory(), "gespreksvoering", title="Goed in gesprek")
    client.force_login(user)

    assert client.get(MY).status_code == 200
    assert section_of(client) is None


def test_sign_up_for_a_training_from_the_section(client, post, mailoutbox):
    organisation = OrganisationFactory()
    user = volunteer(organisation)
    group = training(organisation, "gespreksvoering", title="Goed in gesprek")
    client.force_login(user)

    response = post(reverse("volunteers:training_enrol", args=[group.pk]))

    assert response.status_code == 302
    assert response.url == MY
    enrolment = Enrolment.objects.get(group=group, person=user)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert [message.to for message in mailoutbox] == [[user.email]]
    page = client.get(MY).content.decode()
    assert "You are signed up for Goed in gesprek." in page
    section = section_of(client)
    assert ">Sign up</button>" not in section
    assert reverse("groups:enrolment", args=[enrolment.pk]) in section


def test_a_full_training_puts_you_on_the_waiting_list(client, post):
    organisation = OrganisationFactory()
    user = volunteer(organisation)
    group = training(organisation, capacity=1, title="Goed in gesprek")
    EnrolmentFactory(group=group)
    client.force_login(user)
    assert "Put me on the waiting list" in section_of(client)

    post(reverse("volunteers:training_enrol", args=[group.pk]))

    assert Enrolment.objects.get(group=group, person=user).status == EnrolmentStatus.WAITING
    page = client.get(MY).content.decode()
    assert "Goed in gesprek is full at the moment. You are on the waiting list." in page
    assert "On the waiting list" in section_of(client)


def test_a_refusal_is_shown_as_a_message(client, post):
    organisation = OrganisationFactory()
    user = volunteer(organisation)
    group = training(organisation, title="Goed in gesprek")
    client.force_login(user)
    post(reverse("volunteers:training_enrol", args=[group.pk]))
    client.get(MY)  # shows and clears the first message

    response = post(reverse("volunteers:training_enrol", args=[group.pk]), follow=True)

    assert "You are already signed up for this group." in response.content.decode()
    assert Enrolment.objects.filter(group=group, person=user).count() == 1


def test_a_participant_cannot_sign_up_for_a_training(client, post):
    group = training(OrganisationFactory(), title="Goed in gesprek")
    participant = UserFactory(preferred_language="en")
    client.force_login(participant)

    response = post(reverse("volunteers:training_enrol", args=[group.pk]), follow=True)

    assert "This training is for volunteers only." in response.content.decode()
    assert not Enrolment.objects.filter(group=group).exists()


def test_a_volunteer_cannot_sign_up_for_another_organisations_training(client, post):
    user = volunteer(OrganisationFactory())
    elsewhere = training(OrganisationFactory(name="Stichting Elders"), title="Goed in gesprek")
    client.force_login(user)

    response = post(reverse("volunteers:training_enrol", args=[elsewhere.pk]), follow=True)

    assert "This training is for the volunteers of Stichting Elders." in response.content.decode()
    assert not Enrolment.objects.filter(group=elsewhere).exists()
    assert "Goed in gesprek" not in client.get(group_index().url).content.decode()


def test_a_training_open_to_other_organisations_takes_their_volunteers(client, post):
    user = volunteer(OrganisationFactory())
    open_one = training(OrganisationFactory(), title="Open training")
    open_one.open_to_other_organisations = True
    open_one.save()
    client.force_login(user)

    assert "Open training" in client.get(group_index().url).content.decode()
    post(reverse("volunteers:training_enrol", args=[open_one.pk]))
    assert Enrolment.objects.get(group=open_one, person=user).status == EnrolmentStatus.ENROLLED


def test_the_button_only_signs_up_for_live_trainings_by_post(client, post):
    organisation = OrganisationFactory()
    user = volunteer(organisation)
    course = GroupPageFactory(organisation=organisation)
    group = training(organisation, title="Goed in gesprek")
    client.force_login(user)

    assert post(reverse("volunteers:training_enrol", args=[course.pk])).status_code == 404
    assert client.get(reverse("volunteers:training_enrol", args=[group.pk])).status_code == 405
    client.logout()
    response = post(reverse("volunteers:training_enrol", args=[group.pk]))
    assert response.status_code == 302
    assert "/account/" in response.url
    assert not Enrolment.objects.exists()


def _own_page_with(count):
    organisation = OrganisationFactory()
    user = volunteer(organisation, vog_date=in_days(-100), roles_wanted=["nazorgvrijwilliger"])
    for index in range(count):
        competency = Competency.objects.create(
            name=f"Bekwaamheid {count}-{index}", slug=f"bekwaamheid-{count}-{index}"
        )
        record(user, competency, expires_on=in_days(index * 10 - 15))
        group = training(organisation, competency, title=f"Training {count}-{index}")
        MeetingFactory(group=group)
        if index % 3 == 0:
            EnrolmentFactory(group=group, person=user)
    return user


# The most queries Mijn Waakvlam needs today; more would be a regression.
# One more since invitations: the person's open invitations (one query).
# One more since announced absences: the meetings the person cannot come to.
# One more since aftercare: the plans the volunteer is the steady contact of.
# One more since "Mijn nazorg": the person's own aftercare plans.
MOST_QUERIES = 33


def test_the_page_needs_the_same_number_of_queries_for_3_or_30_records(client, assert_page_queries):
    client.force_login(_own_page_with(3))
    assert_page_queries(MY, MOST_QUERIES)
    assert section_of(client).count("Training 3-") == 3

    client.force_login(_own_page_with(30))
    assert_page_queries(MY, MOST_QUERIES)
    assert section_of(client).count("Training 30-") == 30
