import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groups.models import Enrolment, EnrolmentStatus, GroupKind, MeetingStatus
from groups.offer import services as offer_services
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import GroupPageFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _commit_callbacks(django_capture_on_commit_callbacks):
    """Mail tasks wait for the commit; run them as each test goes."""
    with django_capture_on_commit_callbacks(execute=True):
        yield


def test_enrolment_takes_a_place_until_the_group_is_full_then_the_waiting_list():
    group = GroupPageFactory(capacity=2)
    first, second, third = (
        offer_services.enrolment_create(group=group, person=UserFactory()) for _ in range(3)
    )
    assert [first.status, second.status, third.status] == ["enrolled", "enrolled", "waiting"]
    assert third.waiting_position() == 1
    assert group.places_left() == 0


def test_enrolling_twice_is_refused_and_changes_nothing():
    group = GroupPageFactory()
    person = UserFactory()
    offer_services.enrolment_create(group=group, person=person)
    with pytest.raises(ValidationError):
        offer_services.enrolment_create(group=group, person=person)
    assert Enrolment.objects.filter(group=group).count() == 1


@pytest.mark.parametrize(
    "window",
    [
        {"enrolment_closes": datetime.date(2020, 1, 1)},
        {"enrolment_opens": datetime.date(2099, 1, 1)},
    ],
)
def test_outside_the_enrolment_window_nobody_can_sign_up(window):
    group = GroupPageFactory(**window)
    with pytest.raises(ValidationError):
        offer_services.enrolment_create(group=group, person=UserFactory())
    assert not Enrolment.objects.exists()


def test_an_unpublished_group_takes_no_sign_ups():
    group = GroupPageFactory()
    group.unpublish()
    with pytest.raises(ValidationError):
        offer_services.enrolment_create(group=group, person=UserFactory())


def test_a_freed_place_is_offered_to_the_first_waiting_person_exactly_once():
    group = GroupPageFactory(capacity=1)
    holder = offer_services.enrolment_create(group=group, person=UserFactory())
    first = offer_services.enrolment_create(group=group, person=UserFactory())
    second = offer_services.enrolment_create(group=group, person=UserFactory())

    offer_services.enrolment_cancel(enrolment=holder)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == EnrolmentStatus.OFFERED
    assert first.offer_token and len(first.offer_token) >= 43
    assert second.status == EnrolmentStatus.WAITING
    # The offered place is held: nobody else can take it meanwhile.
    late = offer_services.enrolment_create(group=group, person=UserFactory())
    assert late.status == EnrolmentStatus.WAITING
    assert second.waiting_position() == 1

    offer_services.offer_accept(enrolment=first)
    first.refresh_from_db()
    assert first.status == EnrolmentStatus.ENROLLED


def test_an_offer_not_accepted_in_time_passes_to_the_next_person(settings):
    settings.WAITING_LIST_OFFER_HOURS = 48
    group = GroupPageFactory(capacity=1)
    holder = offer_services.enrolment_create(group=group, person=UserFactory())
    first = offer_services.enrolment_create(group=group, person=UserFactory())
    second = offer_services.enrolment_create(group=group, person=UserFactory())
    offer_services.enrolment_cancel(enrolment=holder)
    first.refresh_from_db()
    assert first.offer_expires_at - first.offered_at == timedelta(hours=48)

    assert offer_services.offers_expire() == 0
    Enrolment.objects.filter(pk=first.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert offer_services.offers_expire() == 1
    assert offer_services.offers_expire() == 0
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == EnrolmentStatus.EXPIRED
    assert second.status == EnrolmentStatus.OFFERED
    with pytest.raises(ValidationError):
        offer_services.offer_accept(enrolment=first)


def test_accepting_an_expired_offer_is_refused_before_the_task_ran():
    group = GroupPageFactory(capacity=1)
    holder = offer_services.enrolment_create(group=group, person=UserFactory())
    waiting = offer_services.enrolment_create(group=group, person=UserFactory())
    offer_services.enrolment_cancel(enrolment=holder)
    Enrolment.objects.filter(pk=waiting.pk).update(
        offer_expires_at=timezone.now() - timedelta(seconds=1)
    )
    waiting.refresh_from_db()
    with pytest.raises(ValidationError):
        offer_services.offer_accept(enrolment=waiting)
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.OFFERED


def test_a_coordinator_promotes_by_hand_only_into_a_free_place():
    coordinator = UserFactory()
    group = GroupPageFactory(capacity=1)
    offer_services.enrolment_create(group=group, person=UserFactory())
    waiting = offer_services.enrolment_create(group=group, person=UserFactory())
    with pytest.raises(ValidationError):
        offer_services.enrolment_promote(enrolment=waiting, by=coordinator)
    group.capacity = 2
    group.save_revision().publish()
    offer_services.enrolment_promote(enrolment=waiting, by=coordinator)
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.ENROLLED
    assert waiting.enrolled_by == coordinator


def test_cancelling_twice_is_refused():
    enrolment = offer_services.enrolment_create(group=GroupPageFactory(), person=UserFactory())
    offer_services.enrolment_cancel(enrolment=enrolment)
    with pytest.raises(ValidationError):
        offer_services.enrolment_cancel(enrolment=enrolment)


def test_after_cancelling_a_person_may_sign_up_again():
    group = GroupPageFactory()
    person = UserFactory()
    offer_services.enrolment_cancel(
        enrolment=offer_services.enrolment_create(group=group, person=person)
    )
    again = offer_services.enrolment_create(group=group, person=person)
    assert again.status == EnrolmentStatus.ENROLLED
    assert Enrolment.objects.filter(group=group, person=person).count() == 2


def test_assisted_enrolment_without_account_needs_a_phone_or_email():
    group = GroupPageFactory()
    trainer = UserFactory()
    with pytest.raises(ValidationError):
        offer_services.assisted_enrolment_create(
            group=group, full_name="Kees", phone=" ", by=trainer
        )
    enrolment = offer_services.assisted_enrolment_create(
        group=group, full_name="Kees Bos", phone="06 12345678", by=trainer
    )
    person = enrolment.person
    assert person.full_name == "Kees Bos" and not person.has_email
    assert not person.has_usable_password()
    assert enrolment.enrolled_by == trainer


def test_series_every_week_skips_chosen_dates_and_keeps_local_time_across_dst():
    group = GroupPageFactory()
    meetings = offer_services.meeting_series_create(
        group=group,
        first_date=datetime.date(2026, 10, 15),
        start_time=datetime.time(19, 0),
        end_time=datetime.time(21, 0),
        frequency="weekly",
        count=4,
        skip=[datetime.date(2026, 10, 22)],
    )
    local = [timezone.localtime(m.starts_at) for m in meetings]
    assert [d.date() for d in local] == [
        datetime.date(2026, 10, 15),
        datetime.date(2026, 10, 29),
        datetime.date(2026, 11, 5),
        datetime.date(2026, 11, 12),
    ]
    assert {d.hour for d in local} == {19}
    offsets = [timezone.localtime(m.starts_at).utcoffset() for m in (meetings[0], meetings[-1])]
    assert offsets == [timedelta(hours=2), timedelta(hours=1)]


def test_series_every_month_on_the_same_weekday_and_until_a_date():
    dates = offer_services.series_dates(
        first_date=datetime.date(2026, 1, 6),  # first Tuesday
        frequency="monthly",
        until=datetime.date(2026, 4, 30),
    )
    assert dates == [
        datetime.date(2026, 1, 6),
        datetime.date(2026, 2, 3),
        datetime.date(2026, 3, 3),
        datetime.date(2026, 4, 7),
    ]
    biweekly = offer_services.series_dates(
        first_date=datetime.date(2026, 1, 6), frequency="biweekly", count=3
    )
    assert biweekly == [
        datetime.date(2026, 1, 6),
        datetime.date(2026, 1, 20),
        datetime.date(2026, 2, 3),
    ]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"until": datetime.date(2025, 1, 1)},
        {},
    ],
)
def test_a_series_without_a_sensible_end_is_refused_and_nothing_is_saved(kwargs):
    group = GroupPageFactory()
    with pytest.raises(ValidationError):
        offer_services.meeting_series_create(
            group=group,
            first_date=datetime.date(2026, 1, 6),
            start_time=datetime.time(10),
            end_time=datetime.time(12),
            frequency="weekly",
            **kwargs,
        )
    assert not group.meetings.exists()


def test_a_meeting_ending_before_it_starts_is_refused():
    group = GroupPageFactory()
    with pytest.raises(ValidationError):
        offer_services.meeting_series_create(
            group=group,
            first_date=datetime.date(2026, 1, 6),
            start_time=datetime.time(12),
            end_time=datetime.time(10),
            frequency="weekly",
            count=2,
        )
    assert not group.meetings.exists()


def test_moving_raises_the_sequence_and_cancelling_keeps_the_meeting():
    meeting = MeetingFactory()
    later = meeting.starts_at + timedelta(days=1)
    moved = offer_services.meeting_move(
        meeting=meeting, starts_at=later, ends_at=later + timedelta(hours=2)
    )
    assert moved.sequence == 1
    unchanged = offer_services.meeting_move(
        meeting=moved, starts_at=moved.starts_at, ends_at=moved.ends_at
    )
    assert unchanged.sequence == 1
    cancelled = offer_services.meeting_cancel(meeting=moved)
    assert cancelled.status == MeetingStatus.CANCELLED and cancelled.sequence == 2
    with pytest.raises(ValidationError):
        offer_services.meeting_move(
            meeting=cancelled, starts_at=later, ends_at=later + timedelta(hours=1)
        )


def test_publishing_the_page_never_touches_meetings_or_enrolments():
    group = GroupPageFactory(capacity=3)
    meeting = MeetingFactory(group=group)
    enrolment = offer_services.enrolment_create(group=group, person=UserFactory())
    group.title = "Nieuwe titel"
    group.capacity = 1
    group.save_revision().publish()
    group.unpublish()
    group.save_revision().publish()
    meeting.refresh_from_db()
    enrolment.refresh_from_db()
    assert meeting.sequence == 0 and meeting.status == MeetingStatus.PLANNED
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_a_sign_out_is_confirmed_by_mail_once_saying_who_did_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    coordinator = UserFactory(full_name="Sanne Bakker")
    group = GroupPageFactory(title="Spaarkring West")
    by_staff = offer_services.enrolment_create(group=group, person=UserFactory())
    by_self = offer_services.enrolment_create(
        group=group, person=UserFactory(preferred_language="en")
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        offer_services.enrolment_cancel(enrolment=by_staff, by=coordinator)
        offer_services.enrolment_cancel(enrolment=by_self, by=by_self.person)
        with pytest.raises(ValidationError):
            offer_services.enrolment_cancel(enrolment=by_self, by=by_self.person)
    assert [m.to for m in mailoutbox] == [[by_staff.person.email], [by_self.person.email]]
    assert "Sanne Bakker" in mailoutbox[0].body
    assert "Spaarkring West" in mailoutbox[0].subject
    assert "Spaarkring West" in mailoutbox[1].subject
    assert "You have signed out of Spaarkring West" in mailoutbox[1].body


def test_an_account_that_is_erased_gets_no_sign_out_mail(
    mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = offer_services.enrolment_create(group=GroupPageFactory(), person=UserFactory())
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        offer_services.enrolment_cancel(enrolment=enrolment)
    assert mailoutbox == []


def test_a_topic_change_counts_as_a_change():
    meeting = MeetingFactory(topic="Post ordenen")
    changed = offer_services.meeting_move(
        meeting=meeting, starts_at=meeting.starts_at, ends_at=meeting.ends_at, topic="Budget maken"
    )
    assert changed.topic == "Budget maken" and changed.sequence == 1


def test_only_volunteers_and_staff_sign_up_for_a_training():
    training = GroupPageFactory(kind=GroupKind.TRAINING)
    with pytest.raises(ValidationError):
        offer_services.enrolment_create(group=training, person=UserFactory())
    volunteer = MembershipFactory(role=Role.VOLUNTEER, organisation=training.organisation).user
    assert offer_services.enrolment_create(group=training, person=volunteer).status == "enrolled"


def test_a_training_is_for_its_own_organisations_volunteers_unless_opened():
    training = GroupPageFactory(kind=GroupKind.TRAINING)
    elsewhere = MembershipFactory(role=Role.VOLUNTEER).user
    with pytest.raises(ValidationError):
        offer_services.enrolment_create(group=training, person=elsewhere)
    training.open_to_other_organisations = True
    training.save()
    assert offer_services.enrolment_create(group=training, person=elsewhere).status == "enrolled"
