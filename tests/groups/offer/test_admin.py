"""Coordinators manage meetings and the waiting list in the Wagtail admin;
every change goes through groups.services."""

import datetime
import re
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from groups.models import Enrolment, EnrolmentStatus, Meeting, MeetingStatus
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory
from tests.helpers import nl

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def world(organisations):
    own, other, coordinator = organisations.values()
    group = GroupPageFactory(organisation=own, title="Budgetcursus Oost", capacity=1)
    other_group = GroupPageFactory(organisation=other, title="Spaarkring Elders")
    meeting = MeetingFactory(
        group=group, starts_at=local(2099, 3, 3, 19), ends_at=local(2099, 3, 3, 21)
    )
    other_meeting = MeetingFactory(
        group=other_group, starts_at=local(2099, 3, 4, 10), ends_at=local(2099, 3, 4, 12)
    )
    return locals()


def url(name, *args):
    return reverse(name, args=args)


# ------------------------------------------------------------------ scoping


def test_a_coordinator_sees_only_the_meetings_of_their_own_organisation(coordinator_client, world):
    response = coordinator_client.get(url("meetings:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Budgetcursus Oost" in html
    assert "Spaarkring Elders" not in html
    assert url("meetings:series") in html  # the "Add a series" button

    other = world["other_meeting"].pk
    for name in ("meetings:edit", "meetings:inspect", "meetings:history", "meetings:cancel"):
        assert coordinator_client.get(url(name, other)).status_code == 404, name
    assert coordinator_client.post(url("meetings:cancel", other)).status_code == 404
    world["other_meeting"].refresh_from_db()
    assert world["other_meeting"].status == MeetingStatus.PLANNED


def test_the_group_filter_and_choices_offer_only_own_groups(coordinator_client, world):
    html = coordinator_client.get(url("meetings:add")).content.decode()
    assert "Budgetcursus Oost" in html and "Spaarkring Elders" not in html
    html = coordinator_client.get(url("meetings:series")).content.decode()
    assert "Budgetcursus Oost" in html and "Spaarkring Elders" not in html
    html = coordinator_client.get(url("enrolments:index")).content.decode()
    assert "Spaarkring Elders" not in html

    response = coordinator_client.post(
        url("meetings:add"),
        {
            "group": world["other_group"].pk,
            "starts_at": "2099-05-05 19:00",
            "ends_at": "2099-05-05 21:00",
        },
    )
    assert response.status_code == 200
    assert not Meeting.objects.filter(group=world["other_group"]).exclude(
        pk=world["other_meeting"].pk
    )


@pytest.mark.parametrize("role", [None, Role.VOLUNTEER, Role.TRAINER, Role.EDITOR])
def test_participants_volunteers_trainers_and_editors_get_no_meeting_admin(client, world, role):
    user = UserFactory()
    if role:
        MembershipFactory(user=user, organisation=world["group"].organisation, role=role)
    client.force_login(user)
    for address in (
        url("meetings:index"),
        url("meetings:edit", world["meeting"].pk),
        url("meetings:series"),
        url("enrolments:index"),
    ):
        response = client.get(address)
        assert response.status_code in (302, 403), address
        assert "Budgetcursus Oost" not in response.content.decode()


# ----------------------------------------------------------- single meeting


def test_adding_a_meeting_goes_through_the_service(coordinator_client, world):
    response = coordinator_client.post(
        url("meetings:add"),
        {
            "group": world["group"].pk,
            "starts_at": "2099-05-05 19:00",
            "ends_at": "2099-05-05 21:00",
            "topic": "Toeslagen",
            "location": "",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(topic="Toeslagen")
    assert meeting.starts_at == local(2099, 5, 5, 19)
    assert meeting.sequence == 0


def test_a_meeting_that_ends_before_it_starts_is_refused_with_the_input_kept(
    coordinator_client, world
):
    response = coordinator_client.post(
        url("meetings:add"),
        {
            "group": world["group"].pk,
            "starts_at": "2099-05-05 19:00",
            "ends_at": "2099-05-05 18:00",
            "topic": "Toeslagen",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert nl("A meeting must end after it starts.") in html
    assert 'value="Toeslagen"' in html
    assert not Meeting.objects.filter(topic="Toeslagen").exists()


def test_moving_a_meeting_raises_its_sequence_and_tells_the_participants(
    coordinator_client, post, world
):
    meeting = world["meeting"]
    person = EnrolmentFactory(group=world["group"]).person
    response = post(
        url("meetings:edit", meeting.pk),
        {"starts_at": "2099-03-03 20:00", "ends_at": "2099-03-03 22:00", "location": ""},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == local(2099, 3, 3, 20)
    assert meeting.sequence == 1
    assert [message.to for message in mail.outbox] == [[person.email]]


def test_saving_a_meeting_unchanged_keeps_its_sequence(coordinator_client, post, world):
    meeting = world["meeting"]
    post(
        url("meetings:edit", meeting.pk),
        {"starts_at": "2099-03-03 19:00", "ends_at": "2099-03-03 21:00", "location": ""},
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    assert mail.outbox == []


def test_cancel_asks_first_then_cancels_and_tells_the_participants(coordinator_client, post, world):
    meeting = world["meeting"]
    person = EnrolmentFactory(group=world["group"]).person

    response = coordinator_client.get(url("meetings:cancel", meeting.pk))
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED

    response = post(url("meetings:cancel", meeting.pk))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.sequence == 1
    assert [message.to for message in mail.outbox] == [[person.email]]

    # A cancelled meeting can no longer be moved; its details stay readable.
    response = coordinator_client.get(url("meetings:edit", meeting.pk))
    assert response.status_code == 302
    assert response.url == url("meetings:inspect", meeting.pk)
    assert coordinator_client.get(response.url).status_code == 200


def test_no_one_can_delete_a_meeting_in_the_admin(client, world):
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    html = client.get(url("meetings:edit", world["meeting"].pk)).content.decode()
    assert "/delete/" not in html
    html = client.get(url("meetings:index")).content.decode()
    assert "/delete/" not in html
    assert client.get(f"/admin/meetings/delete/{world['meeting'].pk}/").status_code == 404
    assert Meeting.objects.filter(pk=world["meeting"].pk).exists()


# ------------------------------------------------------------------ series


def series_data(world, **changes):
    data = {
        "group": world["group"].pk,
        "first_date": "2099-03-03",
        "start_time": "19:00",
        "end_time": "21:00",
        "frequency": "weekly",
        "count": "4",
        "until": "",
        "skip": "",
        "topic": "Budgetcursus",
    }
    data.update(changes)
    return data


def confirmed(client, address, data, **kwargs):
    """Post the series form, then again as the coordinator does after
    seeing the dates it shows (the plan's fingerprint is a hidden field)."""
    preview = client.post(address, data).content.decode()
    (plan,) = re.findall(r'name="plan" value="([^"]*)"', preview)
    return client.post(address, {**data, "plan": unescape(plan)}, **kwargs)


def new_meetings(world):
    return list(
        Meeting.objects.filter(group=world["group"])
        .exclude(pk=world["meeting"].pk)
        .order_by("starts_at")
    )


def test_a_weekly_series_skips_the_given_dates(coordinator_client, world):
    response = confirmed(
        coordinator_client,
        url("meetings:series"),
        series_data(world, skip="17-03-2099\n"),
        follow=True,
    )
    meetings = new_meetings(world)
    assert [meeting.starts_at for meeting in meetings] == [
        local(2099, 3, 3, 19),
        local(2099, 3, 10, 19),
        local(2099, 3, 24, 19),
        local(2099, 3, 31, 19),  # four meetings take place; the skipped one is not counted
    ]
    assert all(meeting.ends_at.astimezone(AMSTERDAM).hour == 21 for meeting in meetings)
    assert all(meeting.topic == "Budgetcursus" for meeting in meetings)
    with translation.override("nl"):
        expected = ngettext(
            "%(count)s meeting added to %(group)s.",
            "%(count)s meetings added to %(group)s.",
            4,
        ) % {"count": 4, "group": "Budgetcursus Oost"}
    assert expected in response.content.decode()
    assert response.redirect_chain[-1][0].startswith(url("meetings:index"))


def test_a_monthly_series_keeps_the_weekday_across_summer_time(coordinator_client, world):
    confirmed(
        coordinator_client,
        url("meetings:series"),
        series_data(world, frequency="monthly", count="", until="2099-05-31"),
    )
    # The first Tuesday of March, April and May; summer time starts in between.
    assert [meeting.starts_at for meeting in new_meetings(world)] == [
        local(2099, 3, 3, 19),
        local(2099, 4, 7, 19),
        local(2099, 5, 5, 19),
    ]


def test_a_biweekly_series_until_an_end_date(coordinator_client, world):
    confirmed(
        coordinator_client,
        url("meetings:series"),
        series_data(world, frequency="biweekly", count="", until="2099-03-31", skip=""),
    )
    assert [meeting.starts_at.date() for meeting in new_meetings(world)] == [
        datetime.date(2099, 3, 3),
        datetime.date(2099, 3, 17),
        datetime.date(2099, 3, 31),
    ]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"end_time": "18:00"}, "A meeting must end after it starts."),
        ({"count": "", "until": ""}, "Give a number of meetings or an end date."),
        ({"count": "", "until": "2099-02-01"}, "The series cannot end before it starts."),
        (
            {"skip": "24-12-2099\nna de zomer"},
            "These are not dates: %(entries)s. Write one date per line, like 24-12-2026.",
        ),
        ({"first_date": "31-02-2099"}, None),
    ],
)
def test_a_series_with_bad_input_is_refused_with_everything_kept(
    coordinator_client, world, changes, message
):
    data = series_data(world, **changes)
    response = coordinator_client.post(url("meetings:series"), data)
    html = response.content.decode()
    assert response.status_code == 200
    if message:
        assert nl(message, entries="na de zomer") in html
    assert new_meetings(world) == []
    # What was typed is still there.
    assert 'value="Budgetcursus"' in html
    for field in ("first_date", "start_time", "end_time", "until", "count"):
        if data[field]:
            assert f'value="{data[field]}"' in html, field
    if data["skip"]:
        assert data["skip"] in html


# -------------------------------------------------------- waiting list


def test_giving_a_place_is_refused_while_the_group_is_full(coordinator_client, post, world):
    group = world["group"]  # one place
    EnrolmentFactory(group=group)
    waiting = EnrolmentFactory(group=group, status=EnrolmentStatus.WAITING)

    assert coordinator_client.get(url("enrolments:promote", waiting.pk)).status_code == 200
    response = post(url("enrolments:promote", waiting.pk))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.WAITING
    html = coordinator_client.get(response.url).content.decode()
    assert nl("The group is full. Make a place free first, or add places.") in html
    assert mail.outbox == []


def test_giving_a_place_works_when_one_is_free(coordinator_client, post, world):
    group = world["group"]
    group.capacity = 2
    group.save()
    EnrolmentFactory(group=group)
    waiting = EnrolmentFactory(group=group, status=EnrolmentStatus.WAITING)

    response = post(url("enrolments:promote", waiting.pk))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.ENROLLED
    assert waiting.enrolled_by == world["coordinator"]
    assert [message.to for message in mail.outbox] == [[waiting.person.email]]


def test_cancelling_a_sign_up_offers_the_place_to_the_first_one_waiting(
    coordinator_client, post, world
):
    group = world["group"]
    enrolled = EnrolmentFactory(group=group)
    waiting = EnrolmentFactory(group=group, status=EnrolmentStatus.WAITING)

    assert coordinator_client.get(url("enrolments:cancel", enrolled.pk)).status_code == 200
    response = post(url("enrolments:cancel", enrolled.pk))
    assert response.status_code == 302
    enrolled.refresh_from_db()
    waiting.refresh_from_db()
    assert enrolled.status == EnrolmentStatus.CANCELLED
    assert waiting.status == EnrolmentStatus.OFFERED
    # The person signed out hears it; the first one waiting gets the offer.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [enrolled.person.email, waiting.person.email]
    )


def test_the_waiting_list_shows_only_own_sign_ups_and_has_no_raw_editing(coordinator_client, world):
    own = EnrolmentFactory(group=world["group"], status=EnrolmentStatus.WAITING)
    other = EnrolmentFactory(group=world["other_group"])

    html = coordinator_client.get(url("enrolments:index")).content.decode()
    assert str(own.person) in html
    assert str(other.person) not in html
    assert url("enrolments:promote", own.pk) in html
    assert coordinator_client.get(url("enrolments:inspect", own.pk)).status_code == 200
    for name in ("enrolments:inspect", "enrolments:promote", "enrolments:cancel"):
        assert coordinator_client.get(url(name, other.pk)).status_code == 404, name
    assert coordinator_client.post(url("enrolments:cancel", other.pk)).status_code == 404
    other.refresh_from_db()
    assert other.status == EnrolmentStatus.ENROLLED
    for path in ("new/", f"edit/{own.pk}/", f"delete/{own.pk}/"):
        assert coordinator_client.get(f"/admin/enrolments/{path}").status_code == 404
    assert Enrolment.objects.filter(pk=own.pk).exists()


# ------------------------------------------------------------ group pages


def refused(page):
    return nl(
        "“%(title)s” cannot be deleted: it has meetings or sign-ups that must be "
        "kept. Unpublish the page instead; then nobody can find it or sign up.",
        title=page.title,
    )


def test_a_group_page_with_meetings_cannot_be_deleted(client, world):
    client.force_login(UserFactory(is_superuser=True))
    group = world["group"]
    delete_url = reverse("wagtailadmin_pages:delete", args=[group.pk])

    for response in (client.get(delete_url), client.post(delete_url)):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_pages:edit", args=[group.pk])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[group.pk])).content.decode()
    assert refused(group) in html
    assert Meeting.objects.filter(group=group).exists()
    assert type(group).objects.filter(pk=group.pk).exists()

    # The offer page above it is refused too, and so is a bulk delete.
    index = group.get_parent()
    response = client.post(reverse("wagtailadmin_pages:delete", args=[index.pk]))
    assert response.status_code == 302
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    response = client.post(f"{bulk}?id={group.pk}", follow=True)
    assert refused(group) in response.content.decode()
    assert type(group).objects.filter(pk=group.pk).exists()


def test_a_group_page_with_only_sign_ups_cannot_be_deleted_either(client):
    client.force_login(UserFactory(is_superuser=True))
    group = GroupPageFactory()
    EnrolmentFactory(group=group, status=EnrolmentStatus.CANCELLED)
    client.post(reverse("wagtailadmin_pages:delete", args=[group.pk]))
    assert type(group).objects.filter(pk=group.pk).exists()


def test_an_empty_group_page_can_still_be_deleted(client):
    client.force_login(UserFactory(is_superuser=True))
    group = GroupPageFactory()
    response = client.post(reverse("wagtailadmin_pages:delete", args=[group.pk]))
    assert response.status_code == 302
    assert not type(group).objects.filter(pk=group.pk).exists()
