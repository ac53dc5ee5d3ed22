"""Registering attendance: the trainer's journey from "My Waakvlam" to the
meeting page, who may do it, what bad input does, attention signals and the
number of queries.

Trainers here read English (preferred_language="en") so that the texts can
be checked before the Dutch catalogue is compiled."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups.attendance import services as attendance_services
from groups.models import (
    Attendance,
    AttendanceStatus,
    AttentionSignal,
    Enrolment,
    EnrolmentStatus,
    GroupKind,
    MeetingStatus,
    SignalOutcome,
)
from people.models import OutboxMessage, Role
from tests.factories import MembershipFactory, OrganisationFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
JSON = {"HTTP_ACCEPT": "application/json"}


def at(days, hour=19, minute=0):
    """A local time `days` from today (negative: in the past)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


def meeting_on(group, days, **kwargs):
    # Early today, so "today" is today whenever the test runs.
    starts = at(days, hour=0, minute=5)
    return MeetingFactory(
        group=group, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), **kwargs
    )


def trainer_of(organisation=None, **kwargs):
    organisation = organisation or OrganisationFactory()
    return MembershipFactory(
        role=Role.TRAINER,
        organisation=organisation,
        user__preferred_language="en",
        **kwargs,
    ).user


def coordinator_of(organisation):
    return MembershipFactory(
        role=Role.COORDINATOR, organisation=organisation, user__preferred_language="en"
    ).user


def enrol(group, count=1, **kwargs):
    return [EnrolmentFactory(group=group, **kwargs).person for _ in range(count)]


def statuses(people, status=AttendanceStatus.PRESENT):
    return {f"status-{person.pk}": status for person in people}


@pytest.fixture
def trainer():
    return trainer_of(user__full_name="Henk de Vries")


@pytest.fixture
def group(trainer):
    return GroupPageFactory(
        organisation=trainer.memberships.get().organisation,
        trainers=[trainer],
        kind=GroupKind.PEER_SUPPORT,
    )


@pytest.fixture
def meeting(group):
    return meeting_on(group, 0, topic="Post openen")


def page_url(meeting):
    return reverse("groups:attendance", args=[meeting.pk])


def checked(html, person, status):
    """Whether the radio button of `person` for `status` is selected."""
    tag = re.search(rf'<input[^>]*id="status-{person.pk}-{status}"[^>]*>', html)
    return tag is not None and " checked" in tag.group(0)


# --- Saving -----------------------------------------------------------------


def test_saving_twice_gives_one_row_per_person(client, post, trainer, group, meeting):
    people = enrol(group, 3)
    client.force_login(trainer)
    response = post(page_url(meeting), statuses(people))
    assert response.status_code == 302 and response.url == page_url(meeting)

    response = post(
        page_url(meeting), {**statuses(people), f"status-{people[0].pk}": AttendanceStatus.LATE}
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(meeting=meeting).count() == 3
    assert Attendance.objects.get(person=people[0]).status == AttendanceStatus.LATE


def test_two_trainers_saving_the_same_meeting_keep_one_row_with_the_last_recorder(
    client, post, trainer, group, meeting
):
    other = trainer_of(trainer.memberships.get().organisation)
    group.trainers.add(other)
    group.save()
    people = enrol(group, 2)

    client.force_login(trainer)
    post(page_url(meeting), statuses(people, AttendanceStatus.ABSENT))
    client.force_login(other)
    post(page_url(meeting), statuses(people, AttendanceStatus.PRESENT))

    rows = Attendance.objects.filter(meeting=meeting)
    assert rows.count() == 2
    assert {(row.status, row.recorded_by_id) for row in rows} == {
        (AttendanceStatus.PRESENT, other.pk)
    }


def test_the_page_shows_what_was_saved_by_whom_and_when(client, post, trainer, group, meeting):
    (anna, bert) = enrol(group, 2)
    client.force_login(trainer)
    response = client.get(page_url(meeting))
    html = response.content.decode()
    assert "Post openen" in html and anna.full_name in html
    assert html.count("Not saved yet") == 2
    assert 'aria-live="polite"' in html
    assert not checked(html, anna, "present")

    post(page_url(meeting), {f"status-{anna.pk}": "excused"})
    response = client.get(page_url(meeting))
    html = response.content.decode()
    recorded = timezone.localtime(Attendance.objects.get().recorded_at)
    assert f"Saved by Henk, {recorded:%H:%M}" in html
    assert "Attendance saved for 1 person." in html
    assert checked(html, anna, "excused") and not checked(html, anna, "present")
    assert "Not saved yet" in html  # Bert was not chosen


def test_each_person_is_a_fieldset_with_four_labelled_choices(client, trainer, group, meeting):
    (person,) = enrol(group)
    client.force_login(trainer)
    html = client.get(page_url(meeting)).content.decode()
    fieldset = re.search(rf'<fieldset[^>]*id="person-{person.pk}".*?</fieldset>', html, re.S)
    assert fieldset and "<legend" in fieldset.group(0)
    for status, label in [
        ("present", "Present"),
        ("late", "Late"),
        ("excused", "Excused"),
        ("absent", "Absent"),
    ]:
        assert f'for="status-{person.pk}-{status}">{label}</label>' in fieldset.group(0)
    assert "js/attendance.js" in html and "defer" in html


# --- Who may ----------------------------------------------------------------


@pytest.mark.parametrize(
    "who, status",
    [
        ("own_trainer", 200),
        ("coordinator", 200),
        ("participant", 404),
        ("other_coordinator", 404),
        ("other_trainer", 404),
    ],
)
def test_only_the_groups_trainers_and_its_coordinators_register(
    client, post, trainer, group, meeting, who, status
):
    organisation = trainer.memberships.get().organisation
    (participant,) = enrol(group)
    people = {
        "own_trainer": trainer,
        "coordinator": coordinator_of(organisation),
        "participant": participant,
        "other_coordinator": coordinator_of(OrganisationFactory()),
        "other_trainer": trainer_of(organisation),  # same organisation, other group
    }
    client.force_login(people[who])
    assert client.get(page_url(meeting)).status_code == status
    response = post(page_url(meeting), statuses([participant]))
    assert response.status_code == (302 if status == 200 else 404)
    assert Attendance.objects.exists() == (status == 200)
    walk_in = reverse("groups:walk_in_add", args=[meeting.pk])
    response = post(walk_in, {"full_name": "Kees Bos", "phone": "0612345678"})
    assert response.status_code == (302 if status == 200 else 404)


def test_without_login_the_page_asks_to_log_in_and_unknown_meetings_are_404(
    client, trainer, meeting
):
    response = client.get(page_url(meeting))
    assert response.status_code == 302 and "/login/" in response.url
    client.force_login(trainer)
    assert client.get(reverse("groups:attendance", args=[meeting.pk + 999])).status_code == 404
    assert client.get("/groepen/bijeenkomst/abc/").status_code == 404


# --- Bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, message",
    [
        ("status", "Choose present, late, excused or absent."),
        ("foreign_person", "This person is not signed up for this group."),
        ("waiting_person", "This person is not signed up for this group."),
        ("not_a_number", "Something in the form is not right."),
        ("nothing_chosen", "Choose for at least one person"),
    ],
)
def test_bad_input_gives_a_message_and_saves_nothing(
    client, post, trainer, group, meeting, bad, message
):
    (good,) = enrol(group)
    form = statuses([good])
    if bad == "status":
        form[f"status-{good.pk}"] = "sleeping"
    elif bad == "foreign_person":
        (stranger,) = enrol(GroupPageFactory())
        form[f"status-{stranger.pk}"] = "present"
    elif bad == "waiting_person":
        (waiting,) = enrol(group, status=EnrolmentStatus.WAITING)
        form[f"status-{waiting.pk}"] = "present"
    elif bad == "not_a_number":
        form["status-1; DROP TABLE"] = "present"
    else:
        form = {}
    client.force_login(trainer)
    response = post(page_url(meeting), form)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'role="alert"' in html
    assert not Attendance.objects.exists()
    if bad != "status" and form:
        assert checked(html, good, "present")  # what was chosen is kept


def test_a_meeting_of_another_group_cannot_take_this_groups_people(
    client, post, trainer, group, meeting
):
    (person,) = enrol(group)
    other_group = GroupPageFactory(organisation=group.organisation, trainers=[trainer])
    other_meeting = meeting_on(other_group, 0)
    client.force_login(trainer)
    response = post(page_url(other_meeting), statuses([person]))
    assert "This person is not signed up for this group." in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_cancelled_meeting_shows_why_and_takes_no_attendance(
    client, post, trainer, group, meeting
):
    (person,) = enrol(group)
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    client.force_login(trainer)
    html = client.get(page_url(meeting)).content.decode()
    assert "This meeting was cancelled." in html
    assert 'id="attendance-form"' not in html and 'id="walk-in-form"' not in html

    response = post(page_url(meeting), statuses([person]))
    assert "This meeting was cancelled." in response.content.decode()
    response = post(page_url(meeting), statuses([person]), **JSON)
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_a_meeting_in_the_future_takes_no_attendance_yet(client, post, trainer, group):
    (person,) = enrol(group)
    tomorrow = meeting_on(group, 1)
    client.force_login(trainer)
    html = client.get(page_url(tomorrow)).content.decode()
    assert "from the day of the meeting" in html and 'id="attendance-form"' not in html
    post(page_url(tomorrow), statuses([person]))
    assert not Attendance.objects.exists()


def test_a_past_meeting_can_still_be_registered(client, post, trainer, group):
    (person,) = enrol(group)
    last_week = meeting_on(group, -7)
    client.force_login(trainer)
    assert post(page_url(last_week), statuses([person])).status_code == 302
    assert Attendance.objects.get().meeting == last_week


# --- Saving with JavaScript (fetch, JSON) ---------------------------------------


def test_fetch_gets_json_with_who_saved_it(client, post, trainer, group, meeting):
    (anna, bert) = enrol(group, 2)
    client.force_login(trainer)
    response = post(page_url(meeting), {f"status-{anna.pk}": "late"}, **JSON)
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] is True
    assert data["message"] == "Attendance saved for 1 person."
    assert data["people"][str(anna.pk)]["status"] == "late"
    assert data["people"][str(anna.pk)]["saved"].startswith("Saved by Henk, ")
    assert data["people"][str(bert.pk)] == {"status": "", "saved": "Not saved yet", "attention": ""}
    # No message waits for the next page: the script announced it already.
    assert "Attendance saved" not in client.get(page_url(meeting)).content.decode()


def test_fetch_with_bad_input_gets_an_error_and_nothing_is_saved(
    client, post, trainer, group, meeting
):
    (person,) = enrol(group)
    client.force_login(trainer)
    response = post(page_url(meeting), {f"status-{person.pk}": "sleeping"}, **JSON)
    assert response.status_code == 400
    assert response.json() == {"ok": False, "message": "Choose present, late, excused or absent."}
    assert not Attendance.objects.exists()


# --- Walk-ins -------------------------------------------------------------------


def test_a_walk_in_is_signed_up_and_listed_at_once(client, post, trainer, group, meeting):
    enrol(group)
    client.force_login(trainer)
    url = reverse("groups:walk_in_add", args=[meeting.pk])
    response = post(url, {"full_name": "Kees Bos", "phone": "06 1234 5678", "email": ""})
    kees = Enrolment.objects.get(person__full_name="Kees Bos")
    assert kees.status == EnrolmentStatus.ENROLLED and kees.enrolled_by == trainer
    assert response.url == f"{page_url(meeting)}#person-{kees.person_id}"
    html = client.get(page_url(meeting)).content.decode()
    assert "Kees Bos is signed up." in html
    assert f'id="person-{kees.person_id}"' in html


def test_a_walk_in_in_a_full_group_lands_on_the_waiting_list(client, post, trainer, group, meeting):
    group.capacity = 1
    group.save()
    enrol(group)
    client.force_login(trainer)
    url = reverse("groups:walk_in_add", args=[meeting.pk])
    post(url, {"full_name": "Kees Bos", "phone": "06 1234 5678", "email": ""})
    kees = Enrolment.objects.get(person__full_name="Kees Bos")
    assert kees.status == EnrolmentStatus.WAITING
    html = client.get(page_url(meeting)).content.decode()
    assert "The group is full: Kees Bos is on the waiting list." in html
    assert f'id="person-{kees.person_id}"' not in html


def test_a_walk_in_without_phone_or_email_keeps_what_was_typed(
    client, post, trainer, group, meeting
):
    client.force_login(trainer)
    url = reverse("groups:walk_in_add", args=[meeting.pk])
    response = post(url, {"full_name": "Kees Bos", "phone": "", "email": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Kees Bos"' in html and "Fill in a phone number or an e-mail address." in html
    assert not Enrolment.objects.exists()
    assert client.get(url).status_code == 405


# --- Attention signals --------------------------------------------------------


def test_two_absences_in_a_row_raise_a_signal_mailed_once_that_closes_on_return(
    client, post, settings, trainer, group
):
    settings.ATTENTION_MISSED_IN_A_ROW = 2
    second_trainer = trainer_of(trainer.memberships.get().organisation)
    group.trainers.add(second_trainer)
    group.save()
    (piet, other) = enrol(group, 2)
    first, second, third = (meeting_on(group, days) for days in (-14, -7, 0))
    client.force_login(trainer)

    post(page_url(first), {f"status-{piet.pk}": "absent", f"status-{other.pk}": "present"})
    assert not AttentionSignal.objects.exists() and mail.outbox == []

    post(page_url(second), {f"status-{piet.pk}": "absent", f"status-{other.pk}": "present"})
    signal = AttentionSignal.objects.get()
    assert (signal.person, signal.missed, signal.closed_at) == (piet, 2, None)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [trainer.email, second_trainer.email]
    )
    message = mail.outbox[0]
    assert group.title in message.subject and piet.full_name not in message.subject
    assert f"{piet.full_name} missed 2 meetings of {group.title} in a row." in message.body
    assert reverse("groups:participants", args=[group.pk]) in message.body

    # Saving again, or by someone else, mails nobody again.
    post(page_url(second), {f"status-{piet.pk}": "absent"})
    assert len(mail.outbox) == 2

    html = client.get(page_url(third)).content.decode()
    assert "Missed 2 meetings in a row" in html

    post(page_url(third), {f"status-{piet.pk}": "present"})
    signal.refresh_from_db()
    assert (signal.closed_at is not None, signal.outcome) == (True, SignalOutcome.RETURNED)
    assert len(mail.outbox) == 2


def test_my_waakvlam_lists_open_signals_of_the_groups_in_care(
    client, post, settings, trainer, group
):
    settings.ATTENTION_MISSED_IN_A_ROW = 2
    (piet,) = enrol(group)
    for days in (-14, -7):
        attendance_services.attendance_record(
            meeting=meeting_on(group, days), statuses={piet.pk: "absent"}, by=trainer
        )
    client.force_login(trainer)
    html = client.get(reverse("people:my")).content.decode()
    attention = html[html.index('id="attention-heading"') :]
    assert piet.full_name in attention and group.title in attention
    assert "Missed 2 meetings in a row" in attention

    # A participant sees nothing of it.
    client.force_login(piet)
    assert "Missed 2 meetings" not in client.get(reverse("people:my")).content.decode()


# --- "My Waakvlam" for trainers and coordinators -------------------------------


def test_my_waakvlam_shows_todays_meeting_first_with_a_link_to_register(client, trainer, group):
    later = GroupPageFactory(
        title="Aaa eerst op naam", organisation=group.organisation, trainers=[trainer]
    )
    MeetingFactory(group=later, starts_at=at(3))
    today = meeting_on(group, 0)
    client.force_login(trainer)
    html = client.get(reverse("people:my")).content.decode()
    assert html.index(group.title) < html.index(later.title)
    assert f'href="{page_url(today)}">Register attendance</a>' in html


def test_unregistered_meetings_appear_the_day_after_and_leave_once_saved(
    client, post, monkeypatch, trainer, group
):
    (person,) = enrol(group)
    today = meeting_on(group, 0)
    yesterday = meeting_on(group, -1)
    empty_group = GroupPageFactory(organisation=group.organisation, trainers=[trainer])
    nobody_to_register = meeting_on(empty_group, -1)
    client.force_login(trainer)

    def unregistered():
        html = client.get(reverse("people:my")).content.decode()
        section = html[
            html.index('id="unregistered-heading"') : html.index('id="attention-heading"')
        ]
        return {m.pk for m in (today, yesterday, nobody_to_register) if page_url(m) in section}

    assert unregistered() == {yesterday.pk}
    post(page_url(yesterday), statuses([person]))
    assert unregistered() == set()

    # The next day, today's meeting is due.
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(days=1))
    assert unregistered() == {today.pk}


@pytest.mark.parametrize("who, sees", [("coordinator", True), ("other_coordinator", False)])
def test_coordinators_see_the_lists_of_their_organisations_groups(client, who, sees):
    organisation = OrganisationFactory()
    group = GroupPageFactory(organisation=organisation, title="Koffie en Kansen")
    enrol(group)
    meeting = meeting_on(group, -1)
    user = coordinator_of(organisation if who == "coordinator" else OrganisationFactory())
    client.force_login(user)
    html = client.get(reverse("people:my")).content.decode()
    assert ("Koffie en Kansen" in html) is sees
    assert (page_url(meeting) in html) is sees
    assert ("Groups you lead or coordinate" in html) is sees


# One of them: the second factors ("Extra security"); one the open invitations;
# one who said they cannot come to each group's next meeting; five whether a
# trainer's own qualification lapsed (groups.hooks.TRAINER_FLAGS); one the
# aftercare plans they are the steady contact of; one the person's own aftercare
# plans ("Mijn nazorg").
TRAINERS_MY_WAAKVLAM_QUERIES = 35


def test_my_waakvlam_queries_do_not_grow_with_groups_meetings_or_signals(
    client, trainer, assert_page_queries
):
    organisation = trainer.memberships.get().organisation

    def add_group():
        group = GroupPageFactory(organisation=organisation, trainers=[trainer])
        people = enrol(group, 3)
        for days in (-2, -1):
            meeting_on(group, days)
        meeting = meeting_on(group, -3)
        attendance_services.attendance_record(
            meeting=meeting, statuses={p.pk: "absent" for p in people}, by=trainer
        )
        AttentionSignal.objects.create(group=group, person=people[0], missed=3)
        meeting_on(group, 0)
        meeting_on(group, 7)

    add_group()
    client.force_login(trainer)
    assert_page_queries(reverse("people:my"), TRAINERS_MY_WAAKVLAM_QUERIES)
    for _ in range(5):
        add_group()
    response = assert_page_queries(reverse("people:my"), TRAINERS_MY_WAAKVLAM_QUERIES)
    assert response.content.decode().count("Register attendance") == 6


# --- Query counts of the attendance page ---------------------------------------

# (showing the page, the first save, saving again): the JSON answer of a save
# reads the rows again.
# Showing the page includes writing its audit entry and reading who said
# ahead they cannot come; saving reads when outcomes were last recorded.
PAGE_QUERIES = {"form": (20, 18, 15), "fetch": (20, 22, 19)}


@pytest.mark.parametrize("variant, extra", [("form", {}), ("fetch", JSON)])
def test_attendance_page_queries_do_not_grow_with_the_group(client, settings, variant, extra):
    settings.ATTENTION_MISSED_IN_A_ROW = 2
    show, first_save, saving_again = PAGE_QUERIES[variant]
    for size in (3, 30):
        trainer = trainer_of()
        group = GroupPageFactory(
            organisation=trainer.memberships.get().organisation, trainers=[trainer]
        )
        people = enrol(group, size)
        # History: everyone absent once, so saving "absent" raises a signal
        # for every fourth person and the page shows them.
        earlier = meeting_on(group, -7)
        attendance_services.attendance_record(
            meeting=earlier, statuses={p.pk: "absent" for p in people}, by=trainer
        )
        meeting = meeting_on(group, 0)
        cycle = ["present", "late", "absent", "excused"]
        form = {f"status-{p.pk}": cycle[i % 4] for i, p in enumerate(people)}
        client.force_login(trainer)
        client.get(page_url(meeting))  # warm caches (site root, menu)
        # What waits for the commit (sending mails) is not run here; each
        # mail queued is one row in the outbox, so one INSERT on top.
        steps = [(show, "get", {}), (first_save, "post", form), (saving_again, "post", form)]
        for count, method, data in [*steps, (show, "get", {})]:
            queued = OutboxMessage.objects.count()
            with CaptureQueriesContext(connection) as captured:
                response = getattr(client, method)(page_url(meeting), data, **extra)
            mails = OutboxMessage.objects.count() - queued
            assert len(captured) <= count + mails, (size, method, len(captured), mails)
            assert response.status_code in (200, 302)
