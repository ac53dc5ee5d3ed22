"""The invitation's e-mail, to the typed address in the site's language:
which account (if any) has that address is not looked at, so the mail is
the same either way."""

from django.conf import settings
from django.urls import reverse

from people.mail import SendTime, send_templated_email, send_time


@send_time
def role_invitation_url(invitation):
    """The link: its token is made from the row when the mail leaves; the
    database keeps only a hash of it."""
    path = reverse("people:role_invitation", kwargs={"token": invitation.token()})
    return f"{settings.SITE_URL}{path}"


def role_invitation(invitation):
    send_templated_email(
        to=invitation.email,
        template="people/email/role_invitation",
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "answer_url": SendTime(role_invitation_url, invitation),
            "site_url": settings.SITE_URL,
        },
    )
