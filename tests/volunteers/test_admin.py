"""The coordinator's volunteer admin: profiles, recording competencies with
evidence, the evidence download and the volunteer's page with trainings to
enrol them in. Another organisation's volunteer, record or certificate is a
404."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from groups.models import Enrolment, EnrolmentStatus, GroupKind
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import GroupPageFactory, MeetingFactory
from volunteers import services
from volunteers.models import (
    Competency,
    CompetencyRecord,
    RecordSource,
    TrainingCompetency,
    VolunteerProfile,
    VolunteerRole,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
    b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def nl(message):
    """What the (Dutch) admin shows, before and after translations merge."""
    with translation.override("nl"):
        return gettext(message)


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def volunteer_in(organisation, name, **profile):
    user = MembershipFactory(
        organisation=organisation, role=Role.VOLUNTEER, user__full_name=name
    ).user
    profile.setdefault("status", "active")
    return VolunteerProfile.objects.create(user=user, organisation=organisation, **profile)


def record(profile, slug, *, achieved_on=None, evidence=None, by=None, **kwargs):
    return services.competency_record(
        volunteer=profile.user,
        competency=Competency.objects.get(slug=slug),
        achieved_on=achieved_on or days_ago(30),
        source=RecordSource.CERTIFICATE if evidence else RecordSource.OBSERVATION,
        evidence=evidence,
        by=by,
        **kwargs,
    )


@pytest.fixture
def world():
    own, other = OrganisationFactory(name="Schuldhulpmaatje Oost"), OrganisationFactory()
    coordinator = MembershipFactory(
        organisation=own, role=Role.COORDINATOR, user__full_name="Cora Coördinator"
    ).user
    anna = volunteer_in(
        own, "Anna de Vries", vog_date=days_ago(100), notes="Alleen op dinsdag beschikbaar"
    )
    kees = volunteer_in(other, "Kees Elders", vog_date=days_ago(100))
    anna_record = record(
        anna, "privacy-avg", evidence=SimpleUploadedFile("bewijs.pdf", PDF), by=coordinator
    )
    kees_record = record(kees, "privacy-avg", evidence=SimpleUploadedFile("geheim.pdf", PDF))
    return locals()


@pytest.fixture
def admin_client(client, world):
    client.force_login(world["coordinator"])
    return client


def url(name, *args):
    return reverse(name, args=args)


# ------------------------------------------------------------------ scoping


def test_a_coordinator_sees_only_their_own_volunteers(admin_client, world):
    html = admin_client.get(url("volunteer_profiles:index")).content.decode()
    assert "Anna de Vries" in html
    assert "Kees Elders" not in html


def test_another_organisations_volunteer_is_a_404(admin_client, world):
    anna, kees = world["anna"], world["kees"]
    for name in ("volunteer_profiles:inspect", "volunteer_profiles:edit"):
        assert admin_client.get(url(name, anna.pk)).status_code == 200
        assert admin_client.get(url(name, kees.pk)).status_code == 404
    response = admin_client.post(url("volunteer_profiles:edit", kees.pk), {"status": "left"})
    assert response.status_code == 404
    kees.refresh_from_db()
    assert kees.status == "active"


def test_another_organisations_record_and_certificate_are_a_404(admin_client, world):
    own, other = world["anna_record"], world["kees_record"]
    assert admin_client.get(url("competency_records:inspect", own.pk)).status_code == 200
    assert admin_client.get(url("competency_records:inspect", other.pk)).status_code == 404
    assert admin_client.get(url("volunteers_admin:evidence", own.pk)).status_code == 200
    assert admin_client.get(url("volunteers_admin:evidence", other.pk)).status_code == 404
    html = admin_client.get(url("competency_records:index")).content.decode()
    assert "Anna de Vries" in html and "Kees Elders" not in html


def test_records_cannot_be_changed_or_deleted(admin_client, world):
    for name in ("edit", "delete", "history"):
        with pytest.raises(NoReverseMatch):
            url(f"competency_records:{name}", world["anna_record"].pk)
    with pytest.raises(NoReverseMatch):
        url("volunteer_profiles:delete", world["anna"].pk)


def test_people_without_the_coordinator_role_get_no_volunteer_admin(client, world):
    trainer = MembershipFactory(organisation=world["own"], role=Role.TRAINER).user
    client.force_login(trainer)
    for address in (
        url("volunteer_profiles:index"),
        url("qualification:index"),
        url("competency_records:add"),
    ):
        assert client.get(address).status_code in (302, 403)
    response = client.get(url("volunteers_admin:evidence", world["anna_record"].pk))
    assert response.status_code in (302, 403, 404)
    assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))


# --------------------------------------------------------------- evidence


def test_the_certificate_is_streamed_inline_with_its_real_type(admin_client, world):
    response = admin_client.get(url("volunteers_admin:evidence", world["anna_record"].pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_the_type_comes_from_the_content_not_the_name(admin_client, world):
    png = record(world["anna"], "gespreksvoering", evidence=SimpleUploadedFile("foto.pdf", PNG))
    response = admin_client.get(url("volunteers_admin:evidence", png.pk))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG


def test_a_record_without_a_certificate_has_nothing_to_download(admin_client, world):
    observed = record(world["anna"], "gespreksvoering")
    assert admin_client.get(url("volunteers_admin:evidence", observed.pk)).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    response = client.get(url("volunteers_admin:evidence", world["anna_record"].pk))
    assert response.status_code == 302
    assert "login" in response.url


def test_a_superuser_may_open_any_certificate(client, world):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(url("volunteers_admin:evidence", world["kees_record"].pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


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


def test_a_certificate_is_recorded_with_its_evidence(admin_client, world):
    data = record_data(world, competency=Competency.objects.get(slug="privacy-avg").pk)
    response = admin_client.post(url("competency_records:add"), data)
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


def test_an_observation_needs_no_file(admin_client, world):
    data = record_data(world, source=RecordSource.OBSERVATION, evidence="")
    response = admin_client.post(url("competency_records:add"), data)
    assert response.status_code == 302
    new = CompetencyRecord.objects.get(competency__slug="gespreksvoering")
    assert new.source == RecordSource.OBSERVATION and not new.evidence
    assert new.expires_on is None  # gespreksvoering stays valid


def test_the_volunteer_is_filled_in_from_their_page(admin_client, world):
    html = admin_client.get(
        url("competency_records:add") + f"?volunteer={world['anna'].user.pk}"
    ).content.decode()
    assert f'<option value="{world["anna"].user.pk}" selected>' in html
    assert "Kees Elders" not in html


TOO_LONG_AGO = "2000-01-01"


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
    admin_client, world, overrides, field, message
):
    for key, value in list(overrides.items()):
        if isinstance(value, str) and value.startswith("days:"):
            overrides[key] = (TODAY + datetime.timedelta(days=int(value[5:]))).isoformat()
    before = CompetencyRecord.objects.count()
    response = admin_client.post(url("competency_records:add"), record_data(world, **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert nl(message) in form.errors[field]
    html = response.content.decode()
    assert "Cursus bij het ROC, met goed gevolg" in html  # the note stays
    assert f'<option value="{world["anna"].user.pk}" selected>' in html
    assert CompetencyRecord.objects.count() == before


def test_a_file_that_is_too_large_is_refused(admin_client, world, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (1024 * 1024))
    response = admin_client.post(url("competency_records:add"), record_data(world, evidence=big))
    assert response.status_code == 200
    assert response.context["form"].errors["evidence"] == [
        nl("The file is too large. The maximum is %(mb)s MB.") % {"mb": 1}
    ]
    assert not CompetencyRecord.objects.filter(competency__slug="gespreksvoering").exists()


def test_after_another_error_the_file_must_be_chosen_again_and_the_form_says_so(
    admin_client, world
):
    data = record_data(world, achieved_on=(TODAY + datetime.timedelta(days=5)).isoformat())
    response = admin_client.post(url("competency_records:add"), data)
    assert response.context["form"].errors["evidence"] == [
        nl("The form has an error elsewhere. Please choose the file again.")
    ]


def test_a_volunteer_of_another_organisation_cannot_be_chosen(admin_client, world):
    data = record_data(world, volunteer=world["kees"].user.pk)
    response = admin_client.post(url("competency_records:add"), data)
    assert response.status_code == 200
    assert "volunteer" in response.context["form"].errors
    assert not CompetencyRecord.objects.filter(competency__slug="gespreksvoering").exists()


def test_a_completed_training_is_not_a_source_a_coordinator_can_choose(admin_client, world):
    data = record_data(world, source=RecordSource.TRAINING)
    response = admin_client.post(url("competency_records:add"), data)
    assert "source" in response.context["form"].errors


# ------------------------------------------------------------------ profiles


def profile_data(user, organisation, **overrides):
    return {
        "user": user.pk,
        "organisation": organisation.pk,
        "status": "applying",
        "start_date": "",
        "roles_wanted": [VolunteerRole.objects.get(slug="nazorgvrijwilliger").pk],
        "vog_date": "",
        "notes": "Komt via de kerk",
        **overrides,
    }


def test_a_profile_is_added_for_a_volunteer_of_the_organisation(admin_client, world):
    bert = MembershipFactory(
        organisation=world["own"], role=Role.VOLUNTEER, user__full_name="Bert Jansen"
    ).user
    html = admin_client.get(url("volunteer_profiles:add")).content.decode()
    assert f"Bert Jansen ({bert.email})" in html
    assert "Kees Elders" not in html
    response = admin_client.post(url("volunteer_profiles:add"), profile_data(bert, world["own"]))
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user=bert)
    assert profile.organisation == world["own"] and profile.notes == "Komt via de kerk"
    assert [role.slug for role in profile.roles_wanted.all()] == ["nazorgvrijwilliger"]


def test_a_profile_cannot_be_added_in_another_organisation(admin_client, world):
    bert = MembershipFactory(organisation=world["own"], role=Role.VOLUNTEER).user
    response = admin_client.post(url("volunteer_profiles:add"), profile_data(bert, world["other"]))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not VolunteerProfile.objects.filter(user=bert).exists()


def test_a_second_profile_in_the_same_organisation_gets_a_clear_message(admin_client, world):
    anna = world["anna"]
    response = admin_client.post(
        url("volunteer_profiles:add"), profile_data(anna.user, world["own"])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["user"] == [
        nl("%(name)s already has a volunteer profile in %(organisation)s.")
        % {"name": anna.user, "organisation": world["own"]}
    ]


def test_the_notes_are_shown_to_the_coordinator(admin_client, world):
    html = admin_client.get(url("volunteer_profiles:inspect", world["anna"].pk)).content.decode()
    assert "Alleen op dinsdag beschikbaar" in html


# ------------------------------------------------------------------ framework


def test_a_coordinator_adds_a_competency_and_its_slug_is_made_for_them(admin_client):
    response = admin_client.post(
        url("competencies:add"),
        {"name": "Omgaan met agressie", "category": "Vaardigheden", "description": ""},
    )
    assert response.status_code == 302
    assert Competency.objects.get(name="Omgaan met agressie").slug == "omgaan-met-agressie"


def test_a_coordinator_changes_what_a_role_requires_and_its_slug_stays(admin_client):
    role = VolunteerRole.objects.get(slug="spaarkringbegeleider")
    wanted = Competency.objects.filter(slug__in=["gespreksvoering", "privacy-avg"])
    response = admin_client.post(
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


def test_trainings_of_another_organisation_cannot_award_competencies(admin_client, world):
    own = GroupPageFactory(organisation=world["own"], kind=GroupKind.TRAINING, title="Basis Oost")
    other = GroupPageFactory(
        organisation=world["other"], kind=GroupKind.TRAINING, title="Basis Elders"
    )
    course = GroupPageFactory(organisation=world["own"], title="Budgetcursus Oost")
    html = admin_client.get(url("training_competencies:add")).content.decode()
    assert "Basis Oost" in html
    assert "Basis Elders" not in html and "Budgetcursus Oost" not in html
    competency = Competency.objects.get(slug="gespreksvoering")
    for training in (other, course):
        response = admin_client.post(
            url("training_competencies:add"),
            {"training": training.pk, "competency": competency.pk},
        )
        assert response.status_code == 200
    response = admin_client.post(
        url("training_competencies:add"), {"training": own.pk, "competency": competency.pk}
    )
    assert response.status_code == 302
    assert list(TrainingCompetency.objects.values_list("training_id", flat=True)) == [own.pk]


# ------------------------------------------------- the volunteer's page


@pytest.fixture
def training(world):
    group = GroupPageFactory(
        organisation=world["own"], kind=GroupKind.TRAINING, title="Gesprekken voeren"
    )
    MeetingFactory(group=group)
    TrainingCompetency.objects.create(
        training=group, competency=Competency.objects.get(slug="gespreksvoering")
    )
    world["anna"].roles_wanted.add(VolunteerRole.objects.get(slug="nazorgvrijwilliger"))
    return group


def test_the_page_shows_records_gaps_and_trainings_that_help(admin_client, world, training):
    closed = GroupPageFactory(
        organisation=world["own"],
        kind=GroupKind.TRAINING,
        title="Gesloten training",
        enrolment_closes=days_ago(1),
    )
    TrainingCompetency.objects.create(
        training=closed, competency=Competency.objects.get(slug="gespreksvoering")
    )
    elsewhere = GroupPageFactory(
        organisation=world["other"], kind=GroupKind.TRAINING, title="Training elders"
    )
    TrainingCompetency.objects.create(
        training=elsewhere, competency=Competency.objects.get(slug="gespreksvoering")
    )
    response = admin_client.get(url("volunteer_profiles:inspect", world["anna"].pk))
    html = response.content.decode()
    assert "Privacy en AVG" in html and "Cora Coördinator" in html
    assert url("volunteers_admin:evidence", world["anna_record"].pk) in html
    with translation.override("nl"):
        assert gettext("%(competency)s is missing") % {"competency": "Gespreksvoering"} in html
    assert "Gesprekken voeren" in html
    assert "Gesloten training" not in html and "Training elders" not in html
    assert nl("Enrol in this training") in html


def test_the_button_enrols_the_volunteer_in_the_training(admin_client, world, training):
    response = admin_client.post(
        url("volunteer_profiles:enrol", world["anna"].pk), {"training": training.pk}
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(group=training, person=world["anna"].user)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert enrolment.enrolled_by == world["coordinator"]
    html = admin_client.get(response.url).content.decode()
    assert nl("Signed up.") in html


def test_a_refusal_by_the_service_is_shown(admin_client, world, training):
    url_ = url("volunteer_profiles:enrol", world["anna"].pk)
    admin_client.post(url_, {"training": training.pk})
    response = admin_client.post(url_, {"training": training.pk}, follow=True)
    with translation.override("nl"):
        expected = gettext("You are already signed up for this group.")
    assert expected in [str(message).strip() for message in response.context["messages"]]
    assert Enrolment.objects.filter(group=training, person=world["anna"].user).count() == 1


def test_no_enrolment_in_another_organisations_training(admin_client, world, training):
    elsewhere = GroupPageFactory(organisation=world["other"], kind=GroupKind.TRAINING)
    for training_id in (elsewhere.pk, "x"):
        response = admin_client.post(
            url("volunteer_profiles:enrol", world["anna"].pk), {"training": training_id}
        )
        assert response.status_code == 404
    response = admin_client.post(
        url("volunteer_profiles:enrol", world["kees"].pk), {"training": training.pk}
    )
    assert response.status_code == 404
    assert not Enrolment.objects.exists()


# --------------------------------------------------------- the group page


def count_queries(client, address):
    client.get(address)  # warm caches (site root, menu)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


def test_a_training_page_lists_its_competencies_in_a_fixed_number_of_queries(client, world):
    training = GroupPageFactory(organisation=world["own"], kind=GroupKind.TRAINING)
    competencies = list(Competency.objects.all())
    TrainingCompetency.objects.create(training=training, competency=competencies[0])
    client.force_login(world["anna"].user)  # trainings are shown to volunteers
    few = count_queries(client, training.url)
    for competency in competencies[1:]:
        TrainingCompetency.objects.create(training=training, competency=competency)
    html = client.get(training.url).content.decode()
    assert nl("Competencies") in html
    assert all(competency.name in html for competency in competencies)
    assert count_queries(client, training.url) == few
