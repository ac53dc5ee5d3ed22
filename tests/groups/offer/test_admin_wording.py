"""The meetings listing as a coordinator reads it: coming meetings first,
statuses in calm sentence case, and the two kinds of "cancelled" in their own
Dutch words."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from groups.models import AttendanceStatus, EnrolmentStatus, MeetingStatus
from tests.groups.factories import GroupPageFactory, MeetingFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def meeting(group, year, month, day, topic):
    starts = datetime.datetime(year, month, day, 19, tzinfo=AMSTERDAM)
    return MeetingFactory(
        group=group, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), topic=topic
    )


@pytest.fixture
def world(organisations):
    group = GroupPageFactory(organisation=organisations["own"], title="Budgetcursus Oost")
    for year, month, topic in [
        (2020, 3, "Lang geleden"),
        (2099, 5, "Later"),
        (2021, 6, "Vorig jaar"),
        (2099, 1, "Eerstvolgende"),
    ]:
        meeting(group, year, month, 1, topic)
    return organisations


def test_meetings_are_listed_coming_first_then_the_latest_past_ones(coordinator_client):
    html = coordinator_client.get(reverse("meetings:index")).content.decode()
    topics = re.findall(r"Eerstvolgende|Later|Vorig jaar|Lang geleden", html)
    assert topics == ["Eerstvolgende", "Later", "Vorig jaar", "Lang geleden"]


def test_sorting_a_column_still_sorts_by_that_column(coordinator_client):
    html = coordinator_client.get(reverse("meetings:index"), {"ordering": "starts_at"})
    topics = re.findall(r"Eerstvolgende|Later|Vorig jaar|Lang geleden", html.content.decode())
    assert topics == ["Lang geleden", "Vorig jaar", "Eerstvolgende", "Later"]


def test_status_tags_are_in_sentence_case_not_capitals(coordinator_client):
    html = coordinator_client.get(reverse("meetings:index")).content.decode()
    assert re.search(r'class="w-status w-status--primary waakvlam-status"[^>]*>\s*Gepland', html)
    assert "css/admin.css" in html  # where the capitals of w-status are undone


def test_a_cancelled_sign_up_is_afgemeld_and_a_cancelled_meeting_afgelast():
    with translation.override("nl"):
        assert str(EnrolmentStatus.CANCELLED.label) == "afgemeld"
        assert str(MeetingStatus.CANCELLED.label) == "afgelast"
        # Excused is not "afgemeld": that word is for leaving a group.
        assert str(AttendanceStatus.EXCUSED.label) == "met bericht afwezig"
