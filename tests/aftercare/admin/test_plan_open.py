"""Opening a plan in the admin: with someone known to the organisation or
someone without e-mail, the steady contact and the person's choices; the
moments appear at once; without consent the choices are refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from aftercare.models import AftercarePlan, ConsentWay, Rhythm
from people.audit.models import AuditEntry
from people.audit.services import VIEW
from people.models import Role, User
from tests.factories import MembershipFactory, UserFactory
from tests.helpers import nl

from ..factories import steady_contact

pytestmark = pytest.mark.django_db

OPEN = reverse("aftercare_plans:add")


def form_data(world, **overrides):
    ended = timezone.localdate() - datetime.timedelta(days=10)
    data = {
        "organisation": world["own"].pk,
        "person": "",
        "new_name": "Dirk Zonder Mail",
        "new_phone": "06 1234 5678",
        "contact": world["contact"].pk,
        "debt_ended_on": ended.isoformat(),
        "phase": "stabilisation",
        "preferred_way": "whatsapp",
        "rhythm": Rhythm.TWO_MONTHLY,
        "interval_weeks": "",
        "wants_to_prevent": "Weer achter raken met de huur",
        "watch_out_for": "Post laten liggen",
        "consent_on": timezone.localdate().isoformat(),
        "consent_way": ConsentWay.SPOKEN,
    }
    return {**data, **overrides}


def test_a_plan_for_someone_without_email_opens_with_choices_and_moments(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(OPEN, form_data(world))
    plan = AftercarePlan.objects.get(person__full_name="Dirk Zonder Mail")
    assert response.status_code == 302
    assert response["Location"] == reverse("aftercare_plans:inspect", args=[plan.pk])
    assert not plan.person.has_email and plan.person.phone == "06 1234 5678"
    assert plan.contact == world["contact"] and plan.opened_by == world["coordinator"]
    assert plan.preferred_way == "whatsapp" and plan.watch_out_for == "Post laten liggen"
    assert plan.consent_way == ConsentWay.SPOKEN
    assert plan.moments.open().count() == 6

    page = client.get(response["Location"])
    html = page.content.decode()
    assert nl("The aftercare plan of %(name)s is open.", name="Dirk Zonder Mail") in html
    first = plan.moments.open().first().due_on
    assert first.strftime("%Y") in html and "Post laten liggen" in html


def test_a_plan_for_someone_known_to_the_organisation(client, world):
    known = MembershipFactory(organisation=world["own"], role=Role.VOLUNTEER).user
    client.force_login(world["coordinator"])
    response = client.post(OPEN, form_data(world, person=known.pk, new_name="", new_phone=""))
    assert response.status_code == 302
    assert AftercarePlan.objects.get(person=known).organisation == world["own"]


def test_without_consent_the_choices_are_refused_and_the_input_kept(client, world):
    client.force_login(world["coordinator"])
    response = client.post(OPEN, form_data(world, consent_on="", consent_way=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert nl("Ask for consent first: without it these choices are not kept.") in html
    assert "Weer achter raken met de huur" in html and "Dirk Zonder Mail" in html
    assert not AftercarePlan.objects.filter(person__full_name="Dirk Zonder Mail").exists()
    assert not User.objects.filter(full_name="Dirk Zonder Mail").exists()


def test_without_consent_a_plan_with_only_a_rhythm_opens(client, world):
    client.force_login(world["coordinator"])
    data = form_data(
        world,
        consent_on="",
        consent_way="",
        preferred_way="",
        wants_to_prevent="",
        watch_out_for="",
    )
    assert client.post(OPEN, data).status_code == 302
    plan = AftercarePlan.objects.get(person__full_name="Dirk Zonder Mail")
    assert not plan.has_consent and plan.rhythm == Rhythm.TWO_MONTHLY


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {"new_name": "", "new_phone": ""},
            "person",
            "Choose a person, or type the name of someone new.",
        ),
        ({"new_phone": ""}, "new_phone", "Fill in a phone number, so the contact can call."),
        ({"rhythm": Rhythm.CUSTOM}, "interval_weeks", "Say every how many weeks."),
        ({"consent_way": ""}, "consent_way", "Say how the consent was given."),
        ({"debt_ended_on": "2999-01-01"}, "debt_ended_on", "This date is in the future."),
        ({"debt_ended_on": "gisteren"}, "debt_ended_on", None),
    ],
)
def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(
    client, world, overrides, field, message
):
    client.force_login(world["coordinator"])
    response = client.post(OPEN, form_data(world, **overrides))
    assert response.status_code == 200
    html = response.content.decode()
    if message:
        assert nl(message) in html
    assert "Weer achter raken met de huur" in html
    assert nl("The plan was not saved. Please check the form.") in html
    assert (
        not AftercarePlan.objects.filter(organisation=world["own"])
        .exclude(pk=world["anna"].pk)
        .exists()
    )


def test_a_contact_without_the_competency_cannot_be_chosen(client, world):
    untrained = MembershipFactory(organisation=world["own"], role=Role.VOLUNTEER).user
    client.force_login(world["coordinator"])
    response = client.post(OPEN, form_data(world, contact=untrained.pk))
    assert response.status_code == 200
    assert not AftercarePlan.objects.filter(person__full_name="Dirk Zonder Mail").exists()


def test_another_organisations_people_and_contacts_cannot_be_chosen(client, world):
    elsewhere = steady_contact(world["other"])
    client.force_login(world["coordinator"])
    for overrides in (
        {"contact": elsewhere.pk},
        {"organisation": world["other"].pk},
        {"person": world["hidden"].person.pk, "new_name": "", "new_phone": ""},
    ):
        response = client.post(OPEN, form_data(world, **overrides))
        assert response.status_code == 200
    assert AftercarePlan.objects.filter(organisation=world["other"]).count() == 1


def test_a_second_running_plan_for_the_same_person_is_refused(client, world):
    client.force_login(world["coordinator"])
    anna = world["anna"].person
    MembershipFactory(organisation=world["own"], role=Role.VOLUNTEER, user=anna)
    response = client.post(OPEN, form_data(world, person=anna.pk, new_name="", new_phone=""))
    assert response.status_code == 200
    assert nl("This person already has a running plan here.") in response.content.decode()


def test_opening_the_plans_page_leaves_an_audit_entry_about_the_person(client, world):
    client.force_login(world["coordinator"])
    anna = world["anna"]
    response = client.get(reverse("aftercare_plans:inspect", args=[anna.pk]))
    assert response.status_code == 200
    assert "Geen nieuwe schulden" in response.content.decode()
    entry = AuditEntry.objects.get(user=world["coordinator"], action=VIEW, object_id=str(anna.pk))
    assert entry.subject == anna.person
    assert entry.content_type.model == "aftercareplan"


def test_the_open_form_for_someone_with_one_organisation_fills_it_in(client, world):
    client.force_login(world["coordinator"])
    response = client.get(OPEN)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["organisation"].value() == world["own"].pk
    assert list(form.fields["contact"].queryset) == [world["contact"]]
    assert world["hidden"].person not in form.fields["person"].queryset


def test_a_superuser_opens_plans_for_any_organisation(client, world):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(OPEN, form_data(world))
    assert response.status_code == 302
