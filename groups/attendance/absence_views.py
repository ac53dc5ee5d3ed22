"""Saying ahead "I cannot come this time" for one meeting, and taking it
back: from Mijn Waakvlam (signed in), from the reminder e-mail's link
(works without signing in, for that person and meeting only), and by the
trainer on the attendance page before the meeting (a POST of that page).

A GET only shows a calm page with one button; only the POST changes
something. A link that is not right is a 404 with the same calm words for
every reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from people.messages import error_message

from ..offer.models import Enrolment, EnrolmentStatus, Meeting
from . import absences, links
from .forms import ABSENT, AbsenceForm, TrainerAbsenceForm
from .models import AbsenceChannel, AbsenceNotice

CHOOSE = _lazy("Choose whether you can come.")


def _do(form, *, meeting, person, by, channel):
    """Announce or take back as the valid `form` says; the success message,
    or the refusal as a ValidationError."""
    if form.cleaned_data["answer"] == ABSENT:
        absences.absence_announce(meeting=meeting, person=person, by=by, channel=channel)
        return _("Thank you for letting us know. You are down as absent with notice.")
    absences.absence_withdraw(meeting=meeting, person=person, by=by)
    return _("Good to hear you are coming after all.")


def _page(request, meeting, person, **context):
    announced = AbsenceNotice.objects.standing().filter(meeting=meeting, person=person).exists()
    enrolled = Enrolment.objects.filter(
        group_id=meeting.group_id, person=person, status=EnrolmentStatus.ENROLLED
    ).exists()
    return render(
        request,
        "groups/attendance/absence.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "announced": announced,
            "enrolled": enrolled,
            "passed": meeting.starts_at <= timezone.now(),
            **context,
        },
    )


def _own_meeting(request, meeting_id):
    meeting = Meeting.objects.select_related("group").filter(pk=meeting_id).first()
    enrolled = (
        meeting is not None
        and Enrolment.objects.filter(
            group_id=meeting.group_id, person=request.user, status=EnrolmentStatus.ENROLLED
        ).exists()
    )
    if not enrolled:
        raise Http404
    return meeting


@login_required
def absence_self(request, meeting_id):
    """From Mijn Waakvlam: only for a group the person is signed up for."""
    meeting = _own_meeting(request, meeting_id)
    if request.method != "POST":
        return _page(request, meeting, request.user)
    form = AbsenceForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(CHOOSE)
        message = _do(
            form,
            meeting=meeting,
            person=request.user,
            by=request.user,
            channel=AbsenceChannel.MY_WAAKVLAM,
        )
    except ValidationError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, message)
    return redirect(reverse("people:my") + "#groups-heading")


def absence_link(request, token):
    """From the reminder e-mail, signed in or not: the token names the
    person and the meeting. Answers on the same page; never a redirect to
    a page that asks to sign in."""
    found = links.from_token(token)
    if found is None:
        return render(request, "groups/attendance/absence_gone.html", status=404)
    meeting, person = found
    if request.method != "POST":
        return _page(request, meeting, person, by_link=True)
    form = AbsenceForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(CHOOSE)
        done = _do(form, meeting=meeting, person=person, by=person, channel=AbsenceChannel.EMAIL)
    except ValidationError as error:
        return _page(request, meeting, person, by_link=True, error=error_message(error))
    return _page(request, meeting, person, by_link=True, done=done)


def absence_by_trainer(request, meeting):
    """The trainer says it for someone, before the meeting: a POST of the
    attendance page (its view has checked who may)."""
    form = TrainerAbsenceForm(request.POST)
    page_url = reverse("groups:attendance", kwargs={"meeting_id": meeting.pk})
    if not form.is_valid():
        messages.error(
            request, _("Something in the form is not right. Reload the page and try again.")
        )
        return redirect(page_url)
    enrolment = (
        Enrolment.objects.filter(
            group_id=meeting.group_id,
            person_id=form.cleaned_data["person"],
            status=EnrolmentStatus.ENROLLED,
        )
        .select_related("person")
        .first()
    )
    absent = form.cleaned_data["answer"] == ABSENT
    try:
        if enrolment is None:
            raise ValidationError(_("This person is not signed up for this group."))
        if absent:
            absences.absence_announce(
                meeting=meeting,
                person=enrolment.person,
                by=request.user,
                channel=AbsenceChannel.TRAINER,
            )
        else:
            absences.absence_withdraw(meeting=meeting, person=enrolment.person, by=request.user)
    except ValidationError as error:
        messages.error(request, error_message(error))
        return redirect(page_url)
    name = {"name": enrolment.person.full_name}
    if absent:
        messages.success(request, _("%(name)s is down as absent with notice.") % name)
    else:
        messages.success(request, _("%(name)s is coming after all.") % name)
    return redirect(f"{page_url}#person-{enrolment.person_id}")
