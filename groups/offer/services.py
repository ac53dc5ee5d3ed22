"""Writes with side effects on the offer: sign-up, the waiting list,
meetings and calendar links.

Every function is atomic; the group's row is locked while places are
counted (SELECT ... FOR UPDATE on PostgreSQL; SQLite takes its write lock at
the start of the transaction), so two people never get the same last place.
E-mails are queued and leave only after the commit.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.invitations import flow as invitation_flow
from people.models import User
from people.permissions import may_enrol_self, may_join_training, may_see_own_competencies

from . import notifications
from .kinds import GroupKind
from .models import (
    INVITATION_DAYS,
    CalendarToken,
    Enrolment,
    EnrolmentInvitation,
    EnrolmentStatus,
    InvitationAnswer,
    Meeting,
    MeetingStatus,
)
from .pages import GroupPage
from .series import meeting_create as meeting_create
from .series import meeting_series_create as meeting_series_create
from .series import series_dates as series_dates
from .series import series_plan as series_plan
from .signals import enrolment_cancelled


def finished_message():
    return _("This group has finished: its last meeting has passed. You can no longer sign up.")


def _locked_group(group):
    return GroupPage.objects.select_for_update().get(pk=group.pk)


def _places_taken(group):
    return Enrolment.objects.filter(group=group).holding_place().count()


@transaction.atomic
def enrolment_create(*, group, person, by=None):
    """Enrol `person` in the whole group, or put them on the waiting list
    when it is full. Raises ValidationError with a Dutch message when it
    cannot be done."""
    enrolment = _enrol(group=group, person=person, by=by)
    _notify_enrolment(enrolment)
    return enrolment


def _notify_enrolment(enrolment):
    if enrolment.status == EnrolmentStatus.ENROLLED:
        notifications.enrolment_confirmed(enrolment)
    else:
        notifications.waiting_list_joined(enrolment)


def _enrol(*, group, person, by, window=True):
    group = _locked_group(group)
    if not group.live:
        raise ValidationError(_("This group is not open for sign-up."))
    # A trainer may still add a walk-in to the last meeting after it ended
    # (window=False); nobody else signs up for a finished group.
    if window and group.is_finished():
        raise ValidationError(finished_message())
    if window and not group.enrolment_window_open():
        raise ValidationError(_("Signing up for this group is not possible now."))
    if (by is None or by == person) and not may_enrol_self(person):
        raise ValidationError(_("An editor's account cannot sign up for a group."))
    if group.kind == GroupKind.TRAINING and not may_see_own_competencies(person):
        raise ValidationError(_("This training is for volunteers only."))
    if group.kind == GroupKind.TRAINING and not may_join_training(person, group):
        raise ValidationError(
            _("This training is for the volunteers of %(organisation)s.")
            % {"organisation": group.organisation}
        )
    if Enrolment.objects.active().filter(group=group, person=person).exists():
        raise ValidationError(_("You are already signed up for this group."))

    now = timezone.now()
    # A paused group keeps its places for those in it; newcomers wait.
    has_place = not group.is_paused() and _places_taken(group) < group.capacity
    enrolment = Enrolment(
        group=group,
        person=person,
        status=EnrolmentStatus.ENROLLED if has_place else EnrolmentStatus.WAITING,
        created_at=now,
        enrolled_at=now if has_place else None,
        enrolled_by=by if by and by != person else None,
    )
    enrolment.full_clean()
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_cancel(*, enrolment, by=None):
    group = _locked_group(enrolment.group)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in (
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.WAITING,
        EnrolmentStatus.OFFERED,
    ):
        raise ValidationError(_("This sign-up was already cancelled."))
    held_place = enrolment.holds_place
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.cancelled_at = timezone.now()
    enrolment.save()
    enrolment_cancelled.send(sender=Enrolment, enrolment=enrolment)
    # Without `by` the account itself is going (privacy erasure): no mail.
    if by is not None:
        notifications.enrolment_cancelled(enrolment, by=by)
    if held_place:
        _offer_free_places(group)
    return enrolment


def _offer_free_places(group):
    """Offer each free place to the first person waiting, exactly once;
    not when sign-up is closed, the group has finished or is paused."""
    if group.is_finished() or not group.enrolment_window_open() or group.is_paused():
        return []
    free = group.capacity - _places_taken(group)
    if free <= 0:
        return []
    now = timezone.now()
    offered = []
    for enrolment in Enrolment.objects.waiting_list().filter(group=group)[:free]:
        enrolment.status = EnrolmentStatus.OFFERED
        enrolment.offered_at = now
        enrolment.offer_expires_at = now + timedelta(hours=settings.WAITING_LIST_OFFER_HOURS)
        enrolment.offer_token = Enrolment.new_offer_token()
        enrolment.save()
        notifications.place_offered(enrolment)
        offered.append(enrolment)
    return offered


@transaction.atomic
def offer_accept(*, enrolment):
    _locked_group(enrolment.group)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != EnrolmentStatus.OFFERED:
        raise ValidationError(_("This offer is no longer valid."))
    if enrolment.offer_expires_at <= timezone.now():
        raise ValidationError(_("This offer has expired. The place went to the next person."))
    if enrolment.group.is_finished():
        raise ValidationError(finished_message())
    enrolment.status = EnrolmentStatus.ENROLLED
    enrolment.enrolled_at = timezone.now()
    enrolment.save()
    notifications.enrolment_confirmed(enrolment)
    return enrolment


def offers_expire():
    """Scheduled: offers not accepted in time pass to the next person."""
    expired = 0
    for enrolment_id, group_id in Enrolment.objects.offers_due().values_list("pk", "group_id"):
        with transaction.atomic():
            group = _locked_group(GroupPage(pk=group_id))
            enrolment = Enrolment.objects.select_for_update().get(pk=enrolment_id)
            if enrolment.status != EnrolmentStatus.OFFERED:
                continue
            enrolment.status = EnrolmentStatus.EXPIRED
            enrolment.save()
            notifications.offer_expired(enrolment)
            _offer_free_places(group)
            expired += 1
    return expired


@transaction.atomic
def enrolment_promote(*, enrolment, by):
    """A coordinator gives a free place to someone on the waiting list,
    whatever their position. Never beyond capacity."""
    group = _locked_group(enrolment.group)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in (EnrolmentStatus.WAITING, EnrolmentStatus.OFFERED):
        raise ValidationError(_("Only someone on the waiting list can be given a place."))
    if enrolment.status == EnrolmentStatus.WAITING and _places_taken(group) >= group.capacity:
        raise ValidationError(_("The group is full. Make a place free first, or add places."))
    enrolment.status = EnrolmentStatus.ENROLLED
    enrolment.enrolled_at = timezone.now()
    enrolment.enrolled_by = by
    enrolment.save()
    notifications.enrolment_confirmed(enrolment)
    return enrolment


@transaction.atomic
def assisted_enrolment_create(*, group, full_name, phone, by):
    """A trainer or coordinator signs up someone without an e-mail address,
    known by a phone number only. (With an address, see invitation_create.)"""
    if not phone.strip():
        raise ValidationError(_("Fill in a phone number or an e-mail address."))
    person = User(email=User.placeholder_email(), full_name=full_name.strip(), phone=phone.strip())
    person.set_unusable_password()
    person.full_clean()
    person.save()
    # A trainer may add a walk-in to a running course after sign-up closed.
    enrolment = _enrol(group=group, person=person, by=by, window=False)
    _notify_enrolment(enrolment)
    return enrolment


@transaction.atomic
def invitation_create(*, group, full_name, email, by):
    """A trainer or coordinator asks the owner of `email` to confirm a
    sign-up. Whether an account has this address is never looked at: the
    trainer's side is the same either way. A second invitation to the same
    address renews the open one; an expired one is closed and replaced."""
    group = _locked_group(group)
    if not group.live:
        raise ValidationError(_("This group is not open for sign-up."))
    if group.is_finished():
        raise ValidationError(finished_message())
    email = User.objects.normalize_email(email).strip().lower()
    now = timezone.now()
    invitation = invitation_flow.renewable(
        EnrolmentInvitation.objects.unanswered().filter(group=group, email__iexact=email)
    )
    if invitation is None:
        invitation = EnrolmentInvitation(group=group, email=email, created_at=now)
    invitation.name_typed = full_name.strip()
    invitation.invited_by = by
    invitation.expires_at = now + timedelta(days=INVITATION_DAYS)
    invitation_flow.save_with_token(invitation)
    notifications.enrolment_invitation(invitation)
    return invitation


def _locked_open_invitation(invitation):
    _locked_group(invitation.group)
    return invitation_flow.locked_open(invitation)


@transaction.atomic
def invitation_confirm(*, invitation, person):
    """The invited person, logged in with the invited address, says yes:
    signed up through the normal rules (a place, or the waiting list)."""
    invitation = _locked_open_invitation(invitation)
    if person.email.lower() != invitation.email.lower():
        raise ValidationError(_("This invitation is for another e-mail address."))
    if invitation.group.is_finished():
        raise ValidationError(finished_message())
    enrolment = _enrol(
        group=invitation.group, person=person, by=invitation.invited_by, window=False
    )
    invitation_flow.close(invitation, InvitationAnswer.CONFIRMED, enrolment=enrolment)
    _notify_enrolment(enrolment)
    return enrolment


@transaction.atomic
def invitation_decline(*, invitation):
    """Whoever holds the link (it went to the invited address) may say no."""
    invitation = _locked_open_invitation(invitation)
    invitation_flow.close(invitation, InvitationAnswer.DECLINED)
    return invitation


def invitations_prune():
    """Answered or expired invitations are kept INVITATION_RETENTION_DAYS."""
    return invitation_flow.prune(EnrolmentInvitation)


@transaction.atomic
def meeting_move(*, meeting, starts_at, ends_at, location=None, topic=None):
    """Change a meeting's time, place or topic; whoever has a place hears it
    when anything changed."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise ValidationError(_("A cancelled meeting cannot be moved."))
    changed = (
        (meeting.starts_at, meeting.ends_at) != (starts_at, ends_at)
        or (location is not None and location != meeting.location)
        or (topic is not None and topic != meeting.topic)
    )
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    if location is not None:
        meeting.location = location
    if topic is not None:
        meeting.topic = topic
    meeting.full_clean()
    if changed:
        meeting.sequence += 1
        # A reminder for the old date says nothing about the new one.
        meeting.reminders.all().delete()
    meeting.save()
    if changed:
        notifications.meeting_changed(meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting, reason="", notify=True):
    """Cancel one meeting. notify=False when the caller tells everyone in
    one mail for many meetings (a closure, a pause)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        return meeting
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason[:200]
    meeting.sequence += 1
    meeting.save()
    if notify:
        notifications.meeting_changed(meeting)
    return meeting


def calendar_token_for(*, user):
    token = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()
    if token:
        return token
    try:
        with transaction.atomic():
            return CalendarToken.objects.create(user=user)
    except IntegrityError:
        # Opened twice at once: the other request made the token.
        return CalendarToken.objects.get(user=user, revoked_at__isnull=True)


@transaction.atomic
def calendar_token_renew(*, user):
    """Revoke the calendar link (it was shared by mistake) and make a new one."""
    CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return CalendarToken.objects.create(user=user)
