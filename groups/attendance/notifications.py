"""The e-mail of attendance: trainers hear once that someone slips away;
coordinators hear once when a signal stays open or comes from two groups."""

from django.conf import settings
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


def attention_escalated(*, person, signals, coordinators, several_groups):
    """Each coordinator hears once: the name, the groups, since when and
    what kind; the notes stay in the admin."""
    context = {
        "participant": person,
        "signals": signals,
        "several_groups": several_groups,
        "days": settings.ATTENTION_ESCALATION_DAYS,
        "list_url": absolute_url(reverse("attention_signals:index")),
    }
    for coordinator in coordinators:
        send(coordinator, "attention_escalated", context)
