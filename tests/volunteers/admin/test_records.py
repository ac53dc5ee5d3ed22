"""Recording a competency with its evidence, and looking at a record.
Another organisation's record is a 404; bad input gets a clear Dutch
message and keeps what was typed."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.helpers import nl
from tests.volunteers.factories import PDF
from volunteers.models import Competency, CompetencyRecord, RecordSource

from .conftest import days_ago

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def url(name, *args):
    return reverse(name, args=args)


def test_another_organisations_record_and_certificate_are_a_404(coordinator_client, world):
    own, other = world["anna_record"], world["kees_record"]
    assert coordinator_client.get(url("competency_records:inspect", own.pk)).status_code == 200
    assert coordinator_client.get(url("competency_records:inspect", other.pk)).status_code == 404
    assert coordinator_client.get(url("volunteers_admin:evidence", own.pk)).status_code == 200
    assert coordinator_client.get(url("volunteers_admin:evidence", other.pk)).status_code == 404
    html = coordinator_client.get(url("competency_records:index")).content.decode()
    assert "Anna de Vries" in html and "Kees Elders" not in html


# ------------------------------------------------------- recording a competency


def record_data(world, **overrides):
    return {
        "volunteer": world["anna"].user.pk,
        "competency": Competency.objects.get(slug="gespreksvoering").pk,
        "achieved_on": days_ago(10).isoformat(),
        "expires_on": "",
        "source": RecordSource.CERTIFICATE,
        "evidence": SimpleUploadedFile("certificaat.pdf", PDF, content_type="application/pdf"),
        "note": "Cursus bij het ROC, met goed gevolg",
        **overrides,
    }


def test_a_certificate_is_recorded_with_its_evidence(coordinator_client, world):
    data = record_data(world, competency=Competency.objects.get(slug="privacy-avg").pk)
    response = coordinator_client.post(url("competency_records:add"), data)
    assert response.status_code == 302
    assert response.url == url("volunteer_profiles:inspect", world["anna"].pk)
    new = CompetencyRecord.objects.filter(volunteer=world["anna"].user).latest("pk")
    assert new.source == RecordSource.CERTIFICATE
    assert new.recorded_by == world["coordinator"]
    assert new.note == "Cursus bij het ROC, met goed gevolg"
    # Without an expiry date, the competency's 24 months decide.
    assert new.expires_on == Competency.objects.get(slug="privacy-avg").expiry_for(days_ago(10))
    assert new.evidence.read() == PDF
    # The old record stays: a renewal is a new record.
    assert CompetencyRecord.objects.filter(volunteer=world["anna"].user).count() == 2


def test_an_observation_needs_no_file(coordinator_client, world):
    data = record_data(world, source=RecordSource.OBSERVATION, evidence="")
    response = coordinator_client.post(url("competency_records:add"), data)
    assert response.status_code == 302
    new = CompetencyRecord.objects.get(competency__slug="gespreksvoering")
    assert new.source == RecordSource.OBSERVATION and not new.evidence
    assert new.expires_on is None  # gespreksvoering stays valid


def test_the_volunteer_is_filled_in_from_their_page(coordinator_client, world):
    html = coordinator_client.get(
        url("competency_records:add") + f"?volunteer={world['anna'].user.pk}"
    ).content.decode()
    assert f'<option value="{world["anna"].user.pk}" selected>' in html
    assert "Kees Elders" not in html


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {"expires_on": "days:-20"},
            "expires_on",
            "A competency cannot expire before it was achieved.",
        ),
        ({"achieved_on": "days:+3"}, "achieved_on", "This date is in the future."),
        (
            {"evidence": SimpleUploadedFile("certificaat.pdf", b"Dit is gewoon tekst.\n" * 20)},
            "evidence",
            "Upload a PDF file or a photo (JPG or PNG).",
        ),
        ({"evidence": ""}, "evidence", "Add the certificate: a PDF file or a photo of it."),
    ],
    ids=["expiry-before-achievement", "future", "text-renamed-pdf", "certificate-without-file"],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(
    coordinator_client, world, overrides, field, message
):
    for key, value in list(overrides.items()):
        if isinstance(value, str) and value.startswith("days:"):
            overrides[key] = (TODAY + datetime.timedelta(days=int(value[5:]))).isoformat()
    before = CompetencyRecord.objects.count()
    response = coordinator_client.post(
        url("competency_records:add"), record_data(world, **overrides)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert nl(message) in form.errors[field]
    html = response.content.decode()
    assert "Cursus bij het ROC, met goed gevolg" in html  # the note stays
    assert f'<option value="{world["anna"].user.pk}" selected>' in html
    assert CompetencyRecord.objects.count() == before


def test_a_file_that_is_too_large_is_refused(coordinator_client, world, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (1024 * 1024))
    response = coordinator_client.post(
        url("competency_records:add"), record_data(world, evidence=big)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["evidence"] == [
        nl("The file is too large. The maximum is %(mb)s MB.") % {"mb": 1}
    ]
    assert not CompetencyRecord.objects.filter(competency__slug="gespreksvoering").exists()


def test_after_another_error_the_file_must_be_chosen_again_and_the_form_says_so(
    coordinator_client, world
):
    data = record_data(world, achieved_on=(TODAY + datetime.timedelta(days=5)).isoformat())
    response = coordinator_client.post(url("competency_records:add"), data)
    assert response.context["form"].errors["evidence"] == [
        nl("The form has an error elsewhere. Please choose the file again.")
    ]


def test_a_volunteer_of_another_organisation_cannot_be_chosen(coordinator_client, world):
    data = record_data(world, volunteer=world["kees"].user.pk)
    response = coordinator_client.post(url("competency_records:add"), data)
    assert response.status_code == 200
    assert "volunteer" in response.context["form"].errors
    assert not CompetencyRecord.objects.filter(competency__slug="gespreksvoering").exists()


def test_a_completed_training_is_not_a_source_a_coordinator_can_choose(coordinator_client, world):
    data = record_data(world, source=RecordSource.TRAINING)
    response = coordinator_client.post(url("competency_records:add"), data)
    assert "source" in response.context["form"].errors
