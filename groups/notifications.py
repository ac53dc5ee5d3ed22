"""The e-mails of the offer: short Dutch sentences (B1), plain text and HTML,
queued through people.mail so they leave after the commit."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse

from people.mail import send_templated_email

from .calendar import build_calendar


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


def _send(person, template, context, attachments=()):
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
        "group_url": _absolute(group.url),
        "my_url": _absolute(reverse("people:my")),
    }


def enrolment_confirmed(enrolment):
    context = _group_context(enrolment)
    ics = build_calendar(context["meetings"], name=enrolment.group.title)
    _send(
        enrolment.person,
        "enrolment_confirmed",
        context,
        attachments=[("bijeenkomsten.ics", ics, "text/calendar")],
    )


def waiting_list_joined(enrolment):
    context = _group_context(enrolment)
    context["position"] = enrolment.waiting_position()
    _send(enrolment.person, "waiting_list_joined", context)


def place_offered(enrolment):
    context = _group_context(enrolment)
    context["accept_url"] = _absolute(
        reverse("groups:offer_accept", kwargs={"token": enrolment.offer_token})
    )
    _send(enrolment.person, "place_offered", context)


def offer_expired(enrolment):
    _send(enrolment.person, "offer_expired", _group_context(enrolment))


def meeting_changed(meeting):
    """Everyone enrolled hears that a meeting moved or was cancelled, with the
    updated calendar entry."""
    ics = build_calendar([meeting], name=meeting.group.title)
    for enrolment in meeting.group.enrolments.filter(status="enrolled").select_related("person"):
        _send(
            enrolment.person,
            "meeting_changed",
            {"meeting": meeting, "group": meeting.group, "group_url": _absolute(meeting.group.url)},
            attachments=[("bijeenkomst.ics", ics, "text/calendar")],
        )


def meeting_reminder(meeting, person):
    _send(
        person,
        "meeting_reminder",
        {"meeting": meeting, "group": meeting.group, "group_url": _absolute(meeting.group.url)},
    )


def account_invitation(person, enrolment):
    """Someone signed up by a volunteer chooses a password with this link."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(person),
            "key": default_token_generator.make_token(person),
        },
    )
    context = _group_context(enrolment)
    context["set_password_url"] = _absolute(path)
    _send(person, "account_invitation", context)
