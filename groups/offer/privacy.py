"""The offer's part of a person's data download and of anonymisation (AVG)."""

from . import services
from .models import CalendarToken, Enrolment, EnrolmentInvitation


def export_sign_ups(user):
    return {
        "sign_ups": [
            {
                "group": enrolment.group.title,
                "status": enrolment.status,
                "signed_up_at": enrolment.created_at.isoformat(),
                "cancelled_at": enrolment.cancelled_at.isoformat()
                if enrolment.cancelled_at
                else None,
            }
            for enrolment in Enrolment.objects.filter(person=user).select_related("group")
        ]
    }


def erase_calendar_links(user):
    CalendarToken.objects.filter(user=user).delete()


def cancel_sign_ups(user):
    """Someone who leaves gives up their places through the normal service,
    so a freed place goes to the first person waiting."""
    for enrolment in Enrolment.objects.active().filter(person=user).select_related("group"):
        services.enrolment_cancel(enrolment=enrolment)


def export_invitations(user):
    """Invitations sent to the person's address, and how they were answered."""
    return {
        "invitations": [
            {
                "group": invitation.group.title,
                "invited_at": invitation.created_at.isoformat(),
                "answer": invitation.shown_state,
            }
            for invitation in EnrolmentInvitation.objects.to_address(user.email)
            .select_related("group")
            .order_by("created_at", "pk")
        ]
    }


def erase_invitations(user):
    EnrolmentInvitation.objects.to_address(user.email).delete()
