"""The volunteers app listens to courses: a completed training awards its
competencies."""

from django.dispatch import receiver

from courses.signals import course_completed

from .services import competencies_award_for


@receiver(course_completed)
def award_competencies(sender, completion, **kwargs):
    """Completing a training records the competencies it awards."""
    competencies_award_for(completion)
