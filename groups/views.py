import datetime
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Site

from people.models import Role
from people.permissions import (
    has_role,
    may_enrol_others,
    may_see_own_competencies,
    may_see_participants,
    organisations_with_role,
)

from . import services
from .calendar import build_calendar
from .forms import AssistedEnrolmentForm, OfferFilterForm
from .models import (
    Attendance,
    AttentionSignal,
    CalendarToken,
    Enrolment,
    EnrolmentStatus,
    GroupIndexPage,
    GroupPage,
    Meeting,
)


def offer_context(request, index_page):
    """The offer overview: filters and one card per group, in a fixed number
    of queries whatever the number of groups."""
    user = request.user
    groups = GroupPage.objects.child_of(index_page).visible_to(user)
    places = sorted(set(groups.values_list("place", flat=True)))
    show_trainings = user.is_authenticated and (user.is_staff or may_see_own_competencies(user))
    form = OfferFilterForm(request.GET or None, places=places, show_trainings=show_trainings)
    filters = form.filters() if request.GET else {}
    if "kind" in filters:
        groups = groups.filter(kind=filters["kind"])
    if "place" in filters:
        groups = groups.filter(place=filters["place"])
    if "weekday" in filters:
        on_that_day = (
            Meeting.objects.planned()
            .upcoming()
            .filter(starts_at__iso_week_day=int(filters["weekday"]))
            .values("group_id")
        )
        groups = groups.filter(pk__in=on_that_day)
    groups = groups.with_counts().select_related("organisation").order_by("title")
    cards = [
        {
            "group": group,
            "url": group.get_url(request),
            "places_left": group.places_left(),
            "next_meeting_at": group.next_meeting_at,
        }
        for group in groups
    ]
    return {"filter_form": form, "cards": cards, "filtered": bool(filters)}


def group_page_context(request, group):
    """What a group page shows; used by GroupPage.get_context."""
    user = request.user
    meetings = list(group.meetings.upcoming())
    enrolment = None
    if user.is_authenticated:
        enrolment = Enrolment.objects.active().filter(group=group, person=user).first()
    return {
        "meetings": meetings,
        "places_left": group.places_left(),
        "enrolment": enrolment,
        "enrolment_open": group.enrolment_window_open(),
        "may_see_participants": may_see_participants(user, group),
    }


def _live_group(group_id):
    return get_object_or_404(GroupPage.objects.live(), pk=group_id)


@login_required
def enrol(request, group_id):
    group = _live_group(group_id)
    if request.method == "POST":
        try:
            enrolment = services.enrolment_create(group=group, person=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(group.url)
        return redirect("groups:enrolment", pk=enrolment.pk)
    return render(
        request,
        "groups/enrol_confirm.html",
        {
            "group": group,
            "meetings": list(group.meetings.planned().upcoming()),
            "places_left": group.places_left(),
        },
    )


def _own_enrolment(request, pk):
    return get_object_or_404(Enrolment.objects.select_related("group"), pk=pk, person=request.user)


@login_required
def enrolment_detail(request, pk):
    enrolment = _own_enrolment(request, pk)
    return render(
        request,
        "groups/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "group": enrolment.group,
            "meetings": list(enrolment.group.meetings.upcoming()),
            "position": enrolment.waiting_position(),
        },
    )


@login_required
def enrolment_cancel(request, pk):
    enrolment = _own_enrolment(request, pk)
    if request.method == "POST":
        try:
            services.enrolment_cancel(enrolment=enrolment, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You are no longer signed up for %(group)s.") % {"group": enrolment.group.title},
            )
        return redirect("people:my")
    return render(
        request, "groups/enrolment_cancel.html", {"enrolment": enrolment, "group": enrolment.group}
    )


@login_required
def offer_accept(request, token):
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("group"), offer_token=token, person=request.user
    )
    if enrolment.status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.CANCELLED):
        # The link in the e-mail was used before: show where things stand.
        return redirect("groups:enrolment", pk=enrolment.pk)
    expired = (
        enrolment.status == EnrolmentStatus.EXPIRED or enrolment.offer_expires_at <= timezone.now()
    )
    if request.method == "POST" and not expired:
        try:
            services.offer_accept(enrolment=enrolment)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("people:my")
        messages.success(request, _("You have a place. Welcome!"))
        return redirect("groups:enrolment", pk=enrolment.pk)
    return render(
        request,
        "groups/offer_accept.html",
        {"enrolment": enrolment, "group": enrolment.group, "expired": expired},
    )


@login_required
def participants(request, group_id):
    """Trainers of this group and coordinators of its organisation only;
    anyone else gets a 404, so a group's participants are not even hinted at."""
    group = _live_group(group_id)
    if not may_see_participants(request.user, group):
        raise Http404
    form = AssistedEnrolmentForm(request.POST or None)
    if request.method == "POST" and may_enrol_others(request.user, group) and form.is_valid():
        try:
            enrolment = services.assisted_enrolment_create(
                group=group,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if enrolment.status == EnrolmentStatus.ENROLLED:
                message = _("%(name)s is signed up.")
            else:
                message = _("The group is full: %(name)s is on the waiting list.")
            messages.success(request, message % {"name": enrolment.person.full_name})
            return redirect("groups:participants", group_id=group.pk)
    enrolments = (
        Enrolment.objects.active()
        .filter(group=group)
        .select_related("person", "enrolled_by")
        .order_by("status", "created_at", "pk")
    )
    return render(
        request,
        "groups/participants.html",
        {
            "group": group,
            "enrolled": [e for e in enrolments if e.status != EnrolmentStatus.WAITING],
            "waiting": [e for e in enrolments if e.status == EnrolmentStatus.WAITING],
            "form": form,
            "places_left": group.places_left(),
        },
    )


# Feeds keep recent history so a calendar does not lose last week at once.
FEED_HISTORY = timedelta(days=60)


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def group_feed(request, page_path):
    """Public feed at `<group page URL>agenda.ics`: meetings only, no
    personal data. Wagtail's page URLs have no dots, so this is a Django URL
    that finds the group page by its path."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    url_path = f"{site.root_page.url_path}{page_path}"
    group = get_object_or_404(GroupPage.objects.live().public(), url_path=url_path)
    meetings = (
        group.meetings.filter(ends_at__gte=timezone.now() - FEED_HISTORY)
        .select_related("group")
        .order_by("starts_at")
    )
    calendar = build_calendar(meetings, name=group.title, uid=f"group-{group.pk}@waakvlam")
    return _ics_response(calendar, f"{group.slug}.ics")


def personal_feed(request, token):
    calendar_token = get_object_or_404(
        CalendarToken.objects.select_related("user"), token=token, revoked_at__isnull=True
    )
    user = calendar_token.user
    meetings = (
        Meeting.objects.for_person(user)
        .filter(ends_at__gte=timezone.now() - FEED_HISTORY)
        .select_related("group")
        .order_by("starts_at")
    )
    # Calendar apps fetch without a session: use the owner's language.
    with translation.override(user.preferred_language):
        name = _("My Waakvlam meetings")
    calendar = build_calendar(meetings, name=name, uid=f"person-{calendar_token.pk}@waakvlam")
    return _ics_response(calendar, "waakvlam.ics")


@login_required
@require_POST
def feed_renew(request):
    services.calendar_token_renew(user=request.user)
    messages.success(request, _("You have a new calendar link. The old link no longer works."))
    return redirect(reverse("people:my") + "#agenda")


# Unregistered meetings older than this are left out of "My Waakvlam":
# after two months nobody remembers who was there.
UNREGISTERED_WINDOW = timedelta(weeks=8)


def _day_start(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _groups_in_care(user):
    """Live groups whose attendance `user` registers: those they lead and,
    for a coordinator, every group of their organisations."""
    scope = Q(pk__in=GroupPage.objects.filter(trainers=user).values("pk"))
    if user.is_superuser or has_role(user, Role.COORDINATOR):
        scope |= Q(organisation__in=organisations_with_role(user, Role.COORDINATOR))
    return GroupPage.objects.live().filter(scope)


def _trainer_context(user):
    """Groups in care with today's meetings first, meetings that ended
    without attendance, and open attention signals: five queries at most,
    whatever the number of groups, meetings or people."""
    today = timezone.localdate()
    today_start, tomorrow_start = _day_start(today), _day_start(today + timedelta(days=1))
    coming = Meeting.objects.planned().filter(starts_at__gte=today_start).order_by("starts_at")
    groups = list(
        _groups_in_care(user)
        .prefetch_related(Prefetch("meetings", queryset=coming, to_attr="coming"))
        .order_by("title")
    )
    if not groups:
        return {"led_groups": [], "unregistered": [], "attention": [], "coordinates": False}
    for group in groups:
        group.today = [m for m in group.coming if m.starts_at < tomorrow_start]
        group.upcoming = [m for m in group.coming if m.starts_at >= tomorrow_start]
    # Today's meetings first, then the group that meets soonest.
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    groups.sort(
        key=lambda group: (
            not group.today,
            group.coming[0].starts_at if group.coming else far,
            group.title,
        )
    )
    in_care = _groups_in_care(user).values("pk")
    enrolled = Enrolment.objects.filter(group=OuterRef("group"), status=EnrolmentStatus.ENROLLED)
    unregistered = list(
        Meeting.objects.planned()
        .filter(
            group__in=in_care,
            ends_at__lt=today_start,
            starts_at__gte=today_start - UNREGISTERED_WINDOW,
        )
        .filter(~Exists(Attendance.objects.filter(meeting=OuterRef("pk"))))
        # Nobody enrolled: nothing to register, so it would never leave the list.
        .filter(Exists(enrolled))
        .select_related("group")
        .order_by("-starts_at")
    )
    attention = list(
        AttentionSignal.objects.filter(group__in=in_care, resolved_at__isnull=True)
        # Who left the group needs no call about it.
        .filter(Exists(enrolled.filter(person=OuterRef("person"))))
        .select_related("person", "group")
        .order_by("-missed", "person__full_name", "pk")
    )
    return {
        "led_groups": groups,
        "unregistered": unregistered,
        "attention": attention,
        "coordinates": user.is_superuser or has_role(user, Role.COORDINATOR),
    }


def my_groups_section(request):
    """The groups part of "Mijn Waakvlam"."""
    user = request.user
    now = timezone.now()
    upcoming = Meeting.objects.planned().filter(ends_at__gte=now).order_by("starts_at")
    enrolments = list(
        Enrolment.objects.active()
        .filter(person=user)
        .select_related("group")
        .prefetch_related(Prefetch("group__meetings", queryset=upcoming, to_attr="upcoming"))
        .order_by("created_at")
    )
    token = services.calendar_token_for(user=user)
    offer = GroupIndexPage.objects.live().first()
    return {
        "offer_url": offer.get_url(request) if offer else None,
        "enrolments": enrolments,
        **_trainer_context(user),
        "feed_url": request.build_absolute_uri(
            reverse("groups:personal_feed", kwargs={"token": token.token})
        ),
    }
