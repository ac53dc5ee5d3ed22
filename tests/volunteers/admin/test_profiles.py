"""Volunteer profiles in the admin: the listing, adding one, and the
volunteer's page with trainings to enrol them in. Another organisation's
volunteer is a 404."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from groups.models import Enrolment, EnrolmentStatus
from people.models import Role
from tests.factories import MembershipFactory
from tests.groups.factories import MeetingFactory
from tests.helpers import nl
from tests.volunteers.factories import TrainingFactory
from volunteers.models import VolunteerProfile, VolunteerRole

from .conftest import days_ago

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(name, args=args)


# ------------------------------------------------------------------ scoping


def test_a_coordinator_sees_only_their_own_volunteers(coordinator_client, world):
    html = coordinator_client.get(url("volunteer_profiles:index")).content.decode()
    assert "Anna de Vries" in html
    assert "Kees Elders" not in html


def test_another_organisations_volunteer_is_a_404(coordinator_client, world):
    anna, kees = world["anna"], world["kees"]
    for name in ("volunteer_profiles:inspect", "volunteer_profiles:edit"):
        assert coordinator_client.get(url(name, anna.pk)).status_code == 200
        assert coordinator_client.get(url(name, kees.pk)).status_code == 404
    response = coordinator_client.post(url("volunteer_profiles:edit", kees.pk), {"status": "left"})
    assert response.status_code == 404
    kees.refresh_from_db()
    assert kees.status == "active"


# ------------------------------------------------------------------ profiles


def profile_data(user, organisation, **overrides):
    return {
        "user": user.pk,
        "organisation": organisation.pk,
        "status": "applying",
        "start_date": "",
        "roles_wanted": [VolunteerRole.objects.get(slug="nazorgvrijwilliger").pk],
        "vog_requested_on": "",
        "vog_received_on": "",
        "vog_valid_until": "",
        "notes": "Komt via de kerk",
        **overrides,
    }


def test_a_profile_is_added_for_a_volunteer_of_the_organisation(coordinator_client, world):
    bert = MembershipFactory(
        organisation=world["own"], role=Role.VOLUNTEER, user__full_name="Bert Jansen"
    ).user
    html = coordinator_client.get(url("volunteer_profiles:add")).content.decode()
    assert f"Bert Jansen ({bert.email})" in html
    assert "Kees Elders" not in html
    response = coordinator_client.post(
        url("volunteer_profiles:add"), profile_data(bert, world["own"])
    )
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user=bert)
    assert profile.organisation == world["own"] and profile.notes == "Komt via de kerk"
    assert [role.slug for role in profile.roles_wanted.all()] == ["nazorgvrijwilliger"]


def test_a_profile_cannot_be_added_in_another_organisation(coordinator_client, world):
    bert = MembershipFactory(organisation=world["own"], role=Role.VOLUNTEER).user
    response = coordinator_client.post(
        url("volunteer_profiles:add"), profile_data(bert, world["other"])
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not VolunteerProfile.objects.filter(user=bert).exists()


def test_a_second_profile_in_the_same_organisation_gets_a_clear_message(coordinator_client, world):
    anna = world["anna"]
    response = coordinator_client.post(
        url("volunteer_profiles:add"), profile_data(anna.user, world["own"])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["user"] == [
        nl("%(name)s already has a volunteer profile in %(organisation)s.")
        % {"name": anna.user, "organisation": world["own"]}
    ]


def test_the_notes_are_shown_to_the_coordinator(coordinator_client, world):
    html = coordinator_client.get(
        url("volunteer_profiles:inspect", world["anna"].pk)
    ).content.decode()
    assert "Alleen op dinsdag beschikbaar" in html


# ------------------------------------------------- the volunteer's page


@pytest.fixture
def training(world):
    group = TrainingFactory(
        organisation=world["own"], title="Gesprekken voeren", awards=["gespreksvoering"]
    )
    MeetingFactory(group=group)
    world["anna"].roles_wanted.add(VolunteerRole.objects.get(slug="nazorgvrijwilliger"))
    return group


def test_the_page_shows_records_gaps_and_trainings_that_help(coordinator_client, world, training):
    TrainingFactory(
        organisation=world["own"],
        title="Gesloten training",
        enrolment_closes=days_ago(1),
        awards=["gespreksvoering"],
    )
    TrainingFactory(
        organisation=world["other"], title="Training elders", awards=["gespreksvoering"]
    )
    response = coordinator_client.get(url("volunteer_profiles:inspect", world["anna"].pk))
    html = response.content.decode()
    assert "Privacy en AVG" in html and "Cora Coördinator" in html
    assert url("volunteers_admin:evidence", world["anna_record"].pk) in html
    with translation.override("nl"):
        assert gettext("%(competency)s is missing") % {"competency": "Gespreksvoering"} in html
    assert "Gesprekken voeren" in html
    assert "Gesloten training" not in html and "Training elders" not in html
    assert nl("Enrol in this training") in html


def test_the_button_enrols_the_volunteer_in_the_training(coordinator_client, world, training):
    response = coordinator_client.post(
        url("volunteer_profiles:enrol", world["anna"].pk), {"training": training.pk}
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(group=training, person=world["anna"].user)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert enrolment.enrolled_by == world["coordinator"]
    html = coordinator_client.get(response.url).content.decode()
    assert nl("Signed up.") in html


def test_a_refusal_by_the_service_is_shown(coordinator_client, world, training):
    url_ = url("volunteer_profiles:enrol", world["anna"].pk)
    coordinator_client.post(url_, {"training": training.pk})
    response = coordinator_client.post(url_, {"training": training.pk}, follow=True)
    with translation.override("nl"):
        expected = gettext("You are already signed up for this group.")
    assert expected in [str(message).strip() for message in response.context["messages"]]
    assert Enrolment.objects.filter(group=training, person=world["anna"].user).count() == 1


def test_no_enrolment_in_another_organisations_training(coordinator_client, world, training):
    elsewhere = TrainingFactory(organisation=world["other"])
    for training_id in (elsewhere.pk, "x"):
        response = coordinator_client.post(
            url("volunteer_profiles:enrol", world["anna"].pk), {"training": training_id}
        )
        assert response.status_code == 404
    response = coordinator_client.post(
        url("volunteer_profiles:enrol", world["kees"].pk), {"training": training.pk}
    )
    assert response.status_code == 404
    assert not Enrolment.objects.exists()
