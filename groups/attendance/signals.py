"""Signals of attendance, for higher apps (courses computes completions)."""

from django.dispatch import Signal

# Sent after attendance of a meeting was saved; kwargs: meeting, by.
attendance_recorded = Signal()
