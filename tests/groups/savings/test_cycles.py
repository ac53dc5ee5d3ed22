"""Savings rounds: the pay-out booked per member, closing a round with its
statement, the next round with the same members, and the signals of a
member's success."""

import contextlib
import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from groups.models import EnrolmentStatus, EntryKind, SavingsCycle, SavingsEntry, SavingsSuccess
from groups.savings import cycles
from groups.savings import services as savings_services
from groups.savings.selectors import ledger
from groups.savings.signals import savings_goal_reached, savings_paid_out
from groups.savings.statements import cycle_rows
from tests.groups.factories import MeetingFactory

from .circles import deposit, make_circle, open_cycle

pytestmark = pytest.mark.django_db

NEXT_PAYOUT = datetime.date.today() + datetime.timedelta(days=200)


def book_all(cycle, people, trainer):
    for person in people:
        cycles.payout_book(cycle=cycle, person=person, by=trainer)


def test_every_circle_has_one_open_round_that_deposits_go_into():
    circle, meeting, trainer, people = make_circle(2)
    entries = deposit(circle, meeting, trainer, {people[0]: "5.00"})
    cycle = open_cycle(circle)
    assert cycle.number == 1 and cycle.is_open
    assert cycle.starts_on == circle.cycle_start and cycle.payout_planned_on == circle.cycle_end
    assert {entry.cycle_id for entry in entries} == {cycle.pk}


def test_the_database_refuses_a_second_open_round():
    circle, _meeting, _trainer, _people = make_circle(1)
    cycle = open_cycle(circle)
    with pytest.raises(IntegrityError), transaction.atomic():
        SavingsCycle.objects.create(
            circle=circle, number=2, starts_on=cycle.starts_on, payout_planned_on=NEXT_PAYOUT
        )


def test_the_pay_out_is_the_savings_less_the_fines_that_stand():
    circle, meeting, trainer, people = make_circle(2, fines=True, fine_amount="2.00")
    deposit(circle, meeting, trainer, {people[0]: "10.00", people[1]: "0"})
    later = MeetingFactory(group=circle.group, starts_at=timezone.now())
    deposit(circle, later, trainer, {people[0]: "0", people[1]: "15.00"})
    cycle = open_cycle(circle)
    first = cycles.payout_book(cycle=cycle, person=people[0], by=trainer)
    second = cycles.payout_book(cycle=cycle, person=people[1], by=trainer)
    assert (first.kind, first.amount, first.recorded_by) == (
        EntryKind.PAYOUT,
        Decimal("8.00"),
        trainer,
    )
    assert second.amount == Decimal("13.00")
    summary = SavingsEntry.objects.filter(cycle=cycle).summary_by("person_id")[people[0].pk]
    assert summary.paid_out == Decimal("8.00") and summary.to_pay == Decimal("0.00")


def test_booking_a_pay_out_twice_is_refused():
    circle, meeting, trainer, people = make_circle(1)
    deposit(circle, meeting, trainer, {people[0]: "10.00"})
    cycle = open_cycle(circle)
    cycles.payout_book(cycle=cycle, person=people[0], by=trainer)
    with pytest.raises(ValidationError) as refused:
        cycles.payout_book(cycle=cycle, person=people[0], by=trainer)
    assert refused.value.code == cycles.ALREADY_PAID
    assert SavingsEntry.objects.filter(kind=EntryKind.PAYOUT).count() == 1


def test_nothing_to_pay_out_is_not_booked():
    circle, _meeting, trainer, people = make_circle(1)
    with pytest.raises(ValidationError):
        cycles.payout_book(cycle=open_cycle(circle), person=people[0], by=trainer)
    assert not SavingsEntry.objects.exists()


def test_someone_outside_the_round_is_not_paid_out():
    circle, meeting, trainer, people = make_circle(1)
    deposit(circle, meeting, trainer, {people[0]: "10.00"})
    with pytest.raises(ValidationError):
        cycles.payout_book(cycle=open_cycle(circle), person=trainer, by=trainer)


def test_a_wrong_pay_out_is_corrected_with_a_new_entry_and_booked_again():
    circle, meeting, trainer, people = make_circle(1)
    deposit(circle, meeting, trainer, {people[0]: "10.00"})
    cycle = open_cycle(circle)
    payout = cycles.payout_book(cycle=cycle, person=people[0], by=trainer)
    correction = savings_services.entry_correct(entry=payout, by=trainer, note="verkeerd")
    assert correction.cycle == cycle and correction.effect == Decimal("10.00")
    payout.refresh_from_db()
    assert payout.amount == Decimal("10.00")  # the original line stays as it was
    summary = SavingsEntry.objects.filter(cycle=cycle).summary_by("person_id")[people[0].pk]
    assert summary.to_pay == Decimal("10.00")
    again = cycles.payout_book(cycle=cycle, person=people[0], by=trainer)
    assert again.amount == Decimal("10.00")


def test_after_a_pay_out_deposits_and_their_corrections_wait_for_the_next_round():
    circle, meeting, trainer, people = make_circle(2)
    entries = deposit(circle, meeting, trainer, {people[0]: "10.00", people[1]: "4.00"})
    cycles.payout_book(cycle=open_cycle(circle), person=people[0], by=trainer)
    with pytest.raises(ValidationError):
        deposit(circle, meeting, trainer, {people[1]: "1.00"})
    with pytest.raises(ValidationError):
        savings_services.entry_correct(entry=entries[0], by=trainer)


def test_a_round_closes_only_when_every_pay_out_is_booked():
    circle, meeting, trainer, people = make_circle(2)
    deposit(circle, meeting, trainer, {people[0]: "10.00", people[1]: "4.00"})
    cycle = open_cycle(circle)
    cycles.payout_book(cycle=cycle, person=people[0], by=trainer)
    with pytest.raises(ValidationError) as refused:
        cycles.cycle_close(cycle=cycle, by=trainer, payout_planned_on=NEXT_PAYOUT)
    assert people[1].full_name in str(refused.value)
    cycle.refresh_from_db()
    assert cycle.is_open


def test_closing_starts_the_next_round_with_the_members_who_stay():
    circle, meeting, trainer, people = make_circle(3)
    deposit(circle, meeting, trainer, dict.fromkeys(people, "5.00"))
    cycle = open_cycle(circle)
    book_all(cycle, people, trainer)
    leaver = people[2].enrolments.get()
    leaver.status = EnrolmentStatus.CANCELLED
    leaver.save()
    following = cycles.cycle_close(cycle=cycle, by=trainer, payout_planned_on=NEXT_PAYOUT)
    cycle.refresh_from_db()
    assert not cycle.is_open and cycle.closed_by == trainer
    assert (following.number, following.starts_on) == (2, timezone.localdate())
    assert following.payout_planned_on == NEXT_PAYOUT and open_cycle(circle) == following
    rows = cycle_rows(following)["rows"]
    assert [row["person"] for row in rows] == people[:2]
    assert all(not row["summary"].saved for row in rows)
    book = ledger(following, people[:2])
    assert [row["person"] for row in book["rows"]] == people[:2]
    assert book["group_summary"].saved == 0


def test_the_next_pay_out_day_must_come_after_today():
    circle, _meeting, trainer, _people = make_circle(1)
    cycle = open_cycle(circle)
    with pytest.raises(ValidationError):
        cycles.cycle_close(cycle=cycle, by=trainer, payout_planned_on=timezone.localdate())
    cycle.refresh_from_db()
    assert cycle.is_open


def test_a_closed_round_is_not_closed_again_nor_corrected():
    circle, meeting, trainer, people = make_circle(1)
    entries = deposit(circle, meeting, trainer, {people[0]: "5.00"})
    cycle = open_cycle(circle)
    book_all(cycle, people, trainer)
    cycles.cycle_close(cycle=cycle, by=trainer, payout_planned_on=NEXT_PAYOUT)
    with pytest.raises(ValidationError):
        cycles.cycle_close(cycle=cycle, by=trainer, payout_planned_on=NEXT_PAYOUT)
    with pytest.raises(ValidationError):
        savings_services.entry_correct(entry=entries[0], by=trainer)
    assert SavingsCycle.objects.filter(circle=circle).count() == 2


def _python_sums(cycle):
    """Every entry of the round added up row by row in Python."""
    sums = {"deposits": Decimal("0"), "fines": Decimal("0"), "payouts": Decimal("0")}
    corrections = Decimal("0")
    for entry in SavingsEntry.objects.filter(cycle=cycle):
        if entry.kind == EntryKind.CORRECTION:
            corrections += entry.amount
        else:
            sums[{"deposit": "deposits", "fine": "fines", "payout": "payouts"}[entry.kind]] += (
                entry.amount
            )
    return sums, corrections


def test_the_statement_totals_equal_the_sum_of_the_entries_and_each_balance_is_zero():
    rng = random.Random(12)
    circle, meeting, trainer, people = make_circle(6, fines=True, fine_amount="1.50")
    for days in range(3):
        day = MeetingFactory(
            group=circle.group, starts_at=timezone.now() - datetime.timedelta(days=days)
        )
        amounts = {p: str(Decimal(rng.randint(0, 2000)) / 100) for p in people}
        deposit(circle, day, trainer, amounts)
    wrong = SavingsEntry.objects.filter(kind=EntryKind.DEPOSIT, amount__gt=0).first()
    savings_services.entry_correct(entry=wrong, by=trainer)
    cycle = open_cycle(circle)
    for person in people:
        # Nothing to pay out when the fines ate the savings.
        with contextlib.suppress(ValidationError):
            cycles.payout_book(cycle=cycle, person=person, by=trainer)
    cycles.cycle_close(cycle=cycle, by=trainer, payout_planned_on=NEXT_PAYOUT)
    statement = cycle_rows(SavingsCycle.objects.get(pk=cycle.pk))
    sums, corrections = _python_sums(cycle)
    totals = statement["totals"]
    assert (totals.deposits, totals.fines, totals.payouts) == (
        sums["deposits"],
        sums["fines"],
        sums["payouts"],
    )
    assert totals.corrections == corrections
    for name in ("deposits", "fines", "corrections", "paid_out"):
        assert getattr(totals, name) == sum(
            (getattr(row["summary"], name) for row in statement["rows"]), Decimal("0")
        )
    assert all(row["summary"].to_pay == 0 for row in statement["rows"])
    assert totals.paid_out == sum(
        (
            row["summary"].saved - row["summary"].fines_due
            for row in statement["rows"]
            if row["summary"].saved > row["summary"].fines_due
        ),
        Decimal("0"),
    )


class Heard:
    def __init__(self, signal):
        self.calls = []
        signal.connect(self, dispatch_uid=f"test-{id(self)}")
        self.signal = signal

    def __call__(self, sender, **kwargs):
        self.calls.append(kwargs)

    def close(self):
        self.signal.disconnect(dispatch_uid=f"test-{id(self)}")


@pytest.fixture
def heard():
    listeners = []

    def listen(signal):
        listener = Heard(signal)
        listeners.append(listener)
        return listener

    yield listen
    for listener in listeners:
        listener.close()


def test_a_reached_goal_is_announced_once(heard, django_capture_on_commit_callbacks):
    circle, meeting, trainer, people = make_circle(1)
    reached = heard(savings_goal_reached)
    savings_services.savings_goal_set(
        circle=circle, person=people[0], purpose="Fiets", target_amount=Decimal("20")
    )
    with django_capture_on_commit_callbacks(execute=True):
        deposit(circle, meeting, trainer, {people[0]: "15.00"})
    assert reached.calls == []
    with django_capture_on_commit_callbacks(execute=True):
        deposit(circle, meeting, trainer, {people[0]: "6.00"})
    with django_capture_on_commit_callbacks(execute=True):
        deposit(circle, meeting, trainer, {people[0]: "6.00"})
    assert len(reached.calls) == 1
    call = reached.calls[0]
    assert call["person"] == people[0] and call["cycle"] == open_cycle(circle)
    assert call["success"].goal_reached_at is not None


def test_a_booked_pay_out_is_announced_once(heard, django_capture_on_commit_callbacks):
    circle, meeting, trainer, people = make_circle(1)
    paid = heard(savings_paid_out)
    deposit(circle, meeting, trainer, {people[0]: "10.00"})
    cycle = open_cycle(circle)
    with django_capture_on_commit_callbacks(execute=True):
        entry = cycles.payout_book(cycle=cycle, person=people[0], by=trainer)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        cycles.payout_book(cycle=cycle, person=people[0], by=trainer)
    assert len(paid.calls) == 1
    assert paid.calls[0]["entry"] == entry and paid.calls[0]["person"] == people[0]
    assert SavingsSuccess.objects.get(cycle=cycle, person=people[0]).paid_out_at is not None
