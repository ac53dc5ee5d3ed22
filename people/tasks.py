from django.core.mail import EmailMultiAlternatives


def deliver_email(payload):
    """Send one queued message. An error propagates so that django-q2 keeps
    the task and delivers it again later."""
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        reply_to=payload.get("reply_to") or None,
        headers=payload.get("headers") or None,
    )
    for content, mimetype in payload.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    for name, content, mimetype in payload.get("attachments", []):
        message.attach(name, content, mimetype)
    message.send(fail_silently=False)
    return len(payload["to"])
