"""The certificate of a competency record: personal data, stored outside
MEDIA_ROOT and handed out only to the volunteer's coordinators."""

import filetype
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from people.audit.services import DOWNLOAD, audit_log

from .policies import record_policy

EVIDENCE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def evidence_download(request, pk):
    """The certificate of a record, only for coordinators of the volunteer's
    organisation (and superusers). For anyone else it does not exist."""
    record = get_object_or_404(
        record_policy.instances_user_has_any_permission_for(request.user, ["view"]).exclude(
            evidence=""
        ),
        pk=pk,
    )
    try:
        handle = record.evidence.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    audit_log(
        user=request.user,
        action=DOWNLOAD,
        label=f"{record.volunteer} – {record.competency.name}",
        obj=record,
        subject=record.volunteer,
        data={"document": "certificate"},
    )
    content_type, extension = evidence_type(handle)
    filename = f"{slugify(str(record.volunteer))}-{slugify(record.competency.name)}.{extension}"
    response = FileResponse(
        handle, content_type=content_type, as_attachment=False, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Personal data: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


def evidence_type(handle):
    """(content type, extension) of an open file. The type comes from the
    content, as when it was uploaded, never from the name."""
    kind = filetype.guess(handle.read(262))
    handle.seek(0)
    if kind and kind.mime in EVIDENCE_TYPES:
        return kind.mime, kind.extension
    return "application/octet-stream", "bin"
