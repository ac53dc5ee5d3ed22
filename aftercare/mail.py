"""The aftercare app's e-mails, through the outbox. A mail names the contact
and the next step; never a note, a choice or anything the person told."""

from django.conf import settings
from django.urls import reverse

from people.mail import send_templated_email


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


def send(person, template, context):
    send_templated_email(
        to=person.email,
        template=f"aftercare/email/{template}",
        context={
            "person": person,
            "site_url": settings.SITE_URL,
            "my_url": absolute_url(reverse("people:my")),
            **context,
        },
        language=person.preferred_language,
    )


def contact_introduce(plan):
    """The person hears who their (new) steady contact is."""
    send(plan.person, "contact_changed", {"plan": plan, "contact": plan.contact})


def plan_stopped(plan):
    """The steady contact hears that the person wants to stop: no reason,
    no details."""
    send(plan.contact, "plan_stopped", {"plan": plan, "who": plan.person})
