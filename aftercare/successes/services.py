"""Recording successes: once per source, so a signal that arrives twice or a
task that runs again celebrates nothing twice."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Success


def success_record(*, plan, kind, title, by=None, source="", happened_on=None):
    """Record a success on `plan`; with a `source` at most once (returns the
    existing one)."""
    if source:
        existing = Success.objects.filter(plan=plan, source=source).first()
        if existing is not None:
            return existing
    success = Success(
        plan=plan,
        kind=kind,
        title=title.strip(),
        source=source,
        recorded_by=by,
        happened_on=happened_on or timezone.localdate(),
    )
    success.full_clean(validate_constraints=False)
    try:
        # A savepoint: a concurrent duplicate must not break the caller's work.
        with transaction.atomic():
            success.save()
    except IntegrityError:
        return Success.objects.get(plan=plan, source=source)
    return success
