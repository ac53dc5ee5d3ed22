"""The e-mail of attendance: trainers hear once that someone slips away."""

from django.urls import reverse

from ..offer.notifications import absolute_url, send


def attention_needed(signal):
    """The trainers hear once that someone missed several meetings in a row."""
    group = signal.group
    context = {
        "signal": signal,
        "group": group,
        "participant": signal.person,
        "participants_url": absolute_url(reverse("groups:participants", args=[group.pk])),
    }
    for trainer in group.trainers.all():
        send(trainer, "attention_needed", context)
