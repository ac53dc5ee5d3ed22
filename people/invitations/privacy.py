"""Role invitations in a person's data download and erasure (AVG): those
sent to their address, and one they accepted with another address."""

from django.db.models import Q

from people.models import RoleInvitation


def _of(user):
    return RoleInvitation.objects.filter(Q(email__iexact=user.email) | Q(membership__user=user))


def export_role_invitations(user):
    return {
        "role_invitations": [
            {
                "organisation": invitation.organisation.name,
                "role": invitation.role,
                "name_typed": invitation.name_typed,
                "email": invitation.email,
                "invited_at": invitation.created_at.isoformat(),
                "answer": invitation.shown_state,
                "answered_at": invitation.answered_at.isoformat()
                if invitation.answered_at
                else None,
            }
            for invitation in _of(user).select_related("organisation").order_by("created_at", "pk")
        ]
    }


def erase_role_invitations(user):
    _of(user).delete()
