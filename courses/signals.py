"""Signals the courses app sends; volunteers/ listens (courses never imports
it)."""

from django.dispatch import Signal

# Sent once per person when they complete a course; kwargs: completion.
course_completed = Signal()
