"""The certificate download: inline, with the type its content has, only
for the volunteer's coordinators and superusers."""

import pytest
from django.urls import reverse

from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.volunteers.factories import PDF, PNG, CompetencyRecordFactory, certificate

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(name, args=args)


def test_the_certificate_is_streamed_inline_with_its_real_type(coordinator_client, world):
    response = coordinator_client.get(url("volunteers_admin:evidence", world["anna_record"].pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_the_type_comes_from_the_content_not_the_name(coordinator_client, world):
    png = CompetencyRecordFactory(
        volunteer=world["anna"].user, evidence=certificate("foto.pdf", PNG)
    )
    response = coordinator_client.get(url("volunteers_admin:evidence", png.pk))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG


def test_a_record_without_a_certificate_has_nothing_to_download(coordinator_client, world):
    observed = CompetencyRecordFactory(volunteer=world["anna"].user)
    assert coordinator_client.get(url("volunteers_admin:evidence", observed.pk)).status_code == 404


def test_the_path_stays_under_the_admin(world):
    record = world["anna_record"]
    assert url("volunteers_admin:evidence", record.pk) == f"/admin/volunteers/evidence/{record.pk}/"


def test_people_without_the_coordinator_role_get_no_certificate(client, world):
    trainer = MembershipFactory(organisation=world["own"], role=Role.TRAINER).user
    client.force_login(trainer)
    response = client.get(url("volunteers_admin:evidence", world["anna_record"].pk))
    assert response.status_code in (302, 403, 404)
    assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    response = client.get(url("volunteers_admin:evidence", world["anna_record"].pk))
    assert response.status_code == 302
    assert "login" in response.url


def test_a_superuser_may_open_any_certificate(client, world):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(url("volunteers_admin:evidence", world["kees_record"].pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
