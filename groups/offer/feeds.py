"""Calendar feeds (iCalendar): a group's public feed, without personal data,
and a person's own feed behind a secret, revocable link."""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from .calendar import build_calendar
from .models import CalendarToken, Meeting
from .pages import GroupPage

# Feeds keep recent history so a calendar does not lose last week at once.
FEED_HISTORY = timedelta(days=60)


def _ics_response(content, filename, *, private):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # A group's feed is the same for everyone (the page cache keeps it);
    # a person's own feed is for them only.
    response["Cache-Control"] = "private, max-age=300" if private else "max-age=300"
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
    return _ics_response(calendar, f"{group.slug}.ics", private=False)


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
    return _ics_response(calendar, "waakvlam.ics", private=True)
