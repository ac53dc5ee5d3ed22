"""The pages of a savings round: booking pay-outs and closing on the public
site, the statements, who may use them, the member's "Gelukt!" with their
own line, and the query counts at two sizes."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from groups.models import EntryKind, SavingsCycle, SavingsEntry, SavingsSuccess
from groups.savings import cycles
from people.models import Role
from tests.factories import MembershipFactory, UserFactory

from .circles import deposit, make_circle, open_cycle

pytestmark = pytest.mark.django_db

NEXT_PAYOUT = timezone.localdate() + datetime.timedelta(days=180)


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def payouts_url(circle):
    return reverse("groups:payouts", args=[circle.group_id])


def close_url(circle):
    return reverse("groups:cycle_close", args=[circle.group_id])


def statement_url(circle, number=1):
    return reverse("groups:cycle_statement", args=[circle.group_id, number])


def member_statement_url(circle, person, number=1):
    return reverse("groups:cycle_payout", args=[circle.group_id, number, person.pk])


def success_url(circle, number=1):
    return reverse("groups:my_success", args=[circle.group_id, number])


def saved_circle(members=2):
    circle, meeting, trainer, people = make_circle(members)
    deposit(circle, meeting, trainer, dict.fromkeys(people, "12.50"))
    return circle, meeting, trainer, people


def paid_and_closed(members=2):
    circle, meeting, trainer, people = saved_circle(members)
    cycle = open_cycle(circle)
    for person in people:
        cycles.payout_book(cycle=cycle, person=person, by=trainer)
    cycles.cycle_close(cycle=cycle, by=trainer, payout_planned_on=NEXT_PAYOUT)
    return circle, trainer, people


def test_the_trainer_books_a_pay_out_once_on_the_phone_page(client):
    circle, _meeting, trainer, people = saved_circle()
    client.force_login(trainer)
    page = client.get(payouts_url(circle)).content.decode()
    assert "12,50" in page and people[0].full_name in page
    response = client.post(payouts_url(circle), {"person": people[0].pk}, follow=True)
    assert response.status_code == 200
    payout = SavingsEntry.objects.get(kind=EntryKind.PAYOUT)
    assert (payout.person, payout.amount, payout.recorded_by) == (
        people[0],
        Decimal("12.50"),
        trainer,
    )
    html = response.content.decode()
    assert trainer.full_name in html  # "uitbetaald op …, door Tineke Trainer"
    again = client.post(payouts_url(circle), {"person": people[0].pk}, follow=True)
    assert SavingsEntry.objects.filter(kind=EntryKind.PAYOUT).count() == 1
    assert (
        _("The pay-out of %(name)s is booked already.") % {"name": people[0].full_name}
        in again.content.decode()
    )


def test_a_pay_out_for_someone_outside_the_round_is_a_404(client):
    circle, _meeting, trainer, _people = saved_circle()
    client.force_login(trainer)
    assert client.post(payouts_url(circle), {"person": UserFactory().pk}).status_code == 404
    assert client.post(payouts_url(circle), {"person": "x"}).status_code == 404
    assert not SavingsEntry.objects.filter(kind=EntryKind.PAYOUT).exists()


def test_only_trainers_and_own_coordinators_book_and_close(client):
    circle, _meeting, _trainer, people = saved_circle()
    circle.bookkeeper = people[0]
    circle.save()
    coordinator = MembershipFactory(
        organisation=circle.group.organisation, role=Role.COORDINATOR
    ).user
    outsiders = [
        people[0],  # a member, and the bookkeeper
        UserFactory(),
        MembershipFactory(role=Role.COORDINATOR).user,
        MembershipFactory(organisation=circle.group.organisation, role=Role.TRAINER).user,
    ]
    for user in outsiders:
        client.force_login(user)
        for url in (payouts_url(circle), close_url(circle), statement_url(circle)):
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(payouts_url(circle), {"person": people[1].pk}).status_code == 404
        assert (
            client.post(close_url(circle), {"payout_planned_on": "2030-01-01"}).status_code == 404
        )
    assert not SavingsEntry.objects.filter(kind=EntryKind.PAYOUT).exists()
    client.force_login(coordinator)
    assert client.get(payouts_url(circle)).status_code == 200
    client.post(payouts_url(circle), {"person": people[1].pk})
    assert SavingsEntry.objects.get(kind=EntryKind.PAYOUT).recorded_by == coordinator


def test_closing_is_refused_until_every_pay_out_is_booked(client):
    circle, _meeting, trainer, people = saved_circle()
    cycles.payout_book(cycle=open_cycle(circle), person=people[0], by=trainer)
    client.force_login(trainer)
    response = client.post(close_url(circle), {"payout_planned_on": NEXT_PAYOUT.isoformat()})
    assert response.status_code == 200
    assert people[1].full_name in response.content.decode()
    assert SavingsCycle.objects.filter(circle=circle).count() == 1


def test_closing_keeps_a_bad_date_and_says_what_to_change(client):
    circle, _meeting, trainer, people = saved_circle(1)
    cycles.payout_book(cycle=open_cycle(circle), person=people[0], by=trainer)
    client.force_login(trainer)
    html = client.post(close_url(circle), {"payout_planned_on": "gisteren"}).content.decode()
    assert "gisteren" in html and _("Fill in a date, for example 1-9-2027.") in html
    today = timezone.localdate().isoformat()
    html = client.post(close_url(circle), {"payout_planned_on": today}).content.decode()
    assert _("The pay-out must be after the round starts.") in html
    assert open_cycle(circle).number == 1


def test_the_trainer_closes_the_round_and_sees_the_statement(client):
    circle, _meeting, trainer, people = saved_circle()
    cycle = open_cycle(circle)
    for person in people:
        cycles.payout_book(cycle=cycle, person=person, by=trainer)
    client.force_login(trainer)
    assert client.get(close_url(circle)).status_code == 200
    response = client.post(
        close_url(circle), {"payout_planned_on": NEXT_PAYOUT.isoformat()}, follow=True
    )
    assert response.redirect_chain[-1][0] == statement_url(circle)
    html = response.content.decode()
    assert 'data-total="paid_out"><strong>25,00' in html
    assert 'data-total="balance"><strong>0,00' in html
    assert all(person.full_name in html for person in people)
    assert open_cycle(circle).number == 2
    ledger = client.get(reverse("groups:ledger", args=[circle.group_id])).content.decode()
    assert statement_url(circle) in ledger


def test_a_member_sees_only_their_own_statement_of_a_round(client):
    circle, _trainer, people = paid_and_closed()
    client.force_login(people[0])
    own = client.get(member_statement_url(circle, people[0]))
    assert own.status_code == 200
    html = own.content.decode()
    assert 'data-total="balance"><strong>€&nbsp;0,00' in html
    assert client.get(member_statement_url(circle, people[1])).status_code == 404
    assert client.get(statement_url(circle)).status_code == 404
    assert client.get(member_statement_url(circle, people[0], number=9)).status_code == 404


def test_a_booked_pay_out_is_a_success_the_member_writes_about(client):
    circle, _trainer, people = paid_and_closed()
    client.force_login(people[0])
    page = client.get(reverse("people:my")).content.decode()
    assert _("Well done!") in page and "12,50" in page
    success = SavingsSuccess.objects.get(person=people[0])
    prefix = f"success-{success.pk}"
    response = client.post(success_url(circle), {f"{prefix}-story": "Een nieuw bed"})
    assert response.status_code == 302
    success.refresh_from_db()
    assert (success.story, success.story_shared) == ("Een nieuw bed", False)
    assert "Een nieuw bed" in client.get(reverse("people:my")).content.decode()
    # Private by default: the other member does not see it.
    client.force_login(people[1])
    assert "Een nieuw bed" not in client.get(reverse("people:my")).content.decode()


def test_a_shared_line_is_seen_only_by_the_circle(client):
    circle, trainer, people = paid_and_closed()
    success = SavingsSuccess.objects.get(person=people[0])
    prefix = f"success-{success.pk}"
    client.force_login(people[0])
    client.post(
        success_url(circle),
        {f"{prefix}-story": "Een fiets voor mijn zoon", f"{prefix}-story_shared": "on"},
    )
    client.force_login(people[1])
    assert "Een fiets voor mijn zoon" in client.get(reverse("people:my")).content.decode()
    client.force_login(trainer)
    ledger = client.get(reverse("groups:ledger", args=[circle.group_id])).content.decode()
    assert "Een fiets voor mijn zoon" in ledger
    other_circle, _meeting, _other_trainer, others = saved_circle(1)
    coordinator = MembershipFactory(role=Role.COORDINATOR).user
    for user in (others[0], coordinator, UserFactory()):
        client.force_login(user)
        assert "Een fiets voor mijn zoon" not in client.get(reverse("people:my")).content.decode()
    client.logout()
    assert "Een fiets voor mijn zoon" not in client.get(circle.group.url).content.decode()


def test_a_member_who_left_no_longer_sees_shared_lines(client):
    circle, _trainer, people = paid_and_closed()
    SavingsSuccess.objects.filter(person=people[0]).update(
        story="Een wasmachine", story_shared=True
    )
    enrolment = people[1].enrolments.get()
    enrolment.status = "cancelled"
    enrolment.save()
    client.force_login(people[1])
    assert "Een wasmachine" not in client.get(reverse("people:my")).content.decode()


def test_only_the_member_edits_their_own_line(client):
    circle, _trainer, people = paid_and_closed()
    client.force_login(UserFactory())
    assert client.get(success_url(circle)).status_code == 404
    client.force_login(people[1])
    success = SavingsSuccess.objects.get(person=people[1])
    client.post(success_url(circle), {f"success-{success.pk}-story": "Mijn eigen"})
    assert SavingsSuccess.objects.get(person=people[0]).story == ""
    assert client.get(success_url(circle, number=2)).status_code == 404


def test_a_reached_goal_is_shown_as_a_success(client):
    circle, meeting, trainer, people = make_circle(1)
    from groups.savings import services as savings_services

    savings_services.savings_goal_set(
        circle=circle, person=people[0], purpose="Fiets", target_amount=Decimal("10")
    )
    deposit(circle, meeting, trainer, {people[0]: "10.00"})
    client.force_login(people[0])
    page = client.get(reverse("people:my")).content.decode()
    assert _("Well done!") in page
    assert _("You have reached your goal in round %(number)s. Well done!") % {"number": 1} in page


# Query counts -----------------------------------------------------------------

# Measured on PostgreSQL and SQLite; the same at 3 and at 30 members. Each
# with the session, the user, their roles and the site's menu; the first
# two with the audit entry.
STATEMENT_QUERIES = 22
PAYOUTS_QUERIES = 24
MEMBER_STATEMENT_QUERIES = 18
DEPOSITS_QUERIES = 19  # in a second round, after the first was closed
# With the meetings the member said they cannot come to, and their own
# aftercare plans ("Mijn nazorg").
MY_WAAKVLAM_QUERIES = 34


@pytest.mark.parametrize("members", [3, 30])
def test_round_pages_do_not_grow_with_the_group(client, django_assert_max_num_queries, members):
    circle, trainer, people = paid_and_closed(members)
    meeting = circle.group.meetings.first()
    deposit(circle, meeting, trainer, dict.fromkeys(people[:2], "1.00"))
    SavingsSuccess.objects.update(story="Een fiets", story_shared=True)
    client.force_login(trainer)
    for url, count in (
        (statement_url(circle), STATEMENT_QUERIES),
        (payouts_url(circle), PAYOUTS_QUERIES),
        (member_statement_url(circle, people[0]), MEMBER_STATEMENT_QUERIES),
        (reverse("groups:deposits", args=[meeting.pk]), DEPOSITS_QUERIES),
    ):
        client.get(url)  # warm caches (site root, menu)
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
    client.force_login(people[0])
    client.get(reverse("people:my"))
    with django_assert_max_num_queries(MY_WAAKVLAM_QUERIES):
        assert client.get(reverse("people:my")).status_code == 200


def test_the_coordinator_goes_from_the_admin_list_to_the_pay_outs(client):
    circle, _meeting, _trainer, _people = saved_circle(1)
    coordinator = MembershipFactory(
        organisation=circle.group.organisation, role=Role.COORDINATOR
    ).user
    client.force_login(coordinator)
    listing = client.get("/admin/savings_circles/").content.decode()
    assert f'href="{payouts_url(circle)}"' in listing
    assert client.get(payouts_url(circle)).status_code == 200


def test_the_bookkeeper_cannot_undo_a_pay_out(client):
    circle, _meeting, trainer, people = saved_circle()
    circle.bookkeeper = people[1]
    circle.save()
    payout = cycles.payout_book(cycle=open_cycle(circle), person=people[0], by=trainer)
    url = reverse("groups:entry_correct", args=[circle.group_id, payout.pk])
    client.force_login(people[1])
    assert url not in client.get(reverse("groups:ledger", args=[circle.group_id])).content.decode()
    assert client.post(url, {"note": "weg ermee"}).status_code == 404
    assert not SavingsEntry.objects.filter(kind=EntryKind.CORRECTION).exists()
    client.force_login(trainer)
    assert url in client.get(reverse("groups:ledger", args=[circle.group_id])).content.decode()
    client.post(url, {"note": "verkeerd lid"})
    assert SavingsEntry.objects.get(kind=EntryKind.CORRECTION).corrects == payout
