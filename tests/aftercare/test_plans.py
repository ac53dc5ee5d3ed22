"""Opening and changing plans: the rhythm plans the moments, consent guards
the choices, continuity of the contact, pause, close and reopen."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from aftercare.models import (
    AftercarePlan,
    ConsentWay,
    HistoryKind,
    Outcome,
    Phase,
    Purpose,
    Rhythm,
    Success,
)
from aftercare.moments.services import moment_move, moment_record
from aftercare.plans import services
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .factories import plan_for, steady_contact

pytestmark = pytest.mark.django_db


def _due_dates(plan):
    return list(plan.moments.open().values_list("due_on", flat=True))


def test_a_plan_plans_moments_after_three_six_and_twelve_months():
    ended = timezone.localdate() - datetime.timedelta(days=7)
    plan = plan_for(debt_ended_on=ended)

    assert plan.aftercare_until == ended + relativedelta(months=12)
    assert _due_dates(plan) == [ended + relativedelta(months=m) for m in (3, 6, 12)]
    assert set(plan.moments.values_list("way", flat=True)) == {"phone"}


def test_every_two_months_and_a_custom_rhythm_stop_at_the_end_of_aftercare():
    ended = timezone.localdate() - datetime.timedelta(days=7)
    plan = plan_for(debt_ended_on=ended, rhythm=Rhythm.TWO_MONTHLY)
    assert _due_dates(plan) == [ended + relativedelta(months=2 * n) for n in range(1, 7)]

    services.plan_choices_record(
        plan=plan, by=plan.opened_by, rhythm=Rhythm.CUSTOM, interval_weeks=10
    )
    dates = _due_dates(plan)
    assert dates[0] == ended + datetime.timedelta(weeks=10)
    assert dates[-1] <= plan.aftercare_until
    assert len(dates) == 5


def test_rather_no_contact_plans_no_moments():
    plan = plan_for(preferred_way="none")
    assert plan.wants_no_contact
    assert not plan.moments.exists()


def test_without_consent_only_the_person_and_the_contact_are_kept():
    plan = plan_for(consent=False)
    with pytest.raises(ValidationError):
        services.plan_choices_record(plan=plan, by=plan.opened_by, watch_out_for="De post")
    plan.refresh_from_db()
    assert plan.watch_out_for == ""
    # The database refuses it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        AftercarePlan.objects.filter(pk=plan.pk).update(watch_out_for="De post")
    # Moments are still planned, and get an outcome but no note.
    moment = plan.moments.first()
    with pytest.raises(ValidationError):
        moment_record(moment=moment, by=plan.contact, outcome=Outcome.WELL, note="Gaat goed")
    moment_record(moment=moment, by=plan.contact, outcome=Outcome.WELL)


def test_withdrawing_consent_removes_the_choices_and_every_note():
    plan = plan_for(watch_out_for="Post niet openmaken")
    moment_record(moment=plan.moments.first(), by=plan.contact, outcome=Outcome.WELL, note="Fijn")

    services.plan_consent_withdraw(plan=plan, by=plan.contact)

    plan.refresh_from_db()
    assert (plan.watch_out_for, plan.preferred_way, plan.consent_on) == ("", "", None)
    assert set(plan.moments.values_list("note", flat=True)) == {""}


def test_the_contact_must_hold_the_organisations_aftercare_competency():
    organisation = OrganisationFactory()
    steady_contact(organisation)  # sets the requirement
    unqualified = MembershipFactory(organisation=organisation, role=Role.VOLUNTEER).user
    other_organisation = steady_contact(OrganisationFactory())

    for contact in (unqualified, other_organisation):
        with pytest.raises(ValidationError):
            plan_for(organisation=organisation, contact=contact)


def test_changing_the_contact_needs_a_reason_keeps_the_story_and_tells_the_person(mailoutbox, sent):
    plan = plan_for()
    moment_record(moment=plan.moments.first(), by=plan.contact, outcome=Outcome.WELL, note="Fijn")
    old, new = plan.contact, steady_contact(plan.organisation, full_name="Nieuwe Contact")
    with pytest.raises(ValidationError):
        services.plan_contact_change(plan=plan, contact=new, reason=" ", by=plan.opened_by)

    mailoutbox.clear()
    with sent():
        services.plan_contact_change(plan=plan, contact=new, reason="Verhuisd", by=plan.opened_by)

    entry = plan.history.get(kind=HistoryKind.CONTACT)
    assert (entry.old_contact, entry.reason) == (old, "Verhuisd")
    assert plan.moments.done().get().note == "Fijn"
    assert plan.moments.done().get().done_by_someone_else
    assert [m.to for m in mailoutbox] == [[plan.person.email]]
    assert "Nieuwe Contact" in mailoutbox[0].body


def test_a_life_event_proposes_an_extra_moment_and_a_moved_moment_keeps_its_first_day():
    plan = plan_for()
    first = plan.moments.first()
    next_moment = moment_record(
        moment=first, by=plan.contact, outcome=Outcome.CONCERNS, life_event="job_lost"
    )
    assert next_moment.purpose == Purpose.LIFE_EVENT
    assert next_moment.due_on == timezone.localdate() + datetime.timedelta(days=14)

    planned = plan.moments.open().filter(purpose=Purpose.RHYTHM).first()
    day = planned.due_on
    moment_move(moment=planned, due_on=day + datetime.timedelta(days=3), by=plan.contact)
    moment_move(moment=planned, due_on=day + datetime.timedelta(days=5), by=plan.contact)
    assert planned.moved_from == day
    with pytest.raises(ValidationError):
        moment_move(moment=first, due_on=day, by=plan.contact)


def test_pause_resume_close_and_reopen():
    plan = plan_for()
    services.plan_pause(plan=plan, by=plan.person, reason="Ziekenhuis")
    assert not plan.moments.open().exists()
    services.plan_resume(plan=plan, by=plan.person)
    assert plan.moments.open().count() == 3

    services.plan_phase_change(plan=plan, phase=Phase.DEVELOPMENT, by=plan.contact)
    services.plan_close(plan=plan, by=plan.opened_by)
    assert plan.closed_on == timezone.localdate()
    assert not plan.moments.open().exists()
    assert Success.objects.filter(plan=plan, kind="phase").count() == 2

    services.plan_reopen(plan=plan, by=plan.opened_by, reason="Nieuwe schulden dreigen")
    assert plan.phase == Phase.AFTERCARE
    assert plan.moments.open().count() == 3


def test_one_running_plan_per_person_and_organisation():
    plan = plan_for()
    with pytest.raises(ValidationError):
        plan_for(organisation=plan.organisation, person=plan.person, contact=plan.contact)


def test_the_end_of_aftercare_changes_only_with_a_reason():
    plan = plan_for()
    later = plan.aftercare_until + relativedelta(months=6)
    with pytest.raises(ValidationError):
        services.plan_until_change(plan=plan, aftercare_until=later, reason="", by=plan.opened_by)
    services.plan_until_change(
        plan=plan, aftercare_until=later, reason="Zo lang als nodig", by=plan.opened_by
    )
    assert plan.history.filter(kind=HistoryKind.UNTIL, reason="Zo lang als nodig").exists()


def test_consent_says_how_it_was_given():
    plan = plan_for(consent=False)
    with pytest.raises(ValidationError):
        services.plan_choices_record(plan=plan, by=plan.opened_by, consent_on=timezone.localdate())
    services.plan_choices_record(
        plan=plan,
        by=plan.opened_by,
        consent_on=timezone.localdate(),
        consent_way=ConsentWay.WRITTEN,
        watch_out_for="Brieven",
    )
    assert plan.consent_recorded_by == plan.opened_by


def test_nobody_is_their_own_contact():
    organisation = OrganisationFactory()
    contact = steady_contact(organisation)
    with pytest.raises(ValidationError):
        plan_for(organisation=organisation, person=contact, contact=contact)
    assert UserFactory()  # the factories still work after the refusal
