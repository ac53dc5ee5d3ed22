"""The demo's aftercare (website.demo.aftercare) shows what the issue asks:
plans in every phase in both organisations, moments this week for the demo
volunteer, one overdue, two "niet bereikt" in a row on the attention list,
a referral taken along, successes, a closed plan with its help card, "liever
geen contact", someone without e-mail, and the demo participant's own plan."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from aftercare.models import (
    NO_CONTACT,
    AftercarePlan,
    ContactMoment,
    HelpCardPerson,
    HelpCardService,
    Outcome,
    Phase,
    Referral,
    Success,
)
from aftercare.selectors import eligible_contacts, plans_of_person
from groups.models import AttentionSignal, SignalKind
from people.models import User
from people.permissions import may_see_plan

pytestmark = pytest.mark.django_db

VOLUNTEER = "vrijwilliger@example.org"


def test_the_demo_shows_aftercare_in_every_state_the_issue_asks_for(
    settings, django_capture_on_commit_callbacks
):
    """One seeding (it takes a while), checked part by part. As `seed_demo`
    leaves it once committed: completions and savings successes reach the
    plans through the receivers."""
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    plans_in_every_phase_in_both_organisations()
    the_volunteer_has_moments_this_week_and_one_overdue()
    two_times_not_reached_is_on_the_attention_list()
    referral_successes_help_card_no_contact_and_no_email()
    the_demo_participant_has_a_plan_they_can_see()


def plans_in_every_phase_in_both_organisations():
    plans = AftercarePlan.objects.all()
    assert plans.count() >= 6
    assert set(plans.values_list("phase", flat=True)) == set(Phase.values)
    assert plans.values("organisation").distinct().count() == 2
    for plan in plans.select_related("contact", "organisation"):
        assert plan.contact in eligible_contacts(plan.organisation)
    utrecht = plans.get(person__email="deelnemer@example.org").organisation
    assert User.objects.get(email=VOLUNTEER) in eligible_contacts(utrecht)


def the_volunteer_has_moments_this_week_and_one_overdue():
    today = timezone.localdate()
    moments = ContactMoment.objects.open().filter(plan__contact__email=VOLUNTEER)
    this_week = moments.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=7))
    assert this_week.count() >= 2
    assert moments.overdue().exists()


def two_times_not_reached_is_on_the_attention_list():
    signal = AttentionSignal.objects.open().get(kind=SignalKind.AFTERCARE_UNREACHED)
    assert signal.group is None and signal.missed == 2
    plan = AftercarePlan.objects.get(person=signal.person, organisation=signal.organisation)
    outcomes = list(plan.moments.done().order_by("-done_on").values_list("outcome", flat=True))
    assert outcomes[:2] == [Outcome.UNREACHED, Outcome.UNREACHED]
    assert AttentionSignal.objects.open().filter(kind=SignalKind.AFTERCARE_CONCERNS).exists()


def referral_successes_help_card_no_contact_and_no_email():
    referral = Referral.objects.get(accompanied=True)
    assert referral.follow_up is not None and not referral.follow_up.is_done
    assert Success.objects.filter(kind="own").exists()
    assert Success.objects.filter(kind="course").exists()
    closed = AftercarePlan.objects.get(phase=Phase.CLOSED)
    assert HelpCardService.objects.filter(plan=closed).count() >= 2
    assert HelpCardPerson.objects.filter(plan=closed).exists()
    no_contact = AftercarePlan.objects.get(preferred_way=NO_CONTACT)
    assert not no_contact.moments.open().exists()
    assert AftercarePlan.objects.filter(person__email__endswith=".invalid").exists()


def the_demo_participant_has_a_plan_they_can_see():
    person = User.objects.get(email="deelnemer@example.org")
    plan = plans_of_person(person).get()
    assert plan.contact.email == VOLUNTEER
    assert may_see_plan(person, plan)
    assert plan.successes.exists()
