"""The one-click "I cannot come this time" link of the reminder e-mail.

The token is made from the meeting, the person and SECRET_KEY when the mail
leaves (a SendTime value) and is never stored: opening the link checks it
again. It names one person and one meeting, and works until that meeting
starts; after that the page only says the meeting has passed."""

from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from people.mail import SendTime, send_time
from people.models import User

from ..offer.models import Meeting
from ..offer.notifications import absolute_url

SALT = "groups.attendance.absence-link"


def _signature(meeting_id, person_id):
    return salted_hmac(SALT, f"{meeting_id}:{person_id}", algorithm="sha256").hexdigest()


def absence_token(meeting, person):
    return f"{meeting.pk}-{person.pk}-{_signature(meeting.pk, person.pk)}"


def from_token(token):
    """(meeting, person) of a valid token, else None: a changed digit, id
    or signature is as unknown as a made-up token."""
    parts = token.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts[:2]):
        return None
    meeting_id, person_id = int(parts[0]), int(parts[1])
    if not constant_time_compare(parts[2], _signature(meeting_id, person_id)):
        return None
    meeting = Meeting.objects.select_related("group").filter(pk=meeting_id).first()
    person = User.objects.filter(pk=person_id).first()
    if meeting is None or person is None:
        return None
    return meeting, person


@send_time
def absence_url(meeting, person):
    return absolute_url(
        reverse("groups:absence_link", kwargs={"token": absence_token(meeting, person)})
    )


def absence_link(meeting, person):
    """The link for a mail's context: made when the mail leaves."""
    return SendTime(absence_url, meeting, person)
