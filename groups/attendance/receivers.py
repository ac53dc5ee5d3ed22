"""What attendance does when something happens elsewhere in the groups app."""

from django.dispatch import receiver

from ..offer.signals import enrolment_cancelled
from .services import signals_close_for


@receiver(enrolment_cancelled)
def close_attention_signals(sender, enrolment, **kwargs):
    signals_close_for(enrolment=enrolment)
