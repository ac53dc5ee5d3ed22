"""Closed plans are anonymised AFTERCARE_RETENTION_MONTHS after closing: the
person and all they told go, the counts for the reports stay."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django_q.models import Schedule

from aftercare.helpcard.services import card_person_add, card_service_add
from aftercare.models import (
    AftercarePlan,
    HelpCardPerson,
    Outcome,
    Referral,
    Success,
    SuccessKind,
)
from aftercare.moments.services import moment_record
from aftercare.plans.services import plan_close, plan_pause, plan_resume
from aftercare.successes.services import success_record
from aftercare.tasks import anonymise_closed_plans
from tests.aftercare.factories import plan_for
from tests.aftercare.helpcard.factories import service
from website.settings import base

pytestmark = pytest.mark.django_db


def _full_closed_plan(closed_days_ago):
    plan = plan_for(wants_to_prevent="Nieuwe schulden", watch_out_for="De post")
    moment = plan.moments.first()
    moment_record(
        moment=moment,
        by=plan.contact,
        outcome=Outcome.CONCERNS,
        note="Zorgen om de huur",
        next_step="Samen bellen",
        life_event="job_lost",
    )
    help_desk = service()
    Referral.objects.create(plan=plan, service=help_desk, note="Ging mee", accompanied=True)
    card_service_add(plan=plan, service=help_desk, for_what="Hulp bij de post")
    card_person_add(plan=plan, name="Tante Ria", phone="0612345678")
    success_record(plan=plan, kind=SuccessKind.OWN, title="Alles op tijd betaald")
    plan_pause(plan=plan, by=plan.person, reason="Ziekenhuis")
    plan_resume(plan=plan, by=plan.person)
    plan_close(plan=plan, by=plan.opened_by)
    AftercarePlan.objects.filter(pk=plan.pk).update(
        closed_on=timezone.localdate() - datetime.timedelta(days=closed_days_ago)
    )
    return plan


def test_plans_closed_longer_ago_than_the_setting_are_anonymised_once(settings):
    settings.AFTERCARE_RETENTION_MONTHS = 24
    today = timezone.localdate()
    old = _full_closed_plan((today - (today - relativedelta(months=24))).days + 1)
    recent = _full_closed_plan(30)
    running = plan_for()
    moments_before = old.moments.count()

    assert anonymise_closed_plans() == 1
    assert anonymise_closed_plans() == 0

    old.refresh_from_db()
    assert old.person is None and old.anonymised_at is not None
    assert (old.preferred_way, old.wants_to_prevent, old.watch_out_for) == ("", "", "")
    assert old.consent_on is None and old.consent_recorded_by is None
    assert not old.moments.exclude(note="", next_step="", life_event="").exists()
    assert old.referrals.get().note == ""
    assert not HelpCardPerson.objects.filter(plan=old).exists()
    assert old.card_services.get().for_what == ""
    assert not old.history.exclude(reason="").exists()
    assert not Success.objects.filter(plan=old, title="Alles op tijd betaald").exists()
    # What the reports count stays.
    assert old.moments.count() == moments_before
    assert old.moments.filter(outcome=Outcome.CONCERNS).count() == 1
    assert old.referrals.get().accompanied and old.successes.count() >= 2
    for kept in (recent, running):
        kept.refresh_from_db()
        assert kept.person is not None and kept.anonymised_at is None
    assert recent.card_people.exists()


def test_the_setting_decides_how_long(settings):
    plan = _full_closed_plan(40)
    settings.AFTERCARE_RETENTION_MONTHS = 2
    assert anonymise_closed_plans() == 0
    settings.AFTERCARE_RETENTION_MONTHS = 1
    assert anonymise_closed_plans() == 1
    plan.refresh_from_db()
    assert plan.person is None


def test_anonymising_closed_plans_runs_daily():
    schedule = Schedule.objects.get(func="aftercare.tasks.anonymise_closed_plans")
    assert schedule.schedule_type == Schedule.DAILY


def test_the_default_is_24_months():
    assert base.AFTERCARE_RETENTION_MONTHS == 24
