"""The e-mail to the coordinators on the day a trainer's qualification
lapses while they lead a group: once, decided by a TrainerLapseNotice row
(unique per group, trainer and day), however often the job runs."""

from django.db import IntegrityError, transaction

from people.mail import send_templated_email
from people.models import Membership, Role

from .digest import overview_url
from .flags import groups_being_led, lapses
from .models import TrainerLapseNotice


def _coordinators(organisation_ids):
    by_organisation = {}
    for membership in Membership.objects.filter(
        role=Role.COORDINATOR, organisation_id__in=organisation_ids, user__is_active=True
    ).select_related("user"):
        by_organisation.setdefault(membership.organisation_id, []).append(membership.user)
    return by_organisation


def lapse_tell(*, lapse, coordinators):
    """Record the lapse and queue the e-mails in one transaction; False when
    another run told it already."""
    try:
        with transaction.atomic():
            TrainerLapseNotice.objects.create(
                group=lapse.group, trainer=lapse.trainer, lapsed_on=lapse.lapsed_on
            )
            for coordinator in coordinators:
                send_templated_email(
                    to=coordinator.email,
                    template="volunteers/email/trainer_lapsed",
                    context={
                        "person": coordinator,
                        "trainer": lapse.trainer,
                        "group": lapse.group,
                        "lapse": {"competencies": lapse.competencies, "vog": lapse.vog},
                        "overview_url": overview_url(),
                    },
                    language=coordinator.preferred_language,
                )
    except IntegrityError:
        return False
    return True


def lapsed_trainers_tell(today):
    """Daily: each new lapse goes to the group's coordinators once.
    Returns the number of lapses told."""
    found = lapses(groups_being_led(), today)
    told = set(
        TrainerLapseNotice.objects.filter(
            group_id__in={lapse.group.pk for lapse in found}
        ).values_list("group_id", "trainer_id", "lapsed_on")
    )
    coordinators = _coordinators({lapse.group.organisation_id for lapse in found})
    count = 0
    for lapse in found:
        if (lapse.group.pk, lapse.trainer.pk, lapse.lapsed_on) in told:
            continue
        people = coordinators.get(lapse.group.organisation_id, [])
        if lapse_tell(lapse=lapse, coordinators=people):
            count += 1
    return count
