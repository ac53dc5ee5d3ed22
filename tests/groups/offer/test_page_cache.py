"""A stored public page never outlives a committed change to the offer: the
places left, a cancelled or moved meeting, a pause and an unpublished or
moved page show at once on the group page, the offer and the calendar feed
(website.pagecache)."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar

from groups.offer import services as offer_services
from groups.offer.closures.services import group_pause
from groups.offer.series import meeting_create
from tests.factories import UserFactory
from tests.groups.factories import GroupPageFactory, MeetingFactory, group_index

pytestmark = pytest.mark.django_db


def is_hit(response):
    return response.get("X-Page-Cache") == "hit"


@pytest.fixture
def group():
    group = GroupPageFactory(title="Budgetcursus Oost", capacity=3)
    MeetingFactory(group=group, topic="Eerste les")
    return group


def warmed(client, *urls):
    """Each url stored, as a visitor before the change left it."""
    for url in urls:
        client.get(url)
        assert is_hit(client.get(url)), url


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def feed_events(client, group):
    response = client.get(f"{group.url}agenda.ics")
    assert response.status_code == 200
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_a_sign_up_and_a_cancellation_change_the_places_left_at_once(
    client, page_cache, group, sent
):
    offer = group_index().url
    warmed(client, group.url, offer)
    assert "Er zijn nog 3 plekken vrij." in page(client, group.url)
    assert "nog 3 plekken vrij" in page(client, offer)

    with sent():
        enrolment = offer_services.enrolment_create(group=group, person=UserFactory())
    assert "Er zijn nog 2 plekken vrij." in page(client, group.url)
    assert "nog 2 plekken vrij" in page(client, offer)

    warmed(client, group.url, offer)
    with sent():
        offer_services.enrolment_cancel(enrolment=enrolment, by=enrolment.person)
    assert "Er zijn nog 3 plekken vrij." in page(client, group.url)
    assert "nog 3 plekken vrij" in page(client, offer)


def test_a_cancelled_meeting_shows_as_cancelled_at_once(client, page_cache, group, sent):
    feed = f"{group.url}agenda.ics"
    warmed(client, group.url, feed)
    assert [str(event["STATUS"]) for event in feed_events(client, group)] == ["CONFIRMED"]

    with sent():
        offer_services.meeting_cancel(meeting=group.meetings.get(), reason="Zaal dicht")
    assert "Afgelast" in page(client, group.url) and "Zaal dicht" in page(client, group.url)
    assert [str(event["STATUS"]) for event in feed_events(client, group)] == ["CANCELLED"]


def test_a_moved_meeting_shows_its_new_time_at_once(client, page_cache, group, sent):
    feed = f"{group.url}agenda.ics"
    warmed(client, group.url, feed)
    meeting = group.meetings.get()
    new_start = (timezone.now() + datetime.timedelta(days=20)).replace(
        hour=14, minute=5, second=0, microsecond=0
    )

    with sent():
        offer_services.meeting_move(
            meeting=meeting, starts_at=new_start, ends_at=new_start + datetime.timedelta(hours=2)
        )
    local = timezone.localtime(new_start)
    assert f"{local:%H:%M}–" in page(client, group.url)
    [event] = feed_events(client, group)
    assert event["DTSTART"].dt == new_start


def test_a_new_meeting_and_a_pause_show_at_once(client, page_cache, group, sent):
    warmed(client, group.url)
    start = timezone.now() + datetime.timedelta(days=14)
    with sent():
        meeting_create(group=group, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    assert page(client, group.url).count("waakvlam-meeting__date") == 2

    warmed(client, group.url)
    with sent():
        group_pause(group=group, by=UserFactory(is_superuser=True), reason="Verbouwing")
    assert "Verbouwing" in page(client, group.url)


def test_an_unpublished_group_page_and_its_feed_are_gone_at_once(client, page_cache, group, sent):
    feed = f"{group.url}agenda.ics"
    offer = group_index().url
    warmed(client, group.url, feed, offer)
    with sent(), transaction.atomic():
        group.unpublish()
    assert client.get(group.url).status_code == 404
    assert client.get(feed).status_code == 404
    assert "Budgetcursus Oost" not in page(client, offer)


def test_a_moved_group_page_sends_its_old_address_on_at_once(client, page_cache, group, sent):
    old_url = group.url
    warmed(client, old_url)
    other = GroupPageFactory(title="Elders").get_parent()
    with sent(), transaction.atomic():
        group.move(other, pos="last-child")
    group.refresh_from_db()
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, group.url)
    assert "Budgetcursus Oost" in page(client, group.url)


def test_a_change_to_another_group_keeps_nothing_stale_either(client, page_cache, group, sent):
    """One generation for the whole site: any change retires every page,
    so no page can miss a change it shows."""
    warmed(client, group.url)
    with sent():
        offer_services.enrolment_create(group=GroupPageFactory(), person=UserFactory())
    assert not is_hit(client.get(group.url))
