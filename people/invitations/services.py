"""Writes of role invitations. Every function is atomic and keyword-only;
a refusal is a ValidationError with a Dutch message. The mail is queued in
the outbox and leaves after the commit, its link made only then."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from people.models import Membership, Organisation, RoleInvitation, RoleInvitationAnswer, User
from people.permissions import is_coordinator, roles_grantable_by

from . import flow, mail


def _check_may_invite(by, organisation, role):
    """The form offers only these; a forged POST is refused here too."""
    if not is_coordinator(by, organisation):
        raise ValidationError(
            {"organisation": _("You can only invite people to your own organisation.")}
        )
    if role not in roles_grantable_by(by):
        raise ValidationError({"role": _("You cannot give this role.")})


@transaction.atomic
def role_invitation_create(*, organisation, role, email, full_name, by):
    """Ask the owner of `email` to take `role` in `organisation`. Whether an
    account has this address is never looked at, and no account is made:
    the coordinator's side is the same either way. A second invitation to
    the same address for the same role renews the open one and sends it
    again; an expired one is closed and replaced."""
    _check_may_invite(by, organisation, role)
    # One invitation per address at a time: the organisation's row is the lock.
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    email = User.objects.normalize_email(email).strip().lower()
    now = timezone.now()
    invitation = flow.renewable(
        RoleInvitation.objects.unanswered().filter(
            organisation=organisation, role=role, email__iexact=email
        )
    )
    if invitation is None:
        invitation = RoleInvitation(
            organisation=organisation, role=role, email=email, created_at=now
        )
    invitation.name_typed = full_name.strip()
    invitation.invited_by = by
    invitation.expires_at = now + timedelta(days=settings.ROLE_INVITATION_DAYS)
    flow.save_with_token(invitation)
    mail.role_invitation(invitation)
    return invitation


@transaction.atomic
def role_invitation_accept(*, invitation, person):
    """The holder of the link, logged in, says yes: they get the role.

    Unlike a sign-up invitation, the account's address need not be the
    invited one. The link went only to that mailbox and works once, for 14
    days, so having it is the proof the coordinator asked for; many
    volunteers already have an account under another (private or work)
    address, and a second account would split their roles. Who accepted is
    kept (the membership and Wagtail's log), so a forwarded link shows."""
    invitation = flow.locked_open(invitation)
    membership, created = Membership.objects.get_or_create(
        user=person, organisation=invitation.organisation, role=invitation.role
    )
    flow.close(invitation, RoleInvitationAnswer.ACCEPTED, membership=membership)
    if created:
        log(membership, "wagtail.create", user=person)
    return membership


@transaction.atomic
def role_invitation_decline(*, invitation):
    """Whoever holds the link (it went to the invited address) may say no."""
    invitation = flow.locked_open(invitation)
    flow.close(invitation, RoleInvitationAnswer.DECLINED)
    return invitation


@transaction.atomic
def role_invitation_withdraw(*, invitation, by):
    """A coordinator takes back an invitation that was not answered yet."""
    if not is_coordinator(by, invitation.organisation_id):
        raise ValidationError(_("You can only withdraw invitations of your own organisation."))
    invitation = flow.locked_open(invitation)
    flow.close(invitation, RoleInvitationAnswer.WITHDRAWN)
    return invitation


def role_invitations_prune():
    """Answered or expired invitations are kept INVITATION_RETENTION_DAYS."""
    return flow.prune(RoleInvitation)
