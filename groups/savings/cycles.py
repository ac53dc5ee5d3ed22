"""Writes of a savings round: the open round, booking a member's pay-out,
and closing the round so the next one starts. The circle's row is locked
while a pay-out is booked or a round is closed, as with deposits."""

from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import User

from ..offer.selectors import member_ids
from .models import (
    EntryKind,
    SavingsCircle,
    SavingsCycle,
    SavingsEntry,
    SavingsGoal,
    SavingsSuccess,
)
from .signals import savings_goal_reached, savings_paid_out

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

# The error code of a pay-out that stands already.
ALREADY_PAID = "already_paid"


def savings_cycle_open(*, circle):
    """The open round of `circle`; the first one is made from the circle's
    dates when there is none yet (a circle set up in the admin)."""
    cycle = SavingsCycle.objects.filter(circle=circle, closed_at__isnull=True).first()
    if cycle is not None:
        return cycle
    cycle = SavingsCycle(
        circle=circle,
        number=1,
        starts_on=circle.cycle_start,
        payout_planned_on=circle.cycle_end,
    )
    cycle.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            cycle.save()
    except IntegrityError:
        # Opened twice at once: the other request made it.
        return SavingsCycle.objects.get(circle=circle, closed_at__isnull=True)
    return cycle


def _locked_open_cycle(cycle):
    """Lock the circle, then the round as it is now; refused when closed."""
    SavingsCircle.objects.select_for_update().get(pk=cycle.circle_id)
    cycle = SavingsCycle.objects.select_related("circle__group").get(pk=cycle.pk)
    if not cycle.is_open:
        raise ValidationError(_("This round is closed already."))
    return cycle


def cycle_people_ids(cycle):
    """Who is in the round: the members signed up now, and anyone with an
    entry in it (a member who left is paid out too)."""
    with_entries = SavingsEntry.objects.filter(cycle=cycle).values_list("person_id", flat=True)
    return member_ids(cycle.circle.group_id) | set(with_entries)


def standing_payouts(cycle):
    """The pay-out entries of the round that are not corrected."""
    return SavingsEntry.objects.filter(
        cycle=cycle, kind=EntryKind.PAYOUT, corrected_by__isnull=True
    )


@transaction.atomic
def payout_book(*, cycle, person, by):
    """Book `person`'s pay-out of the round: the amount the ledger says is
    theirs (savings less the fines that stand). Booking twice is refused
    (code ALREADY_PAID); a wrong pay-out is corrected, then booked again."""
    cycle = _locked_open_cycle(cycle)
    if person.pk not in cycle_people_ids(cycle):
        raise ValidationError(_("This person is not in this round."))
    if standing_payouts(cycle).filter(person=person).exists():
        raise ValidationError(
            _("The pay-out of %(name)s is booked already.") % {"name": person.full_name},
            code=ALREADY_PAID,
        )
    summary = SavingsEntry.objects.filter(cycle=cycle, person=person).summary_by("person_id")
    # Whole cents: SQLite sums decimals as floats.
    amount = (summary[person.pk].to_pay if person.pk in summary else ZERO).quantize(CENT)
    if amount <= 0:
        raise ValidationError(
            _("There is nothing to pay out to %(name)s.") % {"name": person.full_name}
        )
    entry = SavingsEntry(
        circle=cycle.circle,
        cycle=cycle,
        person=person,
        kind=EntryKind.PAYOUT,
        amount=amount,
        recorded_by=by,
    )
    entry.full_clean()
    entry.save()
    success = _success(cycle, person.pk, "paid_out_at")
    if success is not None:
        transaction.on_commit(
            partial(
                savings_paid_out.send,
                sender=SavingsSuccess,
                success=success,
                person=person,
                cycle=cycle,
                entry=entry,
            )
        )
    return entry


def _success(cycle, person_id, field):
    """Set `field` on the member's success of the round; the success when
    that is news, None when it was set before (announced once)."""
    success, _created = SavingsSuccess.objects.get_or_create(
        cycle=cycle, person_id=person_id, defaults={field: timezone.now()}
    )
    if not _created:
        if getattr(success, field) is not None:
            return None
        setattr(success, field, timezone.now())
        success.save(update_fields=[field])
    return success


def goals_reached_note(*, cycle, person_ids):
    """After deposits: note (and announce once) the members whose savings in
    the round now reach their goal. Three queries for any number."""
    goals = dict(
        SavingsGoal.objects.filter(circle_id=cycle.circle_id, person_id__in=person_ids).values_list(
            "person_id", "target_amount"
        )
    )
    if not goals:
        return
    summaries = SavingsEntry.objects.filter(cycle=cycle, person_id__in=goals).summary_by(
        "person_id"
    )
    reached = [
        person_id
        for person_id, target in goals.items()
        if person_id in summaries and summaries[person_id].saved >= target
    ]
    if not reached:
        return
    known = set(
        SavingsSuccess.objects.filter(
            cycle=cycle, person_id__in=reached, goal_reached_at__isnull=False
        ).values_list("person_id", flat=True)
    )
    for person_id in sorted(set(reached) - known):
        success = _success(cycle, person_id, "goal_reached_at")
        transaction.on_commit(
            partial(
                savings_goal_reached.send,
                sender=SavingsSuccess,
                success=success,
                person=success.person,
                cycle=cycle,
            )
        )


def _unpaid_names(cycle):
    summaries = SavingsEntry.objects.filter(cycle=cycle).summary_by("person_id")
    unpaid = [person_id for person_id, summary in summaries.items() if summary.to_pay]
    return sorted(User.objects.filter(pk__in=unpaid).values_list("full_name", flat=True))


@transaction.atomic
def cycle_close(*, cycle, by, payout_planned_on):
    """Close the round when every member's pay-out is booked, and start the
    next one today with the same members (their sign-ups stay) and the new
    planned pay-out day. Returns the new round."""
    cycle = _locked_open_cycle(cycle)
    unpaid = _unpaid_names(cycle)
    if unpaid:
        raise ValidationError(
            _("Book the pay-out of every member first. Still to pay out: %(names)s.")
            % {"names": ", ".join(unpaid)}
        )
    cycle.closed_at, cycle.closed_by = timezone.now(), by
    cycle.save(update_fields=["closed_at", "closed_by"])
    following = SavingsCycle(
        circle=cycle.circle,
        number=cycle.number + 1,
        starts_on=timezone.localdate(),
        payout_planned_on=payout_planned_on,
    )
    following.full_clean(validate_constraints=False)
    following.save()
    return following
