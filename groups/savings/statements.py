"""Reads of a savings round: who is to be paid out, and the statement of a
round per member and for the circle. The round's totals are summed straight
from its entries, so they always equal the sum of the entries. A fixed
number of queries whatever the size of the group."""

from people.models import User

from ..offer.selectors import members
from .cycles import standing_payouts
from .models import LedgerSummary, SavingsCycle, SavingsEntry


def cycle_rows(cycle):
    """One row per person in the round (for an open round also the members
    without entries yet): their summary and their pay-out that stands; the
    round's totals; whether every pay-out is booked."""
    summaries = SavingsEntry.objects.filter(cycle=cycle).summary_by("person_id")
    people = {person.pk: person for person in members(cycle.circle.group)} if cycle.is_open else {}
    missing = set(summaries) - set(people)
    if missing:
        people.update({person.pk: person for person in User.objects.filter(pk__in=missing)})
    payouts = {
        entry.person_id: entry for entry in standing_payouts(cycle).select_related("recorded_by")
    }
    rows = [
        {
            "person": person,
            "summary": summaries.get(person.pk) or LedgerSummary.empty(),
            "payout": payouts.get(person.pk),
        }
        for person in sorted(people.values(), key=lambda person: (person.full_name, person.pk))
    ]
    totals = (
        SavingsEntry.objects.filter(cycle=cycle).summary_by("cycle_id").get(cycle.pk)
        or LedgerSummary.empty()
    )
    return {
        "rows": rows,
        "totals": totals,
        "complete": all(not row["summary"].to_pay for row in rows),
        "to_pay": sum(1 for row in rows if row["summary"].to_pay),
    }


def closed_cycles(circle):
    """The circle's closed rounds, newest first, for links to their statements."""
    return list(
        SavingsCycle.objects.filter(circle=circle, closed_at__isnull=False).order_by("-number")
    )
