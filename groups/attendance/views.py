"""Registering attendance of one meeting, on a phone, during or after it.

Only trainers of the group and coordinators of its organisation; anyone else
gets a 404. The page works as a plain form; static/js/attendance.js saves it
with fetch and asks for JSON (Accept: application/json) instead of a redirect.
Before the day of the meeting the page lists who said they cannot come, and
its POST with an `answer` writes that down for someone (absence_views).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from people.audit.services import VIEW, audit_log
from people.messages import error_message
from people.permissions import may_enrol_others, may_register_attendance

from ..offer.forms import AssistedEnrolmentForm
from ..offer.models import Enrolment, EnrolmentStatus, Meeting
from ..offer.views import sign_up_someone
from . import services
from .absence_views import absence_by_trainer
from .models import AttendanceStatus
from .selectors import meeting_rows

# The form posts one radio group per person, named "status-<person id>".
FIELD_PREFIX = "status-"


# Labels of the four segments; capitalised, unlike the model's choices.
SEGMENTS = [
    (AttendanceStatus.PRESENT, gettext_lazy("Present")),
    (AttendanceStatus.LATE, gettext_lazy("Late")),
    (AttendanceStatus.EXCUSED, gettext_lazy("Excused")),
    (AttendanceStatus.ABSENT, gettext_lazy("Absent")),
]


def _meeting_or_404(request, meeting_id):
    meeting = Meeting.objects.select_related("group").filter(pk=meeting_id).first()
    if meeting is None or not may_register_attendance(request.user, meeting.group):
        raise Http404
    return meeting


def _render(request, meeting, *, chosen=None, walk_in_form=None):
    audit_log(
        user=request.user,
        action=VIEW,
        label=f"{meeting.group.title} – {date_format(localtime(meeting.starts_at), 'j-n-Y H:i')}",
        obj=meeting,
        data={"page": "attendance"},
    )
    open_ = not meeting.is_cancelled and meeting.day_has_come()
    # Before the day: who said they cannot come, and saying it for someone.
    ahead = not meeting.is_cancelled and not open_
    return render(
        request,
        "groups/attendance/meeting.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "rows": meeting_rows(meeting, chosen) if open_ or ahead else [],
            "ahead": ahead,
            "segments": SEGMENTS,
            "registration_open": open_,
            "walk_in_form": walk_in_form or AssistedEnrolmentForm(),
            "may_walk_in": open_ and may_enrol_others(request.user, meeting.group),
        },
    )


def _statuses_from(data):
    """{person id: status} from the posted radio groups, and whether a field
    name was not a person id at all (a changed form). The service checks
    the people and the statuses."""
    statuses, tampered = {}, False
    for key, value in data.items():
        if not key.startswith(FIELD_PREFIX):
            continue
        try:
            statuses[int(key.removeprefix(FIELD_PREFIX))] = value
        except ValueError:
            tampered = True
    return statuses, tampered


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@login_required
def attendance(request, meeting_id):
    meeting = _meeting_or_404(request, meeting_id)
    if request.method != "POST":
        return _render(request, meeting)
    if "answer" in request.POST:
        # Before the meeting: "X cannot come" or "X is coming after all".
        return absence_by_trainer(request, meeting)

    wants_json = _wants_json(request)
    statuses, tampered = _statuses_from(request.POST)
    try:
        if meeting.is_cancelled:
            raise ValidationError(_("This meeting was cancelled."))
        if not meeting.day_has_come():
            raise ValidationError(_("Attendance can be registered from the day of the meeting."))
        if tampered:
            raise ValidationError(
                _("Something in the form is not right. Reload the page and try again.")
            )
        if not statuses:
            raise ValidationError(
                _("Choose for at least one person: present, late, excused or absent.")
            )
        services.attendance_record(meeting=meeting, statuses=statuses, by=request.user)
    except ValidationError as error:
        message = error_message(error)
        if wants_json:
            return JsonResponse({"ok": False, "message": message}, status=400)
        messages.error(request, message)
        # Nothing was saved: show the choices as they were posted.
        return _render(request, meeting, chosen=statuses)

    message = ngettext(
        "Attendance saved for %(count)s person.",
        "Attendance saved for %(count)s people.",
        len(statuses),
    ) % {"count": len(statuses)}
    if not wants_json:
        messages.success(request, message)
        return redirect("groups:attendance", meeting_id=meeting.pk)
    return JsonResponse(
        {
            "ok": True,
            "message": message,
            "people": {
                str(row.person.pk): {
                    "status": row.saved.status if row.saved else "",
                    "saved": row.saved_text,
                    "attention": row.attention_text,
                }
                for row in meeting_rows(meeting)
            },
        }
    )


@login_required
@require_POST
def walk_in_add(request, meeting_id):
    """Sign up someone who walked in; they then appear in the list."""
    meeting = _meeting_or_404(request, meeting_id)
    if not may_enrol_others(request.user, meeting.group):
        raise Http404
    page_url = reverse("groups:attendance", kwargs={"meeting_id": meeting.pk})
    if meeting.is_cancelled or not meeting.day_has_come():
        messages.error(request, _("You can add someone on the day of the meeting."))
        return redirect(page_url)
    form = AssistedEnrolmentForm(request.POST)
    if form.is_valid():
        result = sign_up_someone(request, meeting.group, form)
        if result is not None:
            if isinstance(result, Enrolment) and result.status == EnrolmentStatus.ENROLLED:
                return redirect(f"{page_url}#person-{result.person_id}")
            return redirect(page_url)
    return _render(request, meeting, walk_in_form=form)
