"""Two people with the same first name ("Fatima", "Fatima de Vries") are
told apart on the attendance page: the last digits of the phone number, and
the day of sign-up where those do not differ. Other names stay as they are."""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from groups.attendance.selectors import meeting_rows
from tests.factories import UserFactory
from tests.groups.attendance.test_attendance import meeting_on, page_url, trainer_of
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return trainer_of()


@pytest.fixture
def group(trainer):
    return GroupPageFactory(organisation=trainer.memberships.get().organisation, trainers=[trainer])


@pytest.fixture
def meeting(group):
    return meeting_on(group, 0)


def enrol(group, name, phone="", days_ago=0):
    return EnrolmentFactory(
        group=group,
        person=UserFactory(full_name=name, phone=phone),
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
    ).person


def legend(html, person):
    match = re.search(rf'id="person-{person.pk}".*?<legend[^>]*>(.*?)</legend>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_same_first_names_show_the_last_digits_of_the_phone(client, trainer, group, meeting):
    fatima = enrol(group, "Fatima", phone="06 12 34 56 78")
    namesake = enrol(group, "Fatima de Vries", phone="06-98765432")
    other = enrol(group, "Karel Appel", phone="0612345600")
    client.force_login(trainer)
    html = client.get(page_url(meeting)).content.decode()
    assert legend(html, fatima) == "Fatima (phone ends in 678)"
    assert legend(html, namesake) == "Fatima de Vries (phone ends in 432)"
    assert legend(html, other) == "Karel Appel"


def test_without_telling_digits_the_day_of_sign_up_tells_them_apart(group, meeting):
    first = enrol(group, "Fatima", days_ago=30)
    second = enrol(group, "fatima Bakker", phone="0611111678", days_ago=2)
    third = enrol(group, "Fatima El Amrani", phone="0622222678", days_ago=1)
    with translation.override("nl"):
        hints = {row.person.pk: row.hint for row in meeting_rows(meeting)}
        day = date_format(timezone.localdate() - datetime.timedelta(days=30), "j F Y")
    assert hints[first.pk] == f"aangemeld op {day}"
    # The same last digits: the date is added.
    assert hints[second.pk].startswith("tel. eindigt op 678, aangemeld op ")
    assert hints[third.pk].startswith("tel. eindigt op 678, aangemeld op ")
    assert hints[second.pk] != hints[third.pk]
