"""The certificate page and the "Uw certificaten" section of Mijn Waakvlam."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from courses.models import Completion, Lesson
from people.models import Role
from people.privacy import personal_data
from tests.courses.factories import course_with_trainer, participant
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import GroupPageFactory

pytestmark = pytest.mark.django_db


def make_completion(group, person, **kwargs):
    values = {
        "attended": 5,
        "meetings": 6,
        "first_date": datetime.date(2026, 9, 1),
        "last_date": datetime.date(2026, 10, 6),
        **kwargs,
    }
    return Completion.objects.create(group=group, person=person, **values)


@pytest.fixture
def world():
    group, trainer = course_with_trainer(title="Budgetcursus Oost")
    organisation = group.organisation
    owner = participant(group, full_name="Anna de Vries")
    classmate = participant(group, full_name="Bert Bakker")
    completion = make_completion(group, owner)
    classmate_completion = make_completion(group, classmate)
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    other_coordinator = MembershipFactory(role=Role.COORDINATOR).user
    # A trainer of the same organisation, but of another group.
    other_trainer = MembershipFactory(organisation=organisation, role=Role.TRAINER).user
    GroupPageFactory(organisation=organisation, trainers=[other_trainer])
    return locals()


def certificate_url(completion):
    return reverse("courses:certificate", args=[completion.certificate_code])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("trainer", 200),
        ("coordinator", 200),
        ("classmate", 404),
        ("other_coordinator", 404),
        ("other_trainer", 404),
    ],
)
def test_who_sees_a_certificate(client, world, who, status):
    client.force_login(world[who])
    response = client.get(certificate_url(world["completion"]))
    assert response.status_code == status
    if status == 200:
        assert "Anna de Vries" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    url = certificate_url(world["completion"])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_a_guessed_or_unknown_code_is_not_found(client, world):
    client.force_login(world["owner"])
    assert client.get(certificate_url(world["classmate_completion"])).status_code == 404
    missing = reverse("courses:certificate", args=["bestaat-niet"])
    assert client.get(missing).status_code == 404


def test_the_certificate_shows_what_was_completed(client, world):
    client.force_login(world["owner"])
    html = client.get(certificate_url(world["completion"])).content.decode()
    assert "Anna de Vries" in html
    assert "Budgetcursus Oost" in html
    assert world["organisation"].name in html
    assert "1 september 2026" in html and "6 oktober 2026" in html
    with translation.override("nl"):
        attended = ngettext(
            "%(attended)s of %(counter)s meeting", "%(attended)s of %(counter)s meetings", 6
        ) % {"attended": 5, "counter": 6}
    assert attended in html
    assert world["trainer"].full_name in html  # above the line they sign
    assert "Bert Bakker" not in html
    # Print styles and the print button's script, no inline script (CSP).
    assert "css/certificate.css" in html
    assert "courses/print.js" in html
    assert "onclick" not in html


# The most queries the certificate needs today; more would be a regression.
CERTIFICATE_QUERIES = 12


def test_the_certificate_page_has_a_fixed_number_of_queries(client, world, assert_page_queries):
    group = world["group"]
    url = certificate_url(world["completion"])
    client.force_login(world["trainer"])
    assert_page_queries(url, CERTIFICATE_QUERIES)
    for number in range(1, 6):
        trainer = MembershipFactory(organisation=world["organisation"], role=Role.TRAINER).user
        group.trainers.add(trainer)
        Lesson.objects.create(group=group, number=number, title=f"Les {number}")
        make_completion(group, participant(group))
    group.save()
    assert_page_queries(url, CERTIFICATE_QUERIES)


def test_my_waakvlam_lists_only_my_own_certificates(client, world):
    client.force_login(world["owner"])
    html = client.get(reverse("people:my")).content.decode()
    assert 'id="certificates-heading"' in html
    assert certificate_url(world["completion"]) in html
    assert certificate_url(world["classmate_completion"]) not in html


def test_without_certificates_the_section_is_hidden(client):
    client.force_login(UserFactory())
    html = client.get(reverse("people:my")).content.decode()
    assert 'id="certificates-heading"' not in html


def test_the_data_download_includes_certificates(world):
    data = personal_data(world["owner"])
    assert data["certificates"] == [
        {
            "course": "Budgetcursus Oost",
            "organisation": world["organisation"].name,
            "from": "2026-09-01",
            "until": "2026-10-06",
            "meetings_attended": 5,
            "meetings_held": 6,
            "completed_at": world["completion"].completed_at.isoformat(),
        }
    ]
