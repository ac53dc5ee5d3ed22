from django.dispatch import receiver

from groups.signals import attendance_recorded

from .services import completions_compute


@receiver(attendance_recorded)
def compute_completions(sender, meeting, **kwargs):
    """When the last meeting of a course is registered, completions follow."""
    completions_compute(group=meeting.group)
