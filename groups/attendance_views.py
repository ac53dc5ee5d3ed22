"""Registering attendance of one meeting, on a phone, during or after it.

Only trainers of the group and coordinators of its organisation; anyone else
gets a 404. The page works as a plain form; static/js/attendance.js saves it
with fetch and asks for JSON (Accept: application/json) instead of a redirect.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from people.permissions import may_enrol_others, may_register_attendance

from . import services
from .forms import AssistedEnrolmentForm
from .models import (
    Attendance,
    AttendanceStatus,
    AttentionSignal,
    Enrolment,
    EnrolmentStatus,
    Meeting,
)

# The form posts one radio group per person, named "status-<person id>".
FIELD_PREFIX = "status-"

# Labels of the four segments; capitalised, unlike the model's choices.
SEGMENTS = [
    (AttendanceStatus.PRESENT, gettext_lazy("Present")),
    (AttendanceStatus.LATE, gettext_lazy("Late")),
    (AttendanceStatus.EXCUSED, gettext_lazy("Excused")),
    (AttendanceStatus.ABSENT, gettext_lazy("Absent")),
]


@dataclass
class PersonRow:
    """One person on the page: what was saved, and what the form shows."""

    person: object
    saved: Attendance | None
    chosen: str
    signal: AttentionSignal | None

    @property
    def saved_text(self):
        return saved_text(self.saved)

    @property
    def attention_text(self):
        return attention_text(self.signal)


def saved_text(attendance):
    """ "Saved by Henk, 19:42"; the date too when it was another day."""
    if attendance is None:
        return _("Not saved yet")
    at = timezone.localtime(attendance.recorded_at)
    when = date_format(at, "H:i" if at.date() == timezone.localdate() else "j F, H:i")
    if attendance.recorded_by is None:  # the recorder's account was deleted
        return _("Saved, %(time)s") % {"time": when}
    return _("Saved by %(name)s, %(time)s") % {
        "name": attendance.recorded_by.get_short_name(),
        "time": when,
    }


def attention_text(signal):
    if signal is None:
        return ""
    return ngettext(
        "Missed %(counter)s meeting in a row",
        "Missed %(counter)s meetings in a row",
        signal.missed,
    ) % {"counter": signal.missed}


def _meeting_or_404(request, pk):
    meeting = Meeting.objects.select_related("group").filter(pk=pk).first()
    if meeting is None or not may_register_attendance(request.user, meeting.group):
        raise Http404
    return meeting


def _rows(meeting, chosen=None):
    """Everyone enrolled, by name, in three queries whatever their number."""
    enrolments = (
        Enrolment.objects.filter(group_id=meeting.group_id, status=EnrolmentStatus.ENROLLED)
        .select_related("person")
        .order_by("person__full_name", "person_id")
    )
    saved = {
        row.person_id: row
        for row in Attendance.objects.filter(meeting=meeting).select_related("recorded_by")
    }
    signals = {
        signal.person_id: signal
        for signal in AttentionSignal.objects.filter(
            group_id=meeting.group_id, resolved_at__isnull=True
        )
    }
    chosen = chosen or {}
    rows = []
    for enrolment in enrolments:
        person_id = enrolment.person_id
        attendance = saved.get(person_id)
        rows.append(
            PersonRow(
                person=enrolment.person,
                saved=attendance,
                chosen=chosen.get(person_id) or (attendance.status if attendance else ""),
                signal=signals.get(person_id),
            )
        )
    return rows


def _registration_open(meeting):
    """From the day of the meeting on; the service allows no earlier."""
    return timezone.localtime(meeting.starts_at).date() <= timezone.localdate()


def _render(request, meeting, *, chosen=None, walk_in_form=None):
    open_ = not meeting.is_cancelled and _registration_open(meeting)
    return render(
        request,
        "groups/attendance/meeting.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "rows": _rows(meeting, chosen) if open_ else [],
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
def attendance(request, pk):
    meeting = _meeting_or_404(request, pk)
    if request.method != "POST":
        return _render(request, meeting)

    wants_json = _wants_json(request)
    statuses, tampered = _statuses_from(request.POST)
    try:
        if meeting.is_cancelled:
            raise ValidationError(_("This meeting was cancelled."))
        if not _registration_open(meeting):
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
        message = " ".join(error.messages)
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
        return redirect("groups:attendance", pk=meeting.pk)
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
                for row in _rows(meeting)
            },
        }
    )


@login_required
@require_POST
def attendance_walk_in(request, pk):
    """Sign up someone who walked in; they then appear in the list."""
    meeting = _meeting_or_404(request, pk)
    if not may_enrol_others(request.user, meeting.group):
        raise Http404
    page_url = reverse("groups:attendance", kwargs={"pk": meeting.pk})
    if meeting.is_cancelled or not _registration_open(meeting):
        messages.error(request, _("You can add someone on the day of the meeting."))
        return redirect(page_url)
    form = AssistedEnrolmentForm(request.POST)
    if form.is_valid():
        try:
            enrolment = services.assisted_enrolment_create(
                group=meeting.group,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            name = enrolment.person.full_name
            if enrolment.status == EnrolmentStatus.ENROLLED:
                messages.success(request, _("%(name)s is signed up.") % {"name": name})
                return redirect(f"{page_url}#person-{enrolment.person_id}")
            messages.warning(
                request, _("The group is full: %(name)s is on the waiting list.") % {"name": name}
            )
            return redirect(page_url)
    return _render(request, meeting, walk_in_form=form)
