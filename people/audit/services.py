"""Writing and pruning the audit trail."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone

from .models import AuditEntry

VIEW = "waakvlam.audit.view"
EXPORT = "waakvlam.audit.export"
DOWNLOAD = "waakvlam.audit.download"
ACTIONS = (VIEW, EXPORT, DOWNLOAD)


def _storable(value):
    """What PostgreSQL's JSON takes: no NUL character (a filter value typed
    or posted by anyone may carry one)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_storable(key): _storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(item) for item in value]
    return value


def audit_log(*, user, action, label, obj=None, subject=None, data=None):
    """Record that `user` saw (VIEW), exported (EXPORT) or downloaded
    (DOWNLOAD) personal data: `label` and `data` say what (a report and its
    filters, a group), never the data itself."""
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False)
        if obj is not None
        else None,
        object_id=str(obj.pk) if obj is not None else "",
        label=_storable(str(label)),
        action=action,
        timestamp=timezone.now(),
        user=user,
        subject=subject,
        data=_storable(data or {}),
    )


def audit_entries_prune():
    """Remove the entries older than AUDIT_RETENTION_DAYS; returns how many."""
    cutoff = timezone.now() - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    count, _ = AuditEntry.objects.filter(timestamp__lt=cutoff).delete()
    return count


def audit_subject_forget(*, user, replacement):
    """The person was erased: entries about them keep the fact, lose the name."""
    entries = AuditEntry.objects.filter(subject=user)
    name = user.full_name.strip()
    if name:
        entries.update(label=Replace("label", Value(name), Value(replacement)))
