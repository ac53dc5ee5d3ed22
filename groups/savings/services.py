"""Writes of the savings-circle ledger: the circle itself, goals, deposits
per meeting and corrections. All or nothing; the ledger's row is locked while
a meeting's deposits are saved."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from people.models import User

from ..offer.kinds import GroupKind
from ..offer.selectors import member_ids
from .cycles import goals_reached_note, savings_cycle_open, standing_payouts
from .models import MAX_DEPOSIT, EntryKind, SavingsCircle, SavingsEntry, SavingsGoal

PAYING_OUT = _lazy(
    "The pay-outs of this round are being booked. Close the round first; then "
    "deposits go into the next round."
)

# The error code of an amount that already stands for the member and meeting.
REPEAT_DEPOSIT = "repeat_deposit"


def savings_circle_for(*, group):
    """The ledger of a savings-circle group, created with a nine-month cycle
    from its first meeting. Other kinds of group have no ledger."""
    if group.kind != GroupKind.SAVINGS_CIRCLE:
        raise ValidationError(_("Only a savings circle keeps savings."))
    circle = SavingsCircle.objects.filter(group=group).first()
    if circle is not None:
        return circle
    first = group.meetings.order_by("starts_at").first()
    start = timezone.localtime(first.starts_at).date() if first else timezone.localdate()
    circle = SavingsCircle(group=group, cycle_start=start, cycle_end=start + timedelta(days=273))
    circle.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            circle.save()
    except IntegrityError:
        # Opened twice at once: the other request made the ledger.
        return SavingsCircle.objects.get(group=group)
    return circle


@transaction.atomic
def savings_goal_set(*, circle, person, purpose, target_amount):
    if person.pk not in member_ids(circle.group):
        raise ValidationError(_("This person is not signed up for this group."))
    goal = SavingsGoal.objects.filter(circle=circle, person=person).first() or SavingsGoal(
        circle=circle, person=person
    )
    goal.purpose, goal.target_amount = purpose, target_amount
    goal.full_clean()
    goal.save()
    # Savings that stand already may reach the goal as it is now.
    goals_reached_note(cycle=savings_cycle_open(circle=circle), person_ids=[person.pk])
    return goal


def deposits_refusal(meeting):
    """Why deposits cannot be recorded for `meeting`, or None when they can:
    not for a cancelled meeting, nor before the day of the meeting."""
    if meeting.is_cancelled:
        return _("This meeting was cancelled.")
    if not meeting.day_has_come():
        return _("Deposits can be recorded from the day of the meeting.")
    return None


def last_entry_id(*, circle, meeting):
    """The newest entry of this meeting, so a form can tell whether someone
    else saved in the meantime."""
    last = (
        SavingsEntry.objects.filter(circle=circle, meeting=meeting)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return last or 0


@transaction.atomic
def deposits_record(*, circle, meeting, amounts, by, seen_up_to=None, repeat_confirmed=False):
    """Record each member's deposit at a meeting: `amounts` maps person id to
    a Decimal (0 or empty means no deposit). All or nothing.

    `seen_up_to` is the newest entry the person saw when they opened the
    form; when there are newer ones (a second tab, a double submit, two
    bookkeepers at once), nothing is saved, so nothing is counted twice.
    An amount that already stands for that member at this meeting is refused
    (code REPEAT_DEPOSIT) unless `repeat_confirmed`: typed again after going
    back, it would be booked twice."""
    # Lock the ledger: deposits of one circle are saved one after the other.
    circle = SavingsCircle.objects.select_for_update().get(pk=circle.pk)
    if meeting.group_id != circle.group_id:
        raise ValidationError(_("This meeting belongs to another group."))
    refusal = deposits_refusal(meeting)
    if refusal:
        raise ValidationError(refusal)
    cycle = savings_cycle_open(circle=circle)
    cycle.circle = circle  # the locked row, without another query
    if standing_payouts(cycle).exists():
        raise ValidationError(PAYING_OUT)
    if seen_up_to is not None and last_entry_id(circle=circle, meeting=meeting) > seen_up_to:
        raise ValidationError(
            _("Someone saved deposits for this meeting in the meantime. Check the amounts.")
        )
    members = member_ids(circle.group_id)
    if not repeat_confirmed:
        _refuse_repeats(circle, meeting, amounts)
    now = timezone.now()
    entries = _deposit_entries(cycle, meeting, amounts, members, by=by, now=now)
    if circle.fines_enabled and circle.fine_amount > 0:
        entries += _fines(cycle, meeting, set(amounts), entries, by=by, now=now)
    entries = SavingsEntry.objects.bulk_create(entries)
    goals_reached_note(
        cycle=cycle, person_ids=[e.person_id for e in entries if e.kind == EntryKind.DEPOSIT]
    )
    return entries


def _deposit_entries(cycle, meeting, amounts, members, *, by, now):
    """The deposit lines of `amounts`, checked; nothing saved yet."""
    circle = cycle.circle
    entries = []
    for person_id, amount in amounts.items():
        if person_id not in members:
            raise ValidationError(_("This person is not signed up for this group."))
        if amount is None or amount == 0:
            continue
        if amount < 0:
            raise ValidationError(_("An amount cannot be negative."))
        if amount > MAX_DEPOSIT:
            raise ValidationError(_("An amount can be at most € %(max)s.") % {"max": MAX_DEPOSIT})
        entry = SavingsEntry(
            circle=circle,
            cycle=cycle,
            person_id=person_id,
            meeting=meeting,
            kind=EntryKind.DEPOSIT,
            amount=amount,
            recorded_by=by,
            recorded_at=now,
        )
        # Only the amount and kind: validating the relations and constraints
        # would cost queries per member, and they were checked above (and
        # the database enforces the constraints).
        entry.clean_fields(
            exclude=["circle", "cycle", "person", "meeting", "corrects", "recorded_by"]
        )
        entries.append(entry)
    return entries


def _refuse_repeats(circle, meeting, amounts):
    typed = {(person_id, amount) for person_id, amount in amounts.items() if amount}
    if not typed:
        return
    standing = SavingsEntry.objects.filter(
        circle=circle, meeting=meeting, kind=EntryKind.DEPOSIT, corrected_by__isnull=True
    ).values_list("person_id", "amount")
    repeats = sorted(typed & set(standing))
    if not repeats:
        return
    names = dict(
        User.objects.filter(pk__in=[pk for pk, _amount in repeats]).values_list("pk", "full_name")
    )
    listed = ", ".join(
        f"{names.get(pk, '')} (€ {number_format(amount, 2, force_grouping=True)})"
        for pk, amount in repeats
    )
    raise ValidationError(
        _(
            "This is already booked for this meeting: %(booked)s. Is it really a second "
            "deposit? Then tick “Yes, book it again” and save. If not, you need not do "
            "anything."
        )
        % {"booked": listed},
        code=REPEAT_DEPOSIT,
    )


def _fines(cycle, meeting, people, entries, *, by, now):
    """A fine for each of `people` who deposits nothing at this meeting,
    in `entries` or before, and was not fined for it yet."""
    circle = cycle.circle
    already_fined = set(
        SavingsEntry.objects.filter(
            circle=circle, meeting=meeting, kind=EntryKind.FINE
        ).values_list("person_id", flat=True)
    )
    deposited = {entry.person_id for entry in entries} | set(
        SavingsEntry.objects.filter(
            circle=circle, meeting=meeting, kind=EntryKind.DEPOSIT
        ).values_list("person_id", flat=True)
    )
    return [
        SavingsEntry(
            circle=circle,
            cycle=cycle,
            person_id=person_id,
            meeting=meeting,
            kind=EntryKind.FINE,
            amount=circle.fine_amount,
            recorded_by=by,
            recorded_at=now,
        )
        for person_id in sorted(people - deposited - already_fined)
    ]


@transaction.atomic
def entry_correct(*, entry, by, note=""):
    """Cancel a wrong entry with a correction of the same amount; the right
    amount is then recorded as a new deposit."""
    SavingsCircle.objects.select_for_update().get(pk=entry.circle_id)
    entry = SavingsEntry.objects.select_related("cycle").get(pk=entry.pk)
    if not entry.cycle.is_open:
        raise ValidationError(_("This round is closed; its entries stay as they are."))
    if (
        entry.kind != EntryKind.PAYOUT
        and standing_payouts(entry.cycle).filter(person_id=entry.person_id).exists()
    ):
        raise ValidationError(_("The pay-out of this member is booked. Correct the pay-out first."))
    if entry.kind == EntryKind.CORRECTION:
        raise ValidationError(_("A correction cannot be corrected; record the amount again."))
    if SavingsEntry.objects.filter(corrects=entry).exists():
        raise ValidationError(_("This entry was already corrected."))
    correction = SavingsEntry(
        circle=entry.circle,
        cycle=entry.cycle,
        person=entry.person,
        meeting=entry.meeting,
        kind=EntryKind.CORRECTION,
        amount=entry.amount,
        corrects=entry,
        note=note,
        recorded_by=by,
    )
    correction.full_clean()
    try:
        with transaction.atomic():
            correction.save()
    except IntegrityError:
        # Corrected by someone else at the same moment (SQLite takes no row
        # lock): the unique `corrects` lets only one through.
        raise ValidationError(_("This entry was already corrected.")) from None
    return correction
