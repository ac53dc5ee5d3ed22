"""An organisation's aftercare settings: its coordinators set which
competency a steady contact needs; other organisations' settings are out
of reach."""

import pytest
from django.urls import reverse

from aftercare.models import AftercareSettings
from aftercare.selectors import eligible_contacts
from tests.volunteers.factories import competency

pytestmark = pytest.mark.django_db


def test_a_coordinator_changes_the_competency_of_their_own_organisation(client, world):
    settings = AftercareSettings.objects.get(organisation=world["own"])
    client.force_login(world["coordinator"])
    listing = client.get(reverse("aftercare_settings:index")).content.decode()
    assert world["own"].name in listing and world["other"].name not in listing
    other = competency("gespreksvoering")
    response = client.post(
        reverse("aftercare_settings:edit", args=[settings.pk]), {"competency": other.pk}
    )
    assert response.status_code == 302
    settings.refresh_from_db()
    assert settings.competency == other
    assert world["contact"] not in eligible_contacts(world["own"])


def test_no_competency_lets_every_volunteer_be_a_contact(client, world):
    settings = AftercareSettings.objects.get(organisation=world["own"])
    client.force_login(world["coordinator"])
    client.post(reverse("aftercare_settings:edit", args=[settings.pk]), {"competency": ""})
    settings.refresh_from_db()
    assert settings.competency is None


def test_another_organisations_settings_are_a_404(client, world):
    settings = AftercareSettings.objects.get(organisation=world["other"])
    client.force_login(world["coordinator"])
    url = reverse("aftercare_settings:edit", args=[settings.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"competency": ""}).status_code == 404
    settings.refresh_from_db()
    assert settings.competency is not None


def test_settings_can_be_added_only_for_own_organisations(client, world):
    AftercareSettings.objects.filter(organisation=world["own"]).delete()
    AftercareSettings.objects.filter(organisation=world["other"]).delete()
    client.force_login(world["coordinator"])
    response = client.post(
        reverse("aftercare_settings:add"), {"organisation": world["other"].pk, "competency": ""}
    )
    assert response.status_code == 200
    assert not AftercareSettings.objects.exists()
    response = client.post(
        reverse("aftercare_settings:add"), {"organisation": world["own"].pk, "competency": ""}
    )
    assert response.status_code == 302
    assert AftercareSettings.objects.get().organisation == world["own"]
