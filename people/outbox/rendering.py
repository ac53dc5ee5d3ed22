"""Turning an outbox row into an e-mail, when it leaves."""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from . import account_mail
from .context import unpack
from .models import OutboxKind


def pack_attachments(attachments):
    packed = []
    for name, content, mimetype in attachments:
        if isinstance(content, bytes):
            packed.append(
                {"name": name, "base64": base64.b64encode(content).decode(), "mimetype": mimetype}
            )
        else:
            packed.append({"name": name, "text": content, "mimetype": mimetype})
    return packed


def unpack_attachments(packed):
    return [
        (
            item["name"],
            base64.b64decode(item["base64"]) if "base64" in item else item["text"],
            item["mimetype"],
        )
        for item in packed
    ]


def _render_templated(message):
    context = unpack(message.context)
    text = render_to_string(f"{message.template}_message.txt", context).strip()
    html = render_to_string(f"{message.template}_message.html", context)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_address],
    )
    email.attach_alternative(html, "text/html")
    return email


def render(message):
    with translation.override(message.language):
        if message.kind == OutboxKind.ACCOUNT:
            email = account_mail.render(message)
        else:
            email = _render_templated(message)
    for name, content, mimetype in unpack_attachments(message.attachments):
        email.attach(name, content, mimetype)
    return email
