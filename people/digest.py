"""The weekly digest: one e-mail per person per week, made of sections that
apps contribute through a Wagtail hook, so this app never imports them.

- WEEKLY_DIGEST: `function(today)` returns an iterable of DigestSection,
  for whichever recipients it has something to tell (coordinators, editors,
  anyone). Register it in the app's `wagtail_hooks.py`:

      @hooks.register(WEEKLY_DIGEST)
      def expiring(today):
          for coordinator, organisation, items in ...:
              yield DigestSection(
                  recipient=coordinator,
                  order=30,
                  title=format_lazy(_("Volunteers of {name}"), name=organisation.name),
                  template="volunteers/email/digest_expiry",
                  context={"organisation": organisation, "items": items},
              )

  The digest renders `<template>.html` in its HTML part and `<template>.txt`
  in its text part, with the section's context as `section` (and the
  recipient as `person`). The context waits in the outbox: records, dates
  and plain values only (people.outbox.context.pack), never a token. The
  title is shown as the section's heading; give a lazy translation so it is
  rendered in the recipient's language.

Someone without a section gets nothing; someone with several gets them in
one e-mail, by `order` and then title. A WeeklyDigestSent row, unique per
person and week, decides that a second run in the same week sends nothing.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from wagtail import hooks

from .mail import send_templated_email
from .models import User, WeeklyDigestSent

WEEKLY_DIGEST = "waakvlam_weekly_digest"


@dataclass(frozen=True)
class DigestSection:
    recipient: User
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


def week_of(today):
    """The Monday of `today`'s week: what "once a week" counts by."""
    return today - datetime.timedelta(days=today.weekday())


def digest_sections(today):
    """{recipient: [section, ...]} from every registered hook, each list in
    order; recipients who cannot receive mail are left out."""
    found = defaultdict(list)
    for contribute in hooks.get_hooks(WEEKLY_DIGEST):
        for section in contribute(today):
            recipient = section.recipient
            if recipient.is_active and not recipient.email.endswith(".invalid"):
                found[recipient].append(section)
    for sections in found.values():
        sections.sort(key=lambda section: (section.order, str(section.title)))
    return found


def _packed(section):
    return {
        "title": section.title,
        "html": f"{section.template}.html",
        "txt": f"{section.template}.txt",
        "context": section.context,
    }


def digest_send(*, recipient, sections, today):
    """One digest to `recipient`, unless they had this week's already; True
    when queued. The row and the queued mail share one transaction."""
    try:
        with transaction.atomic():
            WeeklyDigestSent.objects.create(user=recipient, week=week_of(today))
            send_templated_email(
                to=recipient.email,
                template="people/email/digest",
                context={
                    "person": recipient,
                    "user": recipient,
                    "sections": [_packed(section) for section in sections],
                },
                language=recipient.preferred_language,
            )
    except IntegrityError:
        return False
    return True


def weekly_digest_send(today):
    """Everyone with something to read this week gets one e-mail. Returns
    the number of e-mails queued."""
    found = digest_sections(today)
    sent = 0
    for recipient in sorted(found, key=lambda user: user.pk):
        if digest_send(recipient=recipient, sections=found[recipient], today=today):
            sent += 1
    return sent
