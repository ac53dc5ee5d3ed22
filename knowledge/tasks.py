"""Scheduled reminders of the knowledge base, run by django-q2 (see
website.setup.SCHEDULES): local agreements whose review date has come, and
services on the social map that nobody checked for a long time. Each is
told once; the notice rows (knowledge.reminders) decide, not the worker."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.digest import DigestSection
from people.mail import send_templated_email
from people.models import Membership, Role, User

from .agreements import AgreementPage
from .reminders import AgreementReviewNotice, ServiceCheckNotice
from .social_map import Service


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


def _reachable(users):
    return users.filter(is_active=True).exclude(email__endswith=".invalid")


def editors():
    """The people who edit the knowledge base."""
    return _reachable(User.objects.filter(memberships__role=Role.EDITOR)).distinct().order_by("pk")


# Agreements ------------------------------------------------------------------


def _review_candidates(today):
    return (
        AgreementPage.objects.live()
        .filter(review_date__lte=today)
        .exclude(valid_until__lt=today)
        .order_by("review_date", "title")
    )


def agreements_due_for_review(today):
    """Published agreements whose review date has come and that are still
    in force or not yet in force (an expired one needs a successor)."""
    return [
        agreement for agreement in _review_candidates(today) if agreement.is_due_for_review(today)
    ]


def regional_coordinators(agreement):
    """Coordinators of the organisations the editor linked to the agreement,
    and of those whose region is the agreement's municipality by name."""
    chosen = agreement.regional_organisations.values("pk")
    memberships = Membership.objects.filter(role=Role.COORDINATOR).filter(
        Q(organisation__in=chosen) | Q(organisation__region__iexact=agreement.municipality.strip())
    )
    return _reachable(User.objects.filter(memberships__in=memberships)).distinct()


def review_recipients(agreements):
    """{user: ([agreement, ...], may_edit)}: each editor gets every
    agreement, each coordinator those of their region."""
    found = defaultdict(list)
    the_editors = list(editors())
    for agreement in agreements:
        for person in [*the_editors, *regional_coordinators(agreement)]:
            if agreement not in found[person]:
                found[person].append(agreement)
    editor_ids = {person.pk for person in the_editors}
    return {person: (items, person.pk in editor_ids) for person, items in found.items()}


def review_mail_context(person, agreements, may_edit):
    return {
        "person": person,
        "user": person,
        **_review_items(agreements, may_edit),
    }


def _review_items(agreements, may_edit):
    return {
        "may_edit": may_edit,
        "agreements": [
            {
                "title": agreement.title,
                "municipality": agreement.municipality,
                "review_date": agreement.review_date,
                "url": agreement.full_url,
                "edit_url": _absolute(reverse("wagtailadmin_pages:edit", args=[agreement.pk])),
            }
            for agreement in agreements
        ],
    }


def remind_agreement_reviews(today=None):
    """Daily: once per agreement and review date, tell the editors and the
    coordinators of its region that the review date has come. Returns the
    e-mails sent."""
    today = today or timezone.localdate()
    told = AgreementReviewNotice.objects.filter(
        agreement=OuterRef("pk"), review_date=OuterRef("review_date")
    )
    due = [a for a in _review_candidates(today).filter(~Exists(told)) if a.is_due_for_review(today)]
    with transaction.atomic():
        new = []
        for agreement in due:
            _notice, created = AgreementReviewNotice.objects.get_or_create(
                agreement=agreement, review_date=agreement.review_date
            )
            if created:
                new.append(agreement)
        recipients = review_recipients(new)
        for person, (agreements, may_edit) in recipients.items():
            send_templated_email(
                to=person.email,
                template="knowledge/email/review_due",
                context=review_mail_context(person, agreements, may_edit),
                language=person.preferred_language,
            )
    return len(recipients)


def review_digest_sections(today):
    """The weekly digest's reminder, for as long as an agreement's review
    date is past: to the editors and the coordinators of its region."""
    recipients = review_recipients(agreements_due_for_review(today))
    for person, (agreements, may_edit) in recipients.items():
        yield DigestSection(
            recipient=person,
            order=60,
            title=_("Local agreements to review"),
            template="knowledge/email/digest_reviews",
            context=_review_items(agreements, may_edit),
        )


# Services on the social map --------------------------------------------------


def services_due_for_check(today):
    """Services never checked, or last checked SERVICE_CHECK_DAYS ago or longer."""
    limit = today - datetime.timedelta(days=settings.SERVICE_CHECK_DAYS)
    return Service.objects.filter(
        Q(last_checked_on__isnull=True) | Q(last_checked_on__lte=limit)
    ).order_by("last_checked_on", "name")


def remind_unchecked_services(today=None):
    """Daily: once per service and check date, ask the editors to check the
    services that have not been checked for a year. Returns the e-mails sent."""
    today = today or timezone.localdate()
    told = ServiceCheckNotice.objects.filter(service=OuterRef("pk")).filter(
        Q(last_checked_on=OuterRef("last_checked_on"))
        | Q(last_checked_on__isnull=True, service__last_checked_on__isnull=True)
    )
    due = list(services_due_for_check(today).filter(~Exists(told)))
    with transaction.atomic():
        new = []
        for service in due:
            _notice, created = ServiceCheckNotice.objects.get_or_create(
                service=service, last_checked_on=service.last_checked_on
            )
            if created:
                new.append(service)
        if not new:
            return 0
        services = [
            {
                "name": service.name,
                "place": service.place,
                "last_checked_on": service.last_checked_on,
                "edit_url": _absolute(
                    reverse("wagtailsnippets_knowledge_service:edit", args=[service.pk])
                ),
            }
            for service in new
        ]
        people = list(editors())
        for person in people:
            send_templated_email(
                to=person.email,
                template="knowledge/email/check_due",
                context={"person": person, "user": person, "services": services},
                language=person.preferred_language,
            )
    return len(people)
