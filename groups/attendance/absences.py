"""Writes of announced absences: "ik kan er deze keer niet zijn" for one
meeting, said by the person (Mijn Waakvlam, the reminder e-mail's link) or
by the trainer for them, and taken back ("ik kom toch").

Both are possible until the meeting starts; after that the trainer
registers what happened. An announced absence is shown on the attendance
page as "met bericht afwezig", chosen beforehand; it never raises the
signal of slipping away (see selectors.streaks)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..offer.models import Enrolment, EnrolmentStatus
from .models import AbsenceNotice


def _check(meeting, person):
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting was cancelled. You do not need to say anything."))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("This meeting has already started or passed."))
    enrolled = Enrolment.objects.filter(
        group_id=meeting.group_id, person=person, status=EnrolmentStatus.ENROLLED
    ).exists()
    if not enrolled:
        raise ValidationError(_("This person is not signed up for this group."))


@transaction.atomic
def absence_announce(*, meeting, person, by, channel):
    """Record that `person` will not come to `meeting`; `by` is who said so
    (the person, or their trainer) and `channel` how. Announcing twice keeps
    one row, with who said it last."""
    _check(meeting, person)
    # Two taps at once: get_or_create reads the other's row when it loses
    # the race on the unique constraint.
    notice, _created = AbsenceNotice.objects.select_for_update().get_or_create(
        meeting=meeting, person=person, defaults={"channel": channel, "recorded_by": by}
    )
    notice.channel = channel
    notice.recorded_by = by
    notice.recorded_at = timezone.now()
    notice.withdrawn_at = None
    notice.full_clean(validate_constraints=False)
    notice.save()
    return notice


@transaction.atomic
def absence_withdraw(*, meeting, person, by):
    """ "Ik kom toch": the announced absence no longer stands. Nothing to do
    when there was none."""
    _check(meeting, person)
    notice = (
        AbsenceNotice.objects.select_for_update()
        .standing()
        .filter(meeting=meeting, person=person)
        .first()
    )
    if notice is None:
        return None
    notice.withdrawn_at = timezone.now()
    notice.recorded_by = by
    notice.save(update_fields=["withdrawn_at", "recorded_by"])
    return notice
