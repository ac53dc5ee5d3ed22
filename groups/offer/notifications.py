"""The e-mails of the offer: short Dutch sentences (B1), plain text and HTML,
queued through people.mail so they leave after the commit. Links with a
token are SendTime values: the outbox makes them when the mail leaves and
never stores them."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from people.mail import SendTime, send_templated_email, send_time

from .calendar import build_calendar
from .models import HOLDING_PLACE
from .pages import GroupIndexPage


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


def send(person, template, context, attachments=()):
    send_templated_email(
        to=person.email,
        template=f"groups/email/{template}",
        context={"person": person, "site_url": settings.SITE_URL, **context},
        language=person.preferred_language,
        attachments=attachments,
    )


def _group_context(enrolment):
    group = enrolment.group
    meetings = list(group.meetings.planned().upcoming())
    return {
        "enrolment": enrolment,
        "group": group,
        "meetings": meetings,
        "group_url": absolute_url(group.url),
        "my_url": absolute_url(reverse("people:my")),
    }


def _group_calendar(group, meetings):
    return build_calendar(meetings, name=group.title, uid=f"group-{group.pk}@waakvlam")


def enrolment_confirmed(enrolment):
    context = _group_context(enrolment)
    # An empty calendar is not valid iCalendar: no file without meetings.
    attachments = []
    if context["meetings"]:
        ics = _group_calendar(enrolment.group, context["meetings"])
        attachments.append(("bijeenkomsten.ics", ics, "text/calendar"))
    send(enrolment.person, "enrolment_confirmed", context, attachments=attachments)


def waiting_list_joined(enrolment):
    context = _group_context(enrolment)
    context["position"] = enrolment.waiting_position()
    send(enrolment.person, "waiting_list_joined", context)


@send_time
def offer_accept_url(enrolment):
    return absolute_url(reverse("groups:offer_accept", kwargs={"token": enrolment.offer_token}))


def place_offered(enrolment):
    context = _group_context(enrolment)
    context["accept_url"] = SendTime(offer_accept_url, enrolment)
    context["offer_hours"] = settings.WAITING_LIST_OFFER_HOURS
    send(enrolment.person, "place_offered", context)


def enrolment_cancelled(enrolment, *, by):
    """Someone's sign-up ended: by themselves (a confirmation), or by a
    trainer or coordinator (they must know)."""
    context = _group_context(enrolment)
    context["by"] = by
    context["by_self"] = by.pk == enrolment.person_id
    send(enrolment.person, "enrolment_cancelled", context)


def group_finished(enrolment):
    """The group ended while the person was still waiting for a place."""
    context = _group_context(enrolment)
    offer = GroupIndexPage.objects.live().first()
    context["offer_url"] = absolute_url(offer.url) if offer else context["group_url"]
    send(enrolment.person, "group_finished", context)


def offer_expired(enrolment):
    send(enrolment.person, "offer_expired", _group_context(enrolment))


def meeting_changed(meeting):
    """Everyone with a place, and the trainers, hear that a coming meeting
    moved or was cancelled, with the updated calendar entry."""
    if meeting.ends_at < timezone.now():
        return
    group = meeting.group
    ics = _group_calendar(group, [meeting])
    people = {
        enrolment.person
        for enrolment in group.enrolments.filter(status__in=HOLDING_PLACE).select_related("person")
    }
    people.update(group.trainers.all())
    for person in people:
        send(
            person,
            "meeting_changed",
            {
                "meeting": meeting,
                "group": meeting.group,
                "group_url": absolute_url(meeting.group.url),
            },
            attachments=[("bijeenkomst.ics", ics, "text/calendar")],
        )


def meeting_reminder(meeting, person, *, absence_url=None):
    """`absence_url`: the SendTime link to say "I cannot come" (attendance
    makes it; the offer does not know about absences)."""
    send(
        person,
        "meeting_reminder",
        {
            "meeting": meeting,
            "group": meeting.group,
            "group_url": absolute_url(meeting.group.url),
            "absence_url": absence_url,
        },
    )


@send_time
def invitation_url(invitation):
    """The invitation's link: its token is made from the row when the mail
    leaves; the database keeps only a hash of it."""
    return absolute_url(reverse("groups:invitation", kwargs={"token": invitation.token()}))


def enrolment_invitation(invitation):
    """To the address the trainer typed, in the site's language: which
    account (if any) has it is not looked at here."""
    group = invitation.group
    send_templated_email(
        to=invitation.email,
        template="groups/email/enrolment_invitation",
        context={
            "invitation": invitation,
            "group": group,
            "meetings": list(group.meetings.planned().upcoming()),
            "group_url": absolute_url(group.url),
            "answer_url": SendTime(invitation_url, invitation),
            "site_url": settings.SITE_URL,
        },
    )
