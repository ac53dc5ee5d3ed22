"""What the savings ledger tells higher apps (aftercare records successes
from these). Sent once per member and round, after the booking is committed.

savings_goal_reached: the member's savings in the round reached their goal;
    kwargs `success` (SavingsSuccess), `person`, `cycle`.
savings_paid_out: the member's pay-out of the round is booked; kwargs
    `success`, `person`, `cycle`, `entry` (the pay-out SavingsEntry)."""

from django.dispatch import Signal

savings_goal_reached = Signal()
savings_paid_out = Signal()
