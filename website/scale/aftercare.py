"""Aftercare plans with their contact moments: steady contacts who hold the
competency their organisation asks for, consent before any choice is kept,
past moments done with an outcome, later ones still open."""

import datetime

from aftercare.models import (
    AftercarePlan,
    AftercareSettings,
    ConsentWay,
    ContactMoment,
    Outcome,
    Phase,
    PlanHistory,
    Rhythm,
    Way,
)
from aftercare.plans.models import HistoryKind, default_aftercare_until
from volunteers.models import Competency

from .common import BATCH, day, moment, spread, spread_capped, today
from .volunteers import AFTERCARE_COMPETENCY

RUNNING = [Phase.STABILISATION, Phase.DEVELOPMENT, Phase.AFTERCARE]
OUTCOMES = [Outcome.WELL] * 6 + [Outcome.CONCERNS, Outcome.UNREACHED, Outcome.CANCELLED]
RHYTHM_DAYS = {Rhythm.AFTER_3_6_12: 91, Rhythm.TWO_MONTHLY: 61, Rhythm.CUSTOM: 42}


def _choices(rng, opened_on, by):
    """Four in five plans have consent, and with it the person's choices."""
    if rng.random() >= 0.8:
        return {}
    rhythm = rng.choice(list(RHYTHM_DAYS))
    return {
        "consent_on": opened_on,
        "consent_way": rng.choice([ConsentWay.SPOKEN, ConsentWay.WRITTEN]),
        "consent_recorded_by": by,
        "preferred_way": rng.choice(Way.values),
        "rhythm": rhythm,
        "interval_weeks": 6 if rhythm == Rhythm.CUSTOM else None,
        "wants_to_prevent": "Nieuwe achterstanden bij de vaste lasten.",
    }


def _plan(rng, organisation, person, contact, by):
    debt_ended_on = day(-rng.randint(30, 600))
    opened_on = min(debt_ended_on + datetime.timedelta(days=rng.randint(0, 20)), today())
    plan = AftercarePlan(
        organisation=organisation,
        person=person,
        contact=contact,
        phase=rng.choice(RUNNING),
        debt_ended_on=debt_ended_on,
        opened_on=opened_on,
        opened_by=by,
        aftercare_until=default_aftercare_until(debt_ended_on),
        **_choices(rng, opened_on, by),
    )
    # One in ten is over: closed when its aftercare ended, or a week ago.
    if rng.random() < 0.1:
        plan.phase = Phase.CLOSED
        plan.closed_on = max(opened_on, min(plan.aftercare_until, day(-7)))
    return plan


def _plans(rng, sizes, world):
    organisations = world.organisations
    caps = [len(world.participants)] * len(organisations)
    rows = []
    for organisation, count in zip(
        organisations, spread_capped(sizes.plans, caps, "aftercare plans"), strict=True
    ):
        by = world.coordinators[organisation.pk]
        contacts = world.contacts_of.get(organisation.pk) or [None]
        for person in rng.sample(world.participants, count):
            rows.append(_plan(rng, organisation, person, rng.choice(contacts), by))
    plans = AftercarePlan.objects.bulk_create(rows, batch_size=BATCH)
    PlanHistory.objects.bulk_create(
        [
            PlanHistory(
                plan=plan,
                kind=HistoryKind.OPENED,
                new_value=Phase.STABILISATION.label,
                by=plan.opened_by,
                at=moment((plan.opened_on - today()).days, 10),
            )
            for plan in plans
        ],
        batch_size=BATCH,
    )
    return plans


def _moments_of(rng, plan, count):
    """`count` moments in the plan's rhythm from its start; a closed plan's
    all fall before its close."""
    start = plan.start_date
    step = RHYTHM_DAYS.get(plan.rhythm, 91)
    if plan.closed_on:
        step = max(1, (plan.closed_on - start).days // (count + 1))
    rows = []
    for number in range(1, count + 1):
        due_on = start + datetime.timedelta(days=step * number)
        moment_row = ContactMoment(plan=plan, due_on=due_on)
        if due_on < today():
            moment_row.done_on = due_on
            moment_row.done_by = plan.contact
            moment_row.outcome = rng.choice(OUTCOMES)
            moment_row.way = plan.preferred_way if plan.preferred_way in Way.values else Way.PHONE
        rows.append(moment_row)
    return rows


def seed_aftercare(rng, sizes, world):
    competency = Competency.objects.get(slug=AFTERCARE_COMPETENCY)
    AftercareSettings.objects.bulk_create(
        [AftercareSettings(organisation=o, competency=competency) for o in world.organisations]
    )
    plans = _plans(rng, sizes, world)
    rows = []
    for plan, count in zip(plans, spread(sizes.moments, len(plans)), strict=True):
        rows += _moments_of(rng, plan, count)
    ContactMoment.objects.bulk_create(rows, batch_size=BATCH)
    return {"aftercare plans": len(plans), "contact moments": len(rows)}
