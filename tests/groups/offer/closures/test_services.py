"""A series skips closures when it is made or extended; a closure's meetings
are cancelled in one step; a group is paused and resumed; and each
participant is told once, in one mail per action."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from groups.models import (
    Closure,
    ClosureKind,
    Enrolment,
    EnrolmentStatus,
    GroupPage,
    GroupPause,
    MeetingStatus,
    ParticipantNotice,
)
from groups.offer import services as offer_services
from groups.offer.closures import extension
from groups.offer.closures import services as closure_services
from people.models import User
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory

from .factories import ClosureFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = datetime.date


def at(day, hour=19):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMSTERDAM)


def weekly_series(group, first, count):
    return offer_services.meeting_series_create(
        group=group,
        first_date=first,
        start_time=datetime.time(19),
        end_time=datetime.time(21),
        frequency="weekly",
        count=count,
    )


def days(meetings):
    return [timezone.localtime(m.starts_at).date() for m in meetings]


def test_a_series_skips_the_closures_of_its_organisation_and_still_has_its_count():
    group = GroupPageFactory()
    ClosureFactory(organisation=group.organisation)  # 19-12-2026 .. 03-01-2027
    ClosureFactory(name="Andere organisatie", first_day=D(2026, 12, 1), last_day=D(2026, 12, 31))
    meetings = weekly_series(group, D(2026, 12, 8), 4)  # Tuesdays
    assert days(meetings) == [D(2026, 12, 8), D(2026, 12, 15), D(2027, 1, 5), D(2027, 1, 12)]


def test_the_plan_names_the_closure_of_each_skipped_date():
    group = GroupPageFactory()
    closure_services.closure_add_public_holidays(organisation=group.organisation, year=2027)
    dates, skipped = offer_services.series_plan(
        group=group, first_date=D(2027, 4, 20), frequency="weekly", count=3
    )
    # Tuesday 27 April 2027 is Koningsdag.
    assert dates == [D(2027, 4, 20), D(2027, 5, 4), D(2027, 5, 11)]
    assert [(day, closure.name) for day, closure in skipped] == [(D(2027, 4, 27), "Koningsdag")]


def test_extending_goes_on_in_the_rhythm_after_the_last_meeting_and_skips_closures():
    group = GroupPageFactory()
    offer_services.meeting_series_create(
        group=group,
        first_date=D(2026, 11, 3),
        start_time=datetime.time(10),
        end_time=datetime.time(12),
        frequency="biweekly",
        count=3,
    )  # 3, 17 Nov, 1 Dec
    ClosureFactory(organisation=group.organisation)
    rhythm = extension.Rhythm(group)
    assert rhythm.frequency == "biweekly" and rhythm.start_time == datetime.time(10)
    added = extension.meeting_series_extend(group=group, count=3)
    # 15 Dec, (29 Dec closed), 12 Jan, 26 Jan
    assert days(added) == [D(2026, 12, 15), D(2027, 1, 12), D(2027, 1, 26)]
    assert {timezone.localtime(m.starts_at).time() for m in added} == {datetime.time(10)}


def test_a_monthly_group_is_extended_monthly_on_the_same_weekday():
    group = GroupPageFactory()
    offer_services.meeting_series_create(
        group=group,
        first_date=D(2026, 9, 1),  # first Tuesday
        start_time=datetime.time(19),
        end_time=datetime.time(21),
        frequency="monthly",
        count=2,
    )
    assert extension.Rhythm(group).frequency == "monthly"
    added = extension.meeting_series_extend(group=group, count=2)
    assert days(added) == [D(2026, 11, 3), D(2026, 12, 1)]


def test_a_group_without_meetings_cannot_be_extended():
    with pytest.raises(ValidationError, match="nog geen bijeenkomsten"):
        extension.meeting_series_extend(group=GroupPageFactory(), count=2)


def _group_with_people(*, without_email=False):
    group = GroupPageFactory()
    people = [EnrolmentFactory(group=group).person for _ in range(2)]
    if without_email:
        no_mail = User(email=User.placeholder_email(), full_name="Zonder Mail")
        no_mail.set_unusable_password()
        no_mail.save()
        EnrolmentFactory(group=group, person=no_mail)
    EnrolmentFactory(group=group, status=EnrolmentStatus.WAITING)
    return group, people


def test_cancelling_a_closures_meetings_tells_each_participant_once_with_all_dates(sent):
    group, people = _group_with_people(without_email=True)
    future = timezone.localdate() + datetime.timedelta(days=30)
    inside = [
        MeetingFactory(group=group, starts_at=at(future + datetime.timedelta(days=n)))
        for n in (0, 7)
    ]
    outside = MeetingFactory(group=group, starts_at=at(future + datetime.timedelta(days=21)))
    closure = ClosureFactory(
        organisation=group.organisation,
        first_day=future,
        last_day=future + datetime.timedelta(days=10),
    )
    assert list(closure_services.meetings_in_closure(closure)) == inside
    with sent():
        cancelled = closure_services.closure_cancel_meetings(closure=closure)
    assert len(cancelled) == 2
    for meeting in inside:
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.CANCELLED
        assert meeting.cancel_reason == "Kerstvakantie" and meeting.sequence == 1
    outside.refresh_from_db()
    assert outside.status == MeetingStatus.PLANNED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all("Kerstvakantie" in m.subject for m in mail.outbox)
    # Told once: the notice rows decide, also when asked again.
    with sent():
        assert closure_services.closure_cancel_meetings(closure=closure) == []
        from groups.offer.closures import notices

        assert notices.tell_closure(closure, cancelled) == 0
    assert len(mail.outbox) == 2
    assert ParticipantNotice.objects.filter(closure=closure).count() == 2


def test_pausing_cancels_coming_meetings_keeps_places_and_tells_once(sent):
    group, people = _group_with_people()
    trainer = UserFactory()
    past = MeetingFactory(group=group, starts_at=timezone.now() - datetime.timedelta(days=7))
    coming = [
        MeetingFactory(group=group, starts_at=timezone.now() + datetime.timedelta(days=n))
        for n in (2, 9)
    ]
    with sent():
        pause = closure_services.group_pause(group=group, by=trainer, reason="De trainer is ziek.")
    assert pause.paused_by == trainer and pause.is_open
    for meeting in coming:
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.CANCELLED
        assert "De trainer is ziek." in meeting.cancel_reason
    past.refresh_from_db()
    assert past.status == MeetingStatus.PLANNED
    assert Enrolment.objects.filter(group=group, status=EnrolmentStatus.ENROLLED).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all("De trainer is ziek." in m.body for m in mail.outbox)
    group = GroupPage.objects.get(pk=group.pk)
    assert group.is_paused() and not group.is_finished()
    with pytest.raises(ValidationError, match="al gepauzeerd"):
        closure_services.group_pause(group=group, by=trainer)

    mail.outbox.clear()
    with sent():
        closure_services.group_resume(group=group, by=trainer)
    pause.refresh_from_db()
    assert pause.resumed_by == trainer and pause.resumed_at >= pause.paused_at
    assert len(mail.outbox) == 2
    assert not GroupPage.objects.get(pk=group.pk).is_paused()
    with pytest.raises(ValidationError, match="niet gepauzeerd"):
        closure_services.group_resume(group=group, by=trainer)
    # The history keeps both pauses of a group that pauses again.
    closure_services.group_pause(group=group, by=trainer)
    assert GroupPause.objects.filter(group=group).count() == 2


def test_a_paused_group_puts_newcomers_on_the_waiting_list_and_offers_places_on_resume(sent):
    group = GroupPageFactory(capacity=3)
    MeetingFactory(group=group, starts_at=timezone.now() + datetime.timedelta(days=3))
    leaving = EnrolmentFactory(group=group)
    closure_services.group_pause(group=group, by=None)
    newcomer = offer_services.enrolment_create(group=group, person=UserFactory())
    assert newcomer.status == EnrolmentStatus.WAITING
    offer_services.enrolment_cancel(enrolment=leaving, by=leaving.person)
    newcomer.refresh_from_db()
    assert newcomer.status == EnrolmentStatus.WAITING
    closure_services.group_resume(group=group, by=None)
    newcomer.refresh_from_db()
    assert newcomer.status == EnrolmentStatus.OFFERED


def test_paused_groups_are_never_finished_so_waiting_lists_are_not_told_it_ended():
    group = GroupPageFactory()
    MeetingFactory(group=group, starts_at=timezone.now() - datetime.timedelta(days=3))
    MeetingFactory(group=group, starts_at=timezone.now() + datetime.timedelta(days=3))
    closure_services.group_pause(group=group, by=None)
    assert not GroupPage.objects.filter(pk=group.pk).finished().exists()
    assert GroupPage.objects.filter(pk=group.pk).with_counts().get().paused


def test_closure_kinds_are_checked_by_the_database():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Closure.objects.create(
            organisation=GroupPageFactory().organisation,
            name="x",
            first_day=D(2026, 1, 1),
            last_day=D(2026, 1, 1),
            kind="nonsense",
        )
    assert ClosureKind.OTHER in ClosureKind.values
