"""Signals the groups app sends, for higher apps to listen to."""

from django.dispatch import Signal

# Sent after attendance of a meeting was saved; kwargs: meeting, by.
attendance_recorded = Signal()
