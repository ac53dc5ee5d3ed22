"""Signals of the offer, for the rest of the groups app (and higher apps)."""

from django.dispatch import Signal

# Sent inside the transaction that ends a sign-up; kwargs: enrolment.
enrolment_cancelled = Signal()
