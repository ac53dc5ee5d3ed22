"""What raises an attention signal (groups.attendance.streaks): unannounced
absences in a row raise it, announced ones ("met bericht afwezig") a softer
one; attending ends both streaks, the other kind of absence neither counts
nor ends them, and a meeting without a row for the person is skipped."""

import pytest
from django.core import mail

from groups.attendance import services
from groups.attendance.streaks import Streak, count_streak
from groups.models import AbsenceChannel, AbsenceNotice, AttentionSignal, SignalKind
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

from .test_attendance import meeting_on, page_url, trainer_of

P, L, E, A, NONE = "present", "late", "excused", "absent", None


@pytest.mark.database_free
@pytest.mark.parametrize(
    "newest_first, expected",
    [
        ([A, A], Streak(absent=2)),
        ([A, E, A], Streak(absent=2, excused=1)),
        ([E, E, E], Streak(excused=3)),
        ([E, A, E, A, E], Streak(absent=2, excused=3)),
        ([A, P, A, A], Streak(absent=1)),
        ([E, L, E, E], Streak(excused=1)),
        ([A, NONE, A], Streak(absent=2)),
        ([P, A, A], Streak()),
        ([], Streak()),
    ],
)
def test_attending_ends_both_streaks_and_the_other_absence_ends_neither(newest_first, expected):
    assert count_streak(newest_first) == expected


@pytest.fixture
def setup(db, settings):
    settings.ATTENTION_MISSED_IN_A_ROW = 2
    settings.ATTENTION_EXCUSED_IN_A_ROW = 3
    trainer = trainer_of()
    group = GroupPageFactory(
        organisation=trainer.memberships.get().organisation, trainers=[trainer]
    )
    piet = EnrolmentFactory(group=group).person
    return trainer, group, piet


def register(setup, history, sent):
    """Register `history` (oldest first) for piet, one meeting a week."""
    trainer, group, piet = setup
    for weeks_ago, status in zip(range(len(history), 0, -1), history, strict=True):
        with sent():
            services.attendance_record(
                meeting=meeting_on(group, -7 * weeks_ago), statuses={piet.pk: status}, by=trainer
            )


def the_signal(setup):
    return AttentionSignal.objects.filter(person=setup[2], closed_at__isnull=True).first()


def test_unannounced_absences_raise_the_signal_even_with_an_excused_meeting_between(setup, sent):
    register(setup, [A, E, A], sent)
    signal = the_signal(setup)
    assert (signal.kind, signal.missed) == (SignalKind.UNANNOUNCED, 2)
    assert len(mail.outbox) == 1


def test_someone_excused_every_week_raises_the_softer_signal_without_a_mail(setup, sent):
    trainer, group, piet = setup
    register(setup, [E, E], sent)
    assert the_signal(setup) is None
    with sent():
        services.attendance_record(meeting=meeting_on(group, 0), statuses={piet.pk: E}, by=trainer)
    signal = the_signal(setup)
    assert (signal.kind, signal.missed) == (SignalKind.ANNOUNCED, 3)
    assert mail.outbox == []


def test_a_softer_signal_turns_into_the_signal_and_the_trainers_hear_it_once(setup, sent):
    register(setup, [E, E, E, A, A], sent)
    signal = the_signal(setup)
    assert (signal.kind, signal.missed) == (SignalKind.UNANNOUNCED, 2)
    assert AttentionSignal.objects.count() == 1
    assert len(mail.outbox) == 1


def test_coming_again_closes_either_signal(setup, sent):
    register(setup, [E, E, E, P], sent)
    assert the_signal(setup) is None
    assert AttentionSignal.objects.get().closed_at is not None


def test_an_absence_announced_ahead_counts_as_excused_not_as_slipping_away(
    client, setup, post, settings
):
    settings.ATTENTION_MISSED_IN_A_ROW = 1
    trainer, group, piet = setup
    meeting = meeting_on(group, 0)
    AbsenceNotice.objects.create(meeting=meeting, person=piet, channel=AbsenceChannel.MY_WAAKVLAM)
    client.force_login(trainer)
    # The trainer saves the page as it was filled in.
    post(page_url(meeting), {f"status-{piet.pk}": "excused"})
    assert the_signal(setup) is None


def test_the_softer_signal_reads_gently_on_the_attendance_page(client, setup, sent):
    trainer, group, piet = setup
    register(setup, [E, E, E], sent)
    client.force_login(trainer)
    html = client.get(page_url(meeting_on(group, 0))).content.decode()
    assert "Absent with notice 3 times in a row" in html
    assert "Missed" not in html
