"""Writing competency records: by a coordinator, or after a training."""

from django.db import transaction
from django.utils import timezone

from .models import CompetencyRecord, RecordSource, TrainingCompetency


@transaction.atomic
def competency_record(
    *,
    volunteer,
    competency,
    achieved_on,
    source,
    by=None,
    expires_on=None,
    evidence=None,
    note="",
    training=None,
):
    """Record a competency; a renewal is a new record, nothing is overwritten.
    Without an expiry date the competency's validity decides."""
    record = CompetencyRecord(
        volunteer=volunteer,
        competency=competency,
        achieved_on=achieved_on,
        expires_on=expires_on or competency.expiry_for(achieved_on),
        source=source,
        note=note,
        training=training,
        recorded_by=by,
    )
    if evidence is not None:
        record.evidence = evidence
    record.full_clean()
    record.save()
    return record


def competencies_award_for(completion):
    """A completed training awards its competencies, dated the last meeting."""
    awarded = []
    for link in TrainingCompetency.objects.filter(training=completion.group).select_related(
        "competency"
    ):
        awarded.append(
            competency_record(
                volunteer=completion.person,
                competency=link.competency,
                achieved_on=completion.last_date or timezone.localdate(),
                source=RecordSource.TRAINING,
                training=completion.group,
                note=completion.group.title,
            )
        )
    return awarded
