"""The offer's part of a person's data download and of anonymisation (AVG)."""

from . import services
from .models import CalendarToken, Enrolment, EnrolmentInvitation, MeetingReminder
from .pages import GroupPage


def _when(moment):
    return moment.isoformat() if moment else None


def export_sign_ups(user):
    enrolments = Enrolment.objects.filter(person=user).select_related("group", "enrolled_by")
    return {
        "sign_ups": [
            {
                "group": enrolment.group.title,
                "status": enrolment.status,
                "signed_up_at": enrolment.created_at.isoformat(),
                "cancelled_at": _when(enrolment.cancelled_at),
                # Signed up on their behalf: by whom (assisted enrolment).
                "signed_up_by": enrolment.enrolled_by.full_name
                if enrolment.enrolled_by_id and enrolment.enrolled_by_id != user.pk
                else None,
            }
            for enrolment in enrolments
        ]
    }


def export_calendar_links(user):
    """That a personal calendar link exists and whether it still works;
    never the token itself, a download may be forwarded."""
    return {
        "calendar_links": [
            {"created_at": _when(token.created_at), "revoked_at": _when(token.revoked_at)}
            for token in CalendarToken.objects.filter(user=user).order_by("created_at")
        ]
    }


def export_reminders(user):
    reminders = MeetingReminder.objects.filter(person=user).select_related("meeting__group")
    return {
        "meeting_reminders": [
            {
                "group": reminder.meeting.group.title,
                "meeting": reminder.meeting.starts_at.isoformat(),
                "sent_at": _when(reminder.sent_at),
            }
            for reminder in reminders.order_by("sent_at")
        ]
    }


def export_groups_led(user):
    return {
        "groups_led": [
            {"group": group.title} for group in GroupPage.objects.filter(trainers=user).distinct()
        ],
        "groups_co_trained": [
            {"group": group.title}
            for group in GroupPage.objects.filter(co_trainers=user).distinct()
        ],
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
