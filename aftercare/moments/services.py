"""Planning and recording contact moments. Every write is atomic and checks
the model's rules; without consent no note, next step or life event is kept."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..attention import attention_after_moment
from ..plans.models import Way
from ..plans.rhythm import rhythm_dates
from .models import ContactMoment, Purpose

# A life event asks for an extra moment soon; a referral for "is het gelukt?".
LIFE_EVENT_DAYS = 14


def moments_plan(*, plan, today=None):
    """(Re)plan the rhythm's open moments from today: moments already done,
    overdue ones and extra moments stay as they are."""
    today = today or timezone.localdate()
    plan.moments.open().filter(purpose=Purpose.RHYTHM, due_on__gte=today).delete()
    if plan.is_closed or plan.is_paused or plan.person_id is None:
        return []
    moments = [
        ContactMoment(plan=plan, due_on=day, way=_way_for(plan))
        for day in rhythm_dates(plan, after=today)
    ]
    return ContactMoment.objects.bulk_create(moments)


def _way_for(plan):
    """The person's chosen way, when it is a way of keeping in touch."""
    return plan.preferred_way if plan.preferred_way in Way.values else ""


@transaction.atomic
def moment_add(*, plan, due_on, by, purpose=Purpose.EXTRA, follows=None):
    """An extra moment, with the steady contact."""
    moment = ContactMoment(
        plan=plan, due_on=due_on, purpose=purpose, follows=follows, way=_way_for(plan)
    )
    moment.full_clean()
    moment.save()
    return moment


@transaction.atomic
def moment_record(
    *, moment, by, outcome, note="", next_step="", way="", life_event="", done_on=None
):
    """Write down how a moment went; a life event proposes an extra moment
    soon. Returns the plan's next open moment (or None). A moment is
    written down once: a second tap (or a second contact at the same time)
    is refused, the row locked until the first is saved."""
    plan = moment.plan
    _check_open(moment)
    if not plan.has_consent and (note or next_step or life_event):
        raise ValidationError(
            _("Without consent only the outcome can be kept, no note or life event.")
        )
    moment.outcome = outcome
    moment.done_on = done_on or timezone.localdate()
    moment.done_by = by
    moment.note = note.strip()
    moment.next_step = next_step.strip()
    moment.way = way or moment.way
    moment.life_event = life_event
    moment.full_clean()
    moment.save()
    if life_event:
        moment_add(
            plan=plan,
            due_on=moment.done_on + datetime.timedelta(days=LIFE_EVENT_DAYS),
            by=by,
            purpose=Purpose.LIFE_EVENT,
            follows=moment,
        )
    attention_after_moment(moment)
    return plan.moments.open().order_by("due_on", "pk").first()


def _check_open(moment):
    if moment.plan.is_closed or moment.plan.person_id is None:
        raise ValidationError(_("This plan is closed: nothing can be added."))
    stored = ContactMoment.objects.select_for_update().filter(pk=moment.pk).values("done_on")
    if moment.is_done or (stored and stored[0]["done_on"] is not None):
        raise ValidationError(_("This moment has already taken place."))


@transaction.atomic
def moment_move(*, moment, due_on, by):
    """Move an open moment to another day; the first planned day is kept."""
    _check_open(moment)
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("Choose today or a day after today.")})
    if moment.moved_from is None:
        moment.moved_from = moment.due_on
    moment.due_on = due_on
    moment.full_clean()
    moment.save()
    return moment
