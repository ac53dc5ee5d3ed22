"""The offer's pages for people: signing up, one's own sign-up, accepting
an offered place, and the participants page of trainers and coordinators."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.audit.services import VIEW, audit_log
from people.messages import error_message
from people.permissions import may_enrol_others, may_see_participants

from . import services
from .forms import AssistedEnrolmentForm
from .models import Enrolment, EnrolmentInvitation, EnrolmentStatus, InvitationAnswer
from .pages import GroupPage


def _live_group(group_id):
    return get_object_or_404(GroupPage.objects.live(), pk=group_id)


@login_required
def enrolment_create(request, group_id):
    """Confirm, then sign up for the whole group (or its waiting list)."""
    group = _live_group(group_id)
    if request.method == "POST":
        try:
            enrolment = services.enrolment_create(group=group, person=request.user)
        except ValidationError as error:
            messages.error(request, error_message(error))
            return redirect(group.url)
        return redirect("groups:enrolment", enrolment_id=enrolment.pk)
    if group.is_finished():
        messages.error(request, services.finished_message())
        return redirect(group.url)
    return render(
        request,
        "groups/enrol_confirm.html",
        {
            "group": group,
            "meetings": list(group.meetings.planned().upcoming()),
            # A paused group gives no places now: newcomers join the waiting list.
            "places_left": 0 if group.is_paused() else group.places_left(),
        },
    )


def _own_enrolment(request, enrolment_id):
    return get_object_or_404(
        Enrolment.objects.select_related("group"), pk=enrolment_id, person=request.user
    )


@login_required
def enrolment_detail(request, enrolment_id):
    enrolment = _own_enrolment(request, enrolment_id)
    return render(
        request,
        "groups/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "group": enrolment.group,
            "meetings": list(enrolment.group.meetings.upcoming()),
            "position": enrolment.waiting_position(),
        },
    )


@login_required
def enrolment_cancel(request, enrolment_id):
    enrolment = _own_enrolment(request, enrolment_id)
    if request.method == "POST":
        try:
            services.enrolment_cancel(enrolment=enrolment, by=request.user)
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(
                request,
                _("You are no longer signed up for %(group)s.") % {"group": enrolment.group.title},
            )
        return redirect("people:my")
    return render(
        request, "groups/enrolment_cancel.html", {"enrolment": enrolment, "group": enrolment.group}
    )


@login_required
def offer_accept(request, token):
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("group"), offer_token=token, person=request.user
    )
    if enrolment.status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.CANCELLED):
        # The link in the e-mail was used before: show where things stand.
        return redirect("groups:enrolment", enrolment_id=enrolment.pk)
    expired = (
        enrolment.status == EnrolmentStatus.EXPIRED or enrolment.offer_expires_at <= timezone.now()
    )
    if request.method == "POST" and not expired:
        try:
            services.offer_accept(enrolment=enrolment)
        except ValidationError as error:
            messages.error(request, error_message(error))
            return redirect("people:my")
        messages.success(request, _("You have a place. Welcome!"))
        return redirect("groups:enrolment", enrolment_id=enrolment.pk)
    return render(
        request,
        "groups/offer_accept.html",
        {"enrolment": enrolment, "group": enrolment.group, "expired": expired},
    )


def sign_up_someone(request, group, form):
    """A trainer or coordinator signs up the person in the valid `form`
    (AssistedEnrolmentForm), and hears how it went. With an e-mail address
    the person is invited to confirm, and the trainer hears only that, in
    the name they typed, whoever owns the address. Returns the enrolment or
    invitation, or None with the refusal on the form."""
    data = form.cleaned_data
    try:
        if data["email"]:
            invitation = services.invitation_create(
                group=group, full_name=data["full_name"], email=data["email"], by=request.user
            )
        else:
            enrolment = services.assisted_enrolment_create(
                group=group, full_name=data["full_name"], phone=data["phone"], by=request.user
            )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    if data["email"]:
        messages.success(
            request,
            _("Invitation sent to %(name)s. They are signed up once they confirm.")
            % {"name": invitation.name_typed},
        )
        return invitation
    name = {"name": enrolment.person.full_name}
    if enrolment.status == EnrolmentStatus.ENROLLED:
        messages.success(request, _("%(name)s is signed up.") % name)
    else:
        messages.warning(request, _("The group is full: %(name)s is on the waiting list.") % name)
    return enrolment


@login_required
def participants(request, group_id):
    """Trainers of this group and coordinators of its organisation only;
    anyone else gets a 404, so a group's participants are not even hinted at."""
    group = _live_group(group_id)
    if not may_see_participants(request.user, group):
        raise Http404
    form = AssistedEnrolmentForm(request.POST or None)
    if request.method == "POST" and may_enrol_others(request.user, group) and form.is_valid():
        enrolment = sign_up_someone(request, group, form)
        if enrolment is not None:
            return redirect("groups:participants", group_id=group.pk)
    audit_log(
        user=request.user, action=VIEW, label=group.title, obj=group, data={"page": "participants"}
    )
    enrolments = (
        Enrolment.objects.active()
        .filter(group=group)
        .select_related("person", "enrolled_by")
        .order_by("status", "created_at", "pk")
    )
    return render(
        request,
        "groups/participants.html",
        {
            "group": group,
            "enrolled": [e for e in enrolments if e.status != EnrolmentStatus.WAITING],
            "waiting": [e for e in enrolments if e.status == EnrolmentStatus.WAITING],
            "invitations": list(
                group.invitations.exclude(answer=InvitationAnswer.CONFIRMED).order_by(
                    "created_at", "pk"
                )
            ),
            "form": form,
            "places_left": group.places_left(),
        },
    )


def _open_invitation(token):
    invitation = (
        EnrolmentInvitation.objects.open()
        .select_related("group", "invited_by")
        .filter(token_hash=EnrolmentInvitation.hash_token(token))
        .first()
    )
    return invitation if invitation and invitation.group.live else None


def _invitation_page(request, invitation, **context):
    group = invitation.group
    return render(
        request,
        "groups/invitation.html",
        {
            "invitation": invitation,
            "group": group,
            "meetings": list(group.meetings.planned().upcoming()),
            "for_me": request.user.is_authenticated
            and request.user.email.lower() == invitation.email.lower(),
            "login_url": f"{reverse('account_login')}?{urlencode({'next': request.path})}",
            "signup_url": f"{reverse('account_signup')}?{urlencode({'next': request.path})}",
            **context,
        },
    )


def invitation_answer(request, token):
    """The invited person confirms or declines. An unknown, answered or
    expired link gets one and the same page: nothing to learn from it."""
    invitation = _open_invitation(token)
    if invitation is None:
        return render(request, "groups/invitation_gone.html", status=404)
    answer = request.POST.get("answer") if request.method == "POST" else None
    if answer == "decline":
        services.invitation_decline(invitation=invitation)
        messages.success(request, _("You have declined. You are not signed up."))
        return redirect(invitation.group.url)
    if answer != "confirm":
        return _invitation_page(request, invitation)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
    try:
        enrolment = services.invitation_confirm(invitation=invitation, person=request.user)
    except ValidationError as error:
        return _invitation_page(request, invitation, error=error_message(error))
    messages.success(
        request, _("You are signed up for %(group)s.") % {"group": invitation.group.title}
    )
    return redirect("groups:enrolment", enrolment_id=enrolment.pk)


@login_required
@require_POST
def feed_renew(request):
    services.calendar_token_renew(user=request.user)
    messages.success(request, _("You have a new calendar link. The old link no longer works."))
    return redirect(reverse("people:my") + "#agenda")
