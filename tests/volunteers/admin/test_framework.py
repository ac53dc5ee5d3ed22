"""The competency framework in the admin: competencies, volunteer roles and
which trainings award what."""

import pytest
from django.urls import reverse

from tests.groups.factories import GroupPageFactory
from tests.volunteers.factories import TrainingFactory
from volunteers.models import Competency, TrainingCompetency, VolunteerRole

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(name, args=args)


def test_a_coordinator_adds_a_competency_and_its_slug_is_made_for_them(coordinator_client):
    response = coordinator_client.post(
        url("competencies:add"),
        {"name": "Omgaan met agressie", "category": "Vaardigheden", "description": ""},
    )
    assert response.status_code == 302
    assert Competency.objects.get(name="Omgaan met agressie").slug == "omgaan-met-agressie"


def test_a_coordinator_changes_what_a_role_requires_and_its_slug_stays(coordinator_client):
    role = VolunteerRole.objects.get(slug="spaarkringbegeleider")
    wanted = Competency.objects.filter(slug__in=["gespreksvoering", "privacy-avg"])
    response = coordinator_client.post(
        url("volunteer_roles:edit", role.pk),
        {
            "name": "Begeleider spaarkring",
            "description": role.description,
            "competencies": [competency.pk for competency in wanted],
            "requires_vog": "on",
        },
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.name == "Begeleider spaarkring"
    assert role.slug == "spaarkringbegeleider"  # the trainer checks find it by this
    assert set(role.competencies.all()) == set(wanted)


def test_trainings_of_another_organisation_cannot_award_competencies(coordinator_client, world):
    own = TrainingFactory(organisation=world["own"], title="Basis Oost")
    other = TrainingFactory(organisation=world["other"], title="Basis Elders")
    course = GroupPageFactory(organisation=world["own"], title="Budgetcursus Oost")
    html = coordinator_client.get(url("training_competencies:add")).content.decode()
    assert "Basis Oost" in html
    assert "Basis Elders" not in html and "Budgetcursus Oost" not in html
    competency = Competency.objects.get(slug="gespreksvoering")
    for training in (other, course):
        response = coordinator_client.post(
            url("training_competencies:add"),
            {"training": training.pk, "competency": competency.pk},
        )
        assert response.status_code == 200
    response = coordinator_client.post(
        url("training_competencies:add"), {"training": own.pk, "competency": competency.pk}
    )
    assert response.status_code == 302
    assert list(TrainingCompetency.objects.values_list("training_id", flat=True)) == [own.pk]
