"""Coordinators manage closures and pauses in the Wagtail admin, for their
own organisations only; series and extensions show skipped dates with the
closure's name before they are saved."""

import datetime
import re
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from groups.models import Closure, GroupPause, Meeting, MeetingStatus
from groups.offer.closures import services as closure_services
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory

from .factories import ClosureFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = datetime.date


@pytest.fixture
def world(organisations):
    own, other, coordinator = organisations.values()
    group = GroupPageFactory(organisation=own, title="Budgetcursus Oost")
    other_group = GroupPageFactory(organisation=other, title="Spaarkring Elders")
    own_closure = ClosureFactory(organisation=own, name="Voorjaarsvakantie Oost")
    other_closure = ClosureFactory(organisation=other, name="Geheime Sluiting West")
    return locals()


def url(name, *args):
    return reverse(name, args=args)


def confirmed(client, address, data, **kwargs):
    preview = client.post(address, data)
    (plan,) = re.findall(r'name="plan" value="([^"]*)"', preview.content.decode())
    return preview, client.post(address, {**data, "plan": unescape(plan)}, **kwargs)


# ------------------------------------------------------------------ scoping


def test_a_coordinator_never_sees_or_edits_another_organisations_closures(
    coordinator_client, world
):
    html = coordinator_client.get(url("closures:index")).content.decode()
    assert "Voorjaarsvakantie Oost" in html
    assert "Geheime Sluiting West" not in html
    other = world["other_closure"]
    for name in (
        "closures:edit",
        "closures:delete",
        "closures:cancel_meetings",
        "closures:history",
    ):
        assert coordinator_client.get(url(name, other.pk)).status_code == 404, name
    response = coordinator_client.post(
        url("closures:edit", other.pk),
        {
            "organisation": world["own"].pk,
            "name": "Overgenomen",
            "first_day": "2026-12-19",
            "last_day": "2027-01-03",
            "kind": "other",
        },
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name == "Geheime Sluiting West"
    # Nor can a closure be put in another organisation.
    response = coordinator_client.post(
        url("closures:add"),
        {
            "organisation": world["other"].pk,
            "name": "Ingebroken",
            "first_day": "2026-10-10",
            "last_day": "2026-10-11",
            "kind": "other",
        },
    )
    assert response.status_code == 200
    assert not Closure.objects.filter(name="Ingebroken").exists()
    html = coordinator_client.get(url("closures:add")).content.decode()
    assert world["other"].name not in html


@pytest.mark.parametrize("role", [None, Role.VOLUNTEER, Role.TRAINER, Role.EDITOR])
def test_others_get_no_closure_or_pause_admin(client, world, role):
    user = UserFactory()
    if role:
        MembershipFactory(user=user, organisation=world["own"], role=role)
    client.force_login(user)
    for address in (
        url("closures:index"),
        url("closures:holidays"),
        url("group_pauses:index"),
        url("group_pauses:add"),
        url("meetings:extend"),
    ):
        response = client.get(address)
        assert response.status_code in (302, 403), address


def test_a_closure_ending_before_it_starts_is_refused_with_what_was_typed_kept(
    coordinator_client, world
):
    response = coordinator_client.post(
        url("closures:add"),
        {
            "organisation": world["own"].pk,
            "name": "Zomervakantie",
            "first_day": "2027-08-20",
            "last_day": "2027-07-10",
            "kind": "school_holiday",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "De laatste dag kan niet vóór de eerste dag liggen." in html
    assert 'value="Zomervakantie"' in html
    assert not Closure.objects.filter(name="Zomervakantie").exists()


# ---------------------------------------------------------------- holidays


def test_the_holidays_action_adds_a_year_once(coordinator_client, world):
    data = {"organisation": world["own"].pk, "year": "2027"}
    response = coordinator_client.post(url("closures:holidays"), data, follow=True)
    assert "11 feestdagen van 2027 toegevoegd." in response.content.decode()
    response = coordinator_client.post(url("closures:holidays"), data, follow=True)
    assert "De feestdagen van 2027 stonden er al." in response.content.decode()
    assert Closure.objects.filter(organisation=world["own"], kind="public_holiday").count() == 11
    # Another organisation is not for this coordinator to fill.
    response = coordinator_client.post(
        url("closures:holidays"), {"organisation": world["other"].pk, "year": "2027"}
    )
    assert response.status_code == 200
    assert not Closure.objects.filter(organisation=world["other"], kind="public_holiday").exists()


@pytest.mark.parametrize("year", ["", "twintig", "1500", "99999999999999999999"])
def test_a_wrong_year_is_a_dutch_message_not_an_error(coordinator_client, world, year):
    response = coordinator_client.post(
        url("closures:holidays"), {"organisation": world["own"].pk, "year": year}
    )
    assert response.status_code == 200
    assert not Closure.objects.filter(kind="public_holiday").exists()


# --------------------------------------------- a closure over planned meetings


def test_a_new_closure_over_planned_meetings_shows_them_and_cancels_them_at_once(
    coordinator_client, post, world
):
    group = world["group"]
    person = EnrolmentFactory(group=group).person
    day = timezone.localdate() + datetime.timedelta(days=14)
    start = datetime.datetime.combine(day, datetime.time(19), tzinfo=AMSTERDAM)
    meetings = [
        MeetingFactory(group=group, starts_at=start + datetime.timedelta(days=n)) for n in (0, 1)
    ]
    other_meeting = MeetingFactory(group=world["other_group"], starts_at=start)
    response = coordinator_client.post(
        url("closures:add"),
        {
            "organisation": world["own"].pk,
            "name": "Studiedagen",
            "first_day": day.isoformat(),
            "last_day": (day + datetime.timedelta(days=2)).isoformat(),
            "kind": "other",
        },
    )
    closure = Closure.objects.get(name="Studiedagen")
    assert response.status_code == 302
    assert response["Location"] == url("closures:cancel_meetings", closure.pk)
    html = coordinator_client.get(response["Location"]).content.decode()
    assert "Budgetcursus Oost" in html and "Spaarkring Elders" not in html
    assert "Studiedagen" in html
    index = coordinator_client.get(url("closures:index")).content.decode()
    assert url("closures:cancel_meetings", closure.pk) in index

    post(url("closures:cancel_meetings", closure.pk))
    for meeting in meetings:
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.CANCELLED
        assert meeting.cancel_reason == "Studiedagen"
    other_meeting.refresh_from_db()
    assert other_meeting.status == MeetingStatus.PLANNED
    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    assert "Studiedagen" in message.subject
    index = coordinator_client.get(url("closures:index")).content.decode()
    assert url("closures:cancel_meetings", closure.pk) not in index


# ------------------------------------------------------------ series preview


def series_data(group, **changes):
    return {
        "group": group.pk,
        "first_date": "2027-04-20",
        "start_time": "19:00",
        "end_time": "21:00",
        "frequency": "weekly",
        "count": "3",
        "until": "",
        "skip": "",
        "topic": "",
        **changes,
    }


def test_a_series_shows_the_skipped_holiday_before_saving_and_skips_it(coordinator_client, world):
    group = world["group"]
    closure_services.closure_add_public_holidays(organisation=world["own"], year=2027)
    preview, response = confirmed(coordinator_client, url("meetings:series"), series_data(group))
    html = preview.content.decode()
    assert not Meeting.objects.filter(group=group).exists() or response
    assert "Dinsdag 27 april 2027: Koningsdag" in html
    assert "Voeg deze 3 bijeenkomsten toe" in html
    assert response.status_code == 302
    days = [timezone.localtime(m.starts_at).date() for m in Meeting.objects.filter(group=group)]
    assert days == [D(2027, 4, 20), D(2027, 5, 4), D(2027, 5, 11)]


def test_a_changed_form_after_the_preview_is_shown_again_before_saving(coordinator_client, world):
    group = world["group"]
    preview = coordinator_client.post(url("meetings:series"), series_data(group))
    (plan,) = re.findall(r'name="plan" value="([^"]*)"', preview.content.decode())
    response = coordinator_client.post(
        url("meetings:series"), series_data(group, count="5", plan=unescape(plan))
    )
    assert response.status_code == 200
    assert "Voeg deze 5 bijeenkomsten toe" in response.content.decode()
    assert not Meeting.objects.filter(group=group).exists()


def test_more_meetings_continue_after_the_last_one_and_skip_closures(coordinator_client, world):
    group = world["group"]
    for day in (D(2027, 4, 6), D(2027, 4, 13)):
        MeetingFactory(
            group=group,
            starts_at=datetime.datetime.combine(day, datetime.time(10), tzinfo=AMSTERDAM),
        )
    closure_services.closure_add_public_holidays(organisation=world["own"], year=2027)
    html = coordinator_client.get(url("meetings:extend") + f"?group={group.pk}").content.decode()
    assert 'value="weekly" checked' in html or "checked" in html
    data = {
        "group": group.pk,
        "frequency": "weekly",
        "count": "2",
        "until": "",
        "skip": "",
        "topic": "",
    }
    preview, response = confirmed(coordinator_client, url("meetings:extend"), data)
    text = preview.content.decode()
    assert "Dinsdag 27 april 2027: Koningsdag" in text
    assert "dinsdag 13 april 2027" in text
    added = Meeting.objects.filter(group=group, starts_at__date__gt=D(2027, 4, 13))
    assert [timezone.localtime(m.starts_at) for m in added] == [
        datetime.datetime(2027, 4, 20, 10, tzinfo=AMSTERDAM),
        datetime.datetime(2027, 5, 4, 10, tzinfo=AMSTERDAM),
    ]


def test_more_meetings_for_a_group_without_any_explains(coordinator_client, world):
    data = {"group": world["group"].pk, "frequency": "weekly", "count": "2"}
    response = coordinator_client.post(url("meetings:extend"), data)
    assert response.status_code == 200
    assert "Deze groep heeft nog geen bijeenkomsten." in response.content.decode()


def test_more_meetings_never_for_another_organisations_group(coordinator_client, world):
    MeetingFactory(group=world["other_group"])
    data = {"group": world["other_group"].pk, "frequency": "weekly", "count": "2"}
    coordinator_client.post(url("meetings:extend"), data)
    coordinator_client.post(url("meetings:extend"), {**data, "plan": "x"})
    assert Meeting.objects.filter(group=world["other_group"]).count() == 1
    html = coordinator_client.get(url("meetings:extend") + "?group=abc").content.decode()
    assert "Spaarkring Elders" not in html


# ------------------------------------------------------------------ pauses


def test_a_coordinator_pauses_and_resumes_a_group_with_history(coordinator_client, post, world):
    group = world["group"]
    meeting = MeetingFactory(group=group)
    html = coordinator_client.get(url("group_pauses:add")).content.decode()
    assert "Budgetcursus Oost" in html and "Spaarkring Elders" not in html
    response = post(url("group_pauses:add"), {"group": group.pk, "reason": "Zaal dicht"})
    assert response.status_code == 302
    pause = GroupPause.objects.get(group=group)
    assert pause.paused_by == world["coordinator"] and pause.reason == "Zaal dicht"
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    # A paused group is not offered for a second pause.
    html = coordinator_client.get(url("group_pauses:add")).content.decode()
    assert f'<option value="{group.pk}"' not in html
    listing = coordinator_client.get(url("group_pauses:index")).content.decode()
    assert url("group_pauses:resume", pause.pk) in listing
    response = post(url("group_pauses:resume", pause.pk))
    assert response["Location"] == url("meetings:extend") + f"?group={group.pk}"
    pause.refresh_from_db()
    assert pause.resumed_by == world["coordinator"] and pause.resumed_at
    listing = coordinator_client.get(url("group_pauses:index")).content.decode()
    assert url("group_pauses:resume", pause.pk) not in listing


def test_a_coordinator_cannot_pause_or_resume_another_organisations_group(
    coordinator_client, post, world
):
    post(url("group_pauses:add"), {"group": world["other_group"].pk, "reason": ""})
    assert not GroupPause.objects.filter(group=world["other_group"]).exists()
    other_pause = closure_services.group_pause(group=world["other_group"], by=None)
    assert coordinator_client.get(url("group_pauses:resume", other_pause.pk)).status_code == 404
    assert post(url("group_pauses:resume", other_pause.pk)).status_code == 404
    other_pause.refresh_from_db()
    assert other_pause.is_open
    assert (
        "Spaarkring Elders"
        not in coordinator_client.get(url("group_pauses:index")).content.decode()
    )


def test_a_second_public_holiday_on_one_day_is_refused_in_dutch(coordinator_client, world):
    closure_services.closure_add_public_holidays(organisation=world["own"], year=2027)
    response = coordinator_client.post(
        url("closures:add"),
        {
            "organisation": world["own"].pk,
            "name": "Kerst",
            "first_day": "2027-12-25",
            "last_day": "2027-12-25",
            "kind": "public_holiday",
        },
    )
    assert response.status_code == 200
    assert "Op deze dag staat al een feestdag." in response.content.decode()
    assert not Closure.objects.filter(name="Kerst").exists()
