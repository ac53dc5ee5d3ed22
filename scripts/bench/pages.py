"""The key pages of issue #14 and who looks at them, picked from whatever
data set the database holds (seed_scale's or seed_demo's) by fixed rules:
the fullest group, the busiest trainer, the contact of the most plans. Runs
inside Django (scripts.bench.prepare)."""

import dataclasses
from urllib.parse import urlsplit

from django.db.models import Count, Q
from django.utils import timezone

from aftercare.models import AftercarePlan, ContactMoment
from groups.models import EnrolmentStatus, GroupKind, GroupPage, MeetingStatus
from groups.offer.services import calendar_token_for
from knowledge.articles import ArticlePage
from people.models import Membership, Role, User


@dataclasses.dataclass(frozen=True)
class Page:
    name: str
    path: str
    user: User | None = None


class NotInData(LookupError):
    pass


def found(value, what):
    if value is None:
        raise NotInData(f"the database holds no {what}")
    return value


def local_path(page):
    """A Wagtail page's path and query without scheme and host."""
    url = urlsplit(page.get_url())
    return url.path + (f"?{url.query}" if url.query else "")


def fullest(groups):
    enrolled = Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED))
    return groups.live().annotate(members=enrolled).order_by("-members", "pk").first()


def last_meeting(group):
    """The latest meeting that took place: what a trainer fills in."""
    meetings = group.meetings.filter(status=MeetingStatus.PLANNED, starts_at__lt=timezone.now())
    return found(meetings.order_by("-starts_at", "pk").first(), f"past meeting of {group}")


def busiest_trainer():
    trainers = User.objects.annotate(led=Count("led_groups")).filter(led__gt=0)
    return found(trainers.order_by("-led", "pk").first(), "trainer")


def busiest_participant():
    """Someone without a role in any organisation, in the most groups."""
    enrolled = Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED))
    people = User.objects.filter(
        memberships__isnull=True, is_staff=False, is_superuser=False
    ).annotate(enrolled_in=enrolled)
    return found(people.order_by("-enrolled_in", "pk").first(), "participant")


def busiest_contact():
    """The steady contact of the most running aftercare plans."""
    counts = (
        AftercarePlan.objects.running()
        .filter(contact__isnull=False)
        .values("contact")
        .annotate(plans=Count("pk"))
        .order_by("-plans", "contact")
    )
    row = found(counts.first(), "aftercare plan with a steady contact")
    return User.objects.get(pk=row["contact"])


def coordinator_of(organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR)
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    return found(membership, f"coordinator of {organisation}").user


def anonymous_pages(group):
    article = ArticlePage.objects.live().order_by("-first_published_at", "pk").first()
    group_path = local_path(group)
    return [
        Page("home", "/"),
        Page("/aanbod/", "/aanbod/"),
        Page("/aanbod/?kind=spaarkring", "/aanbod/?kind=spaarkring"),
        Page("group page", group_path),
        Page("knowledge-base article", local_path(found(article, "article"))),
        Page("search", "/zoeken/?q=vrijwilliger"),
        Page("group calendar feed", f"{group_path}agenda.ics"),
    ]


def aftercare_pages(contact):
    plans = AftercarePlan.objects.running().filter(contact=contact)
    plan = plans.annotate(moments_count=Count("moments")).order_by("-moments_count", "pk").first()
    moment = ContactMoment.objects.open().filter(plan__in=plans).order_by("due_on", "pk").first()
    return [
        Page("Mijn Waakvlam, volunteer", "/mijn/", contact),
        Page("aftercare plan (contact)", f"/nazorg/traject/{plan.pk}/", contact),
        Page("contact moment (contact)", f"/nazorg/moment/{found(moment, 'moment').pk}/", contact),
    ]


def logged_in_pages(trainer, group):
    participant = busiest_participant()
    circle = found(
        fullest(GroupPage.objects.filter(kind=GroupKind.SAVINGS_CIRCLE).exclude(trainers=None)),
        "savings circle with a trainer",
    )
    coordinator = coordinator_of(group.organisation)
    token = calendar_token_for(user=participant).token
    return [
        Page("Mijn Waakvlam, participant", "/mijn/", participant),
        Page("Mijn Waakvlam, trainer", "/mijn/", trainer),
        *aftercare_pages(busiest_contact()),
        Page("attendance page", f"/groepen/bijeenkomst/{last_meeting(group).pk}/", trainer),
        Page(
            "deposits page",
            f"/groepen/bijeenkomst/{last_meeting(circle).pk}/inleg/",
            circle.trainers.order_by("pk").first(),
        ),
        Page("qualification overview", "/admin/volunteers/overview/", coordinator),
        Page("attendance report", f"/admin/attendance_report/?group={group.pk}", coordinator),
        Page("personal calendar feed", f"/groepen/agenda/{token}.ics"),
    ]


def key_pages():
    """Every key page, anonymous ones first."""
    trainer = busiest_trainer()
    group = found(fullest(trainer.led_groups.all()), f"group led by {trainer}")
    return anonymous_pages(group) + logged_in_pages(trainer, group)
