"""The savings-circle ledger: deposits, corrections, goals, what each role
sees, and the pay-out statement."""

import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from groups.models import (
    MAX_DEPOSIT,
    EntryKind,
    GroupKind,
    LedgerSummary,
    MeetingStatus,
    SavingsEntry,
    SavingsGoal,
)
from groups.offer import services as offer_services
from groups.savings import services as savings_services
from groups.savings.forms import euro, parse_amount
from groups.savings.selectors import progress
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch():
    # Expected texts are computed with the same gettext the pages use, so
    # the tests hold before and after the Dutch translations are compiled.
    with translation.override("nl"):
        yield


def make_circle(members=3, *, fines=False, fine_amount="2.00"):
    trainer = UserFactory(full_name="Tineke Trainer")
    group = GroupPageFactory(kind=GroupKind.SAVINGS_CIRCLE, trainers=[trainer])
    people = [
        EnrolmentFactory(group=group, person=UserFactory(full_name=f"Lid {n:02d}")).person
        for n in range(members)
    ]
    meeting = MeetingFactory(group=group, starts_at=timezone.now() - datetime.timedelta(hours=1))
    circle = savings_services.savings_circle_for(group=group)
    if fines:
        circle.fines_enabled, circle.fine_amount = True, Decimal(fine_amount)
        circle.save()
    return circle, meeting, trainer, people


def deposits_url(meeting):
    return reverse("groups:deposits", args=[meeting.pk])


def ledger_url(circle):
    return reverse("groups:ledger", args=[circle.group_id])


def payout_url(circle, person):
    return reverse("groups:payout", args=[circle.group_id, person.pk])


def field(person):
    return f"amount-{person.pk}"


def seen(circle, meeting):
    return savings_services.last_entry_id(circle=circle, meeting=meeting)


def python_totals(circle):
    """Saved per person, summed row by row in Python."""
    totals = {}
    for entry in SavingsEntry.objects.filter(circle=circle).select_related("corrects"):
        if entry.kind == EntryKind.DEPOSIT:
            change = entry.amount
        elif entry.kind == EntryKind.CORRECTION and entry.corrects.kind == EntryKind.DEPOSIT:
            change = -entry.amount
        else:
            change = Decimal("0")
        totals[entry.person_id] = totals.get(entry.person_id, Decimal("0")) + change
    return totals


# Totals -------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_totals_always_equal_the_sum_of_the_entries(client, seed):
    rng = random.Random(seed)
    circle, meeting, trainer, people = make_circle(5, fines=True)
    meetings = [meeting] + [
        MeetingFactory(
            group=circle.group, starts_at=timezone.now() - datetime.timedelta(days=14 * n)
        )
        for n in range(1, 4)
    ]
    for each in meetings:
        amounts = {
            person.pk: rng.choice([None, Decimal("0"), Decimal(rng.randint(1, 5000)) / 100])
            for person in people
        }
        amounts[people[0].pk] = Decimal("7.77")  # never an empty meeting
        savings_services.deposits_record(circle=circle, meeting=each, amounts=amounts, by=trainer)
    entries = list(SavingsEntry.objects.filter(circle=circle))
    for entry in rng.sample(entries, k=len(entries) // 3):
        savings_services.entry_correct(entry=entry, by=trainer, note="test")

    expected = python_totals(circle)
    totals = SavingsEntry.objects.filter(circle=circle).totals_by_person()
    assert totals == expected
    assert all(isinstance(amount, Decimal) for amount in totals.values())

    client.force_login(trainer)
    html = client.get(ledger_url(circle)).content.decode()
    assert f"€ {euro(sum(expected.values()))}" in html
    for person in people:
        assert f"€ {euro(expected.get(person.pk, Decimal('0')))}" in html


def test_correcting_a_fine_does_not_touch_the_savings():
    circle, meeting, trainer, (saver, skipper, *_rest) = make_circle(3, fines=True)
    savings_services.deposits_record(
        circle=circle,
        meeting=meeting,
        amounts={saver.pk: Decimal("10.00"), skipper.pk: None},
        by=trainer,
    )
    fine = SavingsEntry.objects.get(person=skipper, kind=EntryKind.FINE)
    savings_services.entry_correct(entry=fine, by=trainer, note="was ziek")
    summary = SavingsEntry.objects.filter(circle=circle).summary_by("person_id")
    assert summary[skipper.pk].saved == 0
    assert summary[skipper.pk].fines_due == 0
    assert summary[saver.pk].saved == Decimal("10.00")


# Recording deposits --------------------------------------------------------


def test_trainer_records_deposits_with_a_dutch_comma(client):
    circle, meeting, trainer, (anna, bob, cas) = make_circle(3)
    client.force_login(trainer)
    html = client.get(deposits_url(meeting)).content.decode()
    assert 'inputmode="decimal"' in html and anna.full_name in html

    response = client.post(
        deposits_url(meeting),
        {
            field(anna): "12,50",
            field(bob): "€ 1.000",
            field(cas): "5,-",
            "seen": seen(circle, meeting),
        },
    )
    assert response.status_code == 302
    assert SavingsEntry.objects.filter(circle=circle).totals_by_person() == {
        anna.pk: Decimal("12.50"),
        bob.pk: Decimal("1000.00"),
        cas.pk: Decimal("5.00"),
    }
    # The page shows what is recorded; a second save adds, never overwrites.
    html = client.get(deposits_url(meeting)).content.decode()
    assert "12,50" in html
    client.post(deposits_url(meeting), {field(anna): "2,50", "seen": seen(circle, meeting)})
    assert SavingsEntry.objects.filter(person=anna).count() == 2


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", lambda: _("Fill in an amount in euros, for example 12,50.")),
        ("-5", lambda: _("An amount cannot be negative.")),
        (
            "10000000",
            lambda: _("An amount can be at most € %(max)s.") % {"max": euro(MAX_DEPOSIT)},
        ),
        ("12,345", lambda: _("Use at most 2 digits after the comma, for example 12,50.")),
        ("12.5.0", lambda: _("Fill in an amount in euros, for example 12,50.")),
    ],
)
def test_bad_amount_gives_a_message_keeps_the_input_and_saves_nothing(client, typed, message):
    circle, meeting, trainer, (anna, bob, _cas) = make_circle(3)
    client.force_login(trainer)
    response = client.post(
        deposits_url(meeting),
        {field(anna): typed, field(bob): "12,50", "seen": seen(circle, meeting)},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message() in html
    assert f'value="{typed}"' in html and 'value="12,50"' in html
    assert 'aria-invalid="true"' in html
    assert not SavingsEntry.objects.exists()


def test_an_empty_form_saves_nothing(client):
    circle, meeting, trainer, _people = make_circle(3, fines=True)
    client.force_login(trainer)
    response = client.post(deposits_url(meeting), {"seen": seen(circle, meeting)})
    assert response.status_code == 200
    message = _("Fill in at least one amount. Type 0 for a member who saves nothing this time.")
    assert message in response.content.decode()
    assert not SavingsEntry.objects.exists()


def test_a_stale_form_saves_nothing_and_keeps_the_input(client):
    """A double submit, or two bookkeepers at once: nothing counted twice."""
    circle, meeting, trainer, (anna, bob, _cas) = make_circle(3)
    client.force_login(trainer)
    stale = seen(circle, meeting)
    client.post(deposits_url(meeting), {field(anna): "10", "seen": stale})
    response = client.post(deposits_url(meeting), {field(anna): "10", "seen": stale})
    assert response.status_code == 200
    message = _("Someone saved deposits for this meeting in the meantime. Check the amounts.")
    assert message in response.content.decode()
    assert SavingsEntry.objects.count() == 1
    # After looking, saving again works.
    response = client.post(deposits_url(meeting), {field(bob): "3", "seen": seen(circle, meeting)})
    assert response.status_code == 302
    assert SavingsEntry.objects.count() == 2


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("12,50", "12.50"),
        ("12.50", "12.50"),
        ("12,5", "12.50"),
        (",75", "0.75"),
        ("1.000", "1000.00"),
        ("1.000,25", "1000.25"),
        ("€ 7", "7.00"),
        ("12,-", "12.00"),
        ("12,500", "12.50"),
        (" 3 ", "3.00"),
    ],
)
def test_amounts_are_read_the_dutch_way(typed, amount):
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["abc", "1,2,3", "1.00.0", "12,3x", "1e3", "--5", "NaN"])
def test_unreadable_amounts_are_refused(typed):
    with pytest.raises(ValidationError):
        parse_amount(typed)


def test_no_deposits_for_a_cancelled_or_future_meeting(client):
    circle, meeting, trainer, (anna, *_rest) = make_circle(2)
    future = MeetingFactory(
        group=circle.group, starts_at=timezone.now() + datetime.timedelta(days=7)
    )
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    client.force_login(trainer)
    for each in (meeting, future):
        response = client.post(deposits_url(each), {field(anna): "5", "seen": 0})
        assert response.status_code == 200
        assert savings_services.deposits_refusal(each) in response.content.decode()
    assert not SavingsEntry.objects.exists()


def test_deposits_only_for_a_meeting_of_the_circle():
    circle, _meeting, trainer, (anna, *_rest) = make_circle(2)
    other, other_meeting, _t, _p = make_circle(1)
    with pytest.raises(ValidationError):
        savings_services.deposits_record(
            circle=circle, meeting=other_meeting, amounts={anna.pk: Decimal("1")}, by=trainer
        )


# Fines --------------------------------------------------------------------


def test_no_fines_unless_enabled():
    circle, meeting, trainer, (anna, bob, cas) = make_circle(3)
    savings_services.deposits_record(
        circle=circle,
        meeting=meeting,
        amounts={anna.pk: Decimal("5"), bob.pk: None, cas.pk: Decimal("0")},
        by=trainer,
    )
    assert not SavingsEntry.objects.filter(kind=EntryKind.FINE).exists()


def test_fines_when_enabled_once_per_meeting(client):
    circle, meeting, trainer, (anna, bob, cas) = make_circle(3, fines=True, fine_amount="1.50")
    client.force_login(trainer)
    client.post(deposits_url(meeting), {field(anna): "5", field(cas): "0", "seen": 0})
    fines = SavingsEntry.objects.filter(kind=EntryKind.FINE)
    assert {fine.person_id for fine in fines} == {bob.pk, cas.pk}
    assert {fine.amount for fine in fines} == {Decimal("1.50")}
    # Saving again (bob brings his money late) fines nobody a second time.
    client.post(deposits_url(meeting), {field(bob): "5", "seen": seen(circle, meeting)})
    assert SavingsEntry.objects.filter(kind=EntryKind.FINE).count() == 2
    summary = SavingsEntry.objects.filter(circle=circle).summary_by("person_id")
    assert summary[cas.pk].payout == Decimal("0.00")
    assert summary[cas.pk].fines_owed == Decimal("1.50")
    assert summary[bob.pk].payout == Decimal("3.50")


# Corrections ----------------------------------------------------------------


def test_a_correction_cancels_an_entry_once(client):
    circle, meeting, trainer, (anna, *_rest) = make_circle(2)
    (entry,) = savings_services.deposits_record(
        circle=circle, meeting=meeting, amounts={anna.pk: Decimal("50.00")}, by=trainer
    )
    client.force_login(trainer)
    url = reverse("groups:entry_correct", args=[circle.group_id, entry.pk])
    assert client.get(url).status_code == 200
    assert SavingsEntry.objects.count() == 1  # the GET only asks

    response = client.post(url, {"note": "Typefout"})
    assert response.status_code == 302
    correction = SavingsEntry.objects.get(kind=EntryKind.CORRECTION)
    assert correction.corrects_id == entry.pk and correction.amount == Decimal("50.00")
    assert correction.note == "Typefout"
    assert SavingsEntry.objects.filter(circle=circle).totals_by_person()[anna.pk] == 0

    client.post(url, {"note": "nog eens"})
    assert SavingsEntry.objects.filter(kind=EntryKind.CORRECTION).count() == 1
    with pytest.raises(ValidationError):
        savings_services.entry_correct(entry=entry, by=trainer)
    with pytest.raises(ValidationError):
        savings_services.entry_correct(entry=correction, by=trainer)
    html = client.get(ledger_url(circle)).content.decode()
    assert reverse("groups:entry_correct", args=[circle.group_id, entry.pk]) not in html


def test_entries_are_never_edited(client):
    circle, meeting, trainer, (anna, *_rest) = make_circle(2)
    (entry,) = savings_services.deposits_record(
        circle=circle, meeting=meeting, amounts={anna.pk: Decimal("20.00")}, by=trainer
    )
    before = SavingsEntry.objects.values().get(pk=entry.pk)
    entry.amount = Decimal("25.00")
    with pytest.raises(ValidationError):
        entry.save()

    client.force_login(trainer)
    client.post(reverse("groups:entry_correct", args=[circle.group_id, entry.pk]), {"note": "fout"})
    client.post(deposits_url(meeting), {field(anna): "25", "seen": seen(circle, meeting)})
    assert SavingsEntry.objects.values().get(pk=entry.pk) == before
    assert SavingsEntry.objects.count() == 3
    assert SavingsEntry.objects.filter(circle=circle).totals_by_person()[anna.pk] == 25


def test_an_entry_of_another_group_cannot_be_corrected_through_this_one(client):
    circle, meeting, trainer, (anna, *_rest) = make_circle(1)
    other, other_meeting, other_trainer, (bob,) = make_circle(1)
    (entry,) = savings_services.deposits_record(
        circle=other, meeting=other_meeting, amounts={bob.pk: Decimal("5")}, by=other_trainer
    )
    client.force_login(trainer)
    url = reverse("groups:entry_correct", args=[circle.group_id, entry.pk])
    assert client.post(url).status_code == 404
    assert not SavingsEntry.objects.filter(kind=EntryKind.CORRECTION).exists()


# Who may do what -------------------------------------------------------------


def test_bookkeeper_may_record_an_ordinary_member_may_not(client):
    circle, meeting, _trainer, (keeper, member, *_rest) = make_circle(3)
    circle.bookkeeper = keeper
    circle.save()

    client.force_login(member)
    assert client.get(deposits_url(meeting)).status_code == 404
    assert client.post(deposits_url(meeting), {field(member): "500", "seen": 0}).status_code == 404
    assert client.get(ledger_url(circle)).status_code == 404
    assert not SavingsEntry.objects.exists()

    client.force_login(keeper)
    assert client.get(ledger_url(circle)).status_code == 200
    response = client.post(deposits_url(meeting), {field(member): "5", "seen": 0})
    assert response.status_code == 302
    assert SavingsEntry.objects.get().recorded_by == keeper
    # Statements are for the member and the trainers, not the bookkeeper.
    assert client.get(payout_url(circle, member)).status_code == 404


def test_a_bookkeeper_who_left_no_longer_keeps_the_books(client):
    circle, meeting, _trainer, (keeper, *_rest) = make_circle(2)
    circle.bookkeeper = keeper
    circle.save()
    offer_services.enrolment_cancel(enrolment=keeper.enrolments.get(), by=keeper)
    client.force_login(keeper)
    assert client.get(deposits_url(meeting)).status_code == 404


def test_coordinator_of_the_organisation_keeps_the_books(client):
    circle, meeting, _trainer, _people = make_circle(2)
    coordinator = MembershipFactory(
        organisation=circle.group.organisation, role=Role.COORDINATOR
    ).user
    outsider = MembershipFactory(role=Role.COORDINATOR).user
    client.force_login(coordinator)
    assert client.get(deposits_url(meeting)).status_code == 200
    assert client.get(ledger_url(circle)).status_code == 200
    client.force_login(outsider)
    assert client.get(deposits_url(meeting)).status_code == 404
    assert client.get(ledger_url(circle)).status_code == 404


def test_members_see_only_their_own_amounts_and_the_group_total(client):
    circle, meeting, trainer, (anna, bob, _cas) = make_circle(3)
    savings_services.deposits_record(
        circle=circle,
        meeting=meeting,
        amounts={anna.pk: Decimal("11.11"), bob.pk: Decimal("22.22")},
        by=trainer,
    )
    savings_services.savings_goal_set(
        circle=circle, person=bob, purpose="Geheime fiets", target_amount=Decimal("300")
    )
    client.force_login(anna)
    html = client.get(reverse("people:my")).content.decode()
    assert "11,11" in html and "33,33" in html
    assert "22,22" not in html and bob.full_name not in html and "Geheime fiets" not in html
    assert circle.cycle_end.strftime("%Y") in html

    assert client.get(payout_url(circle, anna)).status_code == 200
    assert client.get(payout_url(circle, bob)).status_code == 404
    assert client.get(ledger_url(circle)).status_code == 404


def test_payout_statement(client):
    circle, meeting, trainer, (anna, bob, _cas) = make_circle(3, fines=True)
    entries = savings_services.deposits_record(
        circle=circle,
        meeting=meeting,
        amounts={anna.pk: Decimal("40.00"), bob.pk: Decimal("15.00")},
        by=trainer,
    )
    savings_services.entry_correct(entry=entries[0], by=trainer, note="moest 30 zijn")
    later = MeetingFactory(
        group=circle.group, starts_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    savings_services.deposits_record(
        circle=circle, meeting=later, amounts={anna.pk: Decimal("30.00")}, by=trainer
    )
    client.force_login(trainer)
    html = client.get(payout_url(circle, anna)).content.decode()
    assert anna.full_name in html and circle.group.organisation.name in html
    assert "moest 30 zijn" in html and "€&nbsp;30,00" in html
    assert _("Signature") in html
    assert "15,00" not in html  # nothing of bob's
    stranger = UserFactory()
    assert client.get(payout_url(circle, stranger)).status_code == 404

    client.force_login(anna)
    assert client.get(payout_url(circle, anna)).status_code == 200
    client.force_login(bob)
    assert client.get(payout_url(circle, anna)).status_code == 404
    client.force_login(stranger)
    assert client.get(payout_url(circle, stranger)).status_code == 404


def test_only_savings_circles_have_a_ledger(client):
    trainer = UserFactory()
    course = GroupPageFactory(kind=GroupKind.BUDGET_COURSE, trainers=[trainer])
    meeting = MeetingFactory(group=course, starts_at=timezone.now())
    client.force_login(trainer)
    assert client.get(reverse("groups:ledger", args=[course.pk])).status_code == 404
    assert client.get(deposits_url(meeting)).status_code == 404
    with pytest.raises(ValidationError):
        savings_services.savings_circle_for(group=course)


def test_anonymous_visitors_are_sent_to_log_in(client):
    circle, meeting, _trainer, (anna, *_rest) = make_circle(1)
    for url in (deposits_url(meeting), ledger_url(circle), payout_url(circle, anna)):
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response["Location"]


# Goals and progress ------------------------------------------------------------


@pytest.mark.parametrize(
    ("saved", "target", "percent", "reached"),
    [
        ("0", "100", 0, None),
        ("24.99", "100", 24, None),
        ("25", "100", 25, 25),
        ("99.99", "100", 99, 75),
        ("100", "100", 100, 100),
        ("150", "100", 150, 100),
    ],
)
def test_progress_and_milestones(saved, target, percent, reached):
    result = progress(Decimal(saved), Decimal(target))
    assert result["percent"] == percent and result["reached"] == reached
    assert result["bar"] == min(percent, 100)


def test_trainer_sets_a_goal_on_the_ledger(client):
    circle, _meeting, trainer, (anna, *_rest) = make_circle(2)
    client.force_login(trainer)
    prefix = f"goal-{anna.pk}"
    response = client.post(
        ledger_url(circle),
        {"person": anna.pk, f"{prefix}-purpose": "Wasmachine", f"{prefix}-target_amount": "abc"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Wasmachine"' in html and 'value="abc"' in html
    assert not SavingsGoal.objects.exists()

    response = client.post(
        ledger_url(circle),
        {"person": anna.pk, f"{prefix}-purpose": "Wasmachine", f"{prefix}-target_amount": "450"},
    )
    assert response.status_code == 302
    assert SavingsGoal.objects.get().target_amount == Decimal("450.00")
    stranger = UserFactory()
    response = client.post(
        ledger_url(circle),
        {"person": stranger.pk, f"goal-{stranger.pk}-purpose": "x"},
    )
    assert response.status_code == 404


def test_member_sets_own_goal_once_and_sees_success(client):
    circle, meeting, trainer, (anna, *_rest) = make_circle(2)
    client.force_login(anna)
    html = client.get(reverse("people:my")).content.decode()
    assert reverse("groups:my_goal", args=[circle.group_id]) in html

    url = reverse("groups:my_goal", args=[circle.group_id])
    prefix = f"goal-{circle.group_id}"
    response = client.post(url, {f"{prefix}-purpose": "", f"{prefix}-target_amount": "-3"})
    assert response.status_code == 200 and not SavingsGoal.objects.exists()
    assert client.post(
        url, {f"{prefix}-purpose": "Buffer", f"{prefix}-target_amount": "200"}
    ).status_code == (302)
    client.post(url, {f"{prefix}-purpose": "Anders", f"{prefix}-target_amount": "1"})
    assert SavingsGoal.objects.get().purpose == "Buffer"  # set once; the trainer changes it

    savings_services.deposits_record(
        circle=circle, meeting=meeting, amounts={anna.pk: Decimal("100.00")}, by=trainer
    )
    html = client.get(reverse("people:my")).content.decode()
    assert _("You have reached half of your goal!") in html
    assert 'value="50"' in html and "(50%)" in html


def test_member_of_a_circle_without_ledger_can_set_a_goal(client):
    trainer = UserFactory()
    group = GroupPageFactory(kind=GroupKind.SAVINGS_CIRCLE, trainers=[trainer])
    anna = EnrolmentFactory(group=group).person
    client.force_login(anna)
    assert (
        reverse("groups:my_goal", args=[group.pk])
        in client.get(reverse("people:my")).content.decode()
    )
    prefix = f"goal-{group.pk}"
    client.post(
        reverse("groups:my_goal", args=[group.pk]),
        {f"{prefix}-purpose": "Fiets", f"{prefix}-target_amount": "150,00"},
    )
    assert SavingsGoal.objects.get(person=anna).circle.group == group


def test_someone_outside_the_group_cannot_set_a_goal(client):
    circle, _meeting, _trainer, _people = make_circle(1)
    client.force_login(UserFactory())
    url = reverse("groups:my_goal", args=[circle.group_id])
    assert client.get(url).status_code == 404


# Query counts -----------------------------------------------------------------


DEPOSITS_QUERIES = 19  # with the open round and whether its pay-outs began
LEDGER_QUERIES = 27  # with the audit entry, the open round, earlier rounds and shared lines
# With the check for a repeated amount, the summary in the session, the open
# round and its pay-outs (in the view and again under the lock) and the goals.
SAVE_DEPOSITS_QUERIES = 26


@pytest.mark.parametrize("members", [3, 30])
def test_query_counts_do_not_grow_with_the_group(client, django_assert_max_num_queries, members):
    circle, meeting, trainer, people = make_circle(members, fines=True)
    savings_services.deposits_record(
        circle=circle,
        meeting=meeting,
        amounts={person.pk: Decimal("5.00") for person in people},
        by=trainer,
    )
    savings_services.entry_correct(
        entry=SavingsEntry.objects.filter(circle=circle).first(), by=trainer
    )
    savings_services.savings_goal_set(
        circle=circle, person=people[0], purpose="Fiets", target_amount=Decimal("100")
    )
    later = MeetingFactory(
        group=circle.group, starts_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    client.force_login(trainer)
    for url, count in (
        (deposits_url(later), DEPOSITS_QUERIES),
        (ledger_url(circle), LEDGER_QUERIES),
    ):
        client.get(url)  # warm caches (site root, menu)
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
    data = {field(person): "2,50" for person in people[1:]}
    data["seen"] = seen(circle, later)
    with django_assert_max_num_queries(SAVE_DEPOSITS_QUERIES):
        assert client.post(deposits_url(later), data).status_code == 302


def test_the_pay_out_is_never_negative_and_unpaid_fines_are_shown_apart():
    summary = LedgerSummary(Decimal("0"), Decimal("0"), Decimal("1.00"), Decimal("0"))
    assert summary.payout == Decimal("0.00")
    assert summary.fines_owed == Decimal("1.00")
    richer = LedgerSummary(Decimal("10"), Decimal("0"), Decimal("1.00"), Decimal("0"))
    assert richer.payout == Decimal("9.00") and richer.fines_owed == Decimal("0.00")
