"""Guards on Wagtail's page actions for group pages: a page with meetings or
sign-ups is never deleted (they must outlive it). Who may act on which page
is Wagtail's page permissions (people.admin_kit.page_permissions)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from ..models import Enrolment, Meeting
from ..pages import GroupPage


def _has_protected_records(page):
    """Whether this page, or a group below it, has meetings or sign-ups: those
    are PROTECTed and must outlive the page."""
    groups = GroupPage.objects.descendant_of(page, inclusive=True)
    return (
        Meeting.objects.filter(group__in=groups).exists()
        or Enrolment.objects.filter(group__in=groups).exists()
    )


def _refuse(request, page):
    messages.error(
        request,
        _(
            "“%(title)s” cannot be deleted: it has meetings or sign-ups that must be "
            "kept. Unpublish the page instead; then nobody can find it or sign up."
        )
        % {"title": page.get_admin_display_title()},
    )


def refuse_deleting_groups_with_records(request, page):
    if not _has_protected_records(page):
        return None
    _refuse(request, page)
    return redirect("wagtailadmin_pages:edit", page.pk)


def refuse_bulk_deleting_groups_with_records(request, action_type, objects, action_class):
    if action_type != "delete":
        return None
    protected = [
        page for page in objects if isinstance(page, Page) and _has_protected_records(page)
    ]
    if not protected:
        return None
    for page in protected:
        _refuse(request, page)
    return redirect(
        get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root")
    )
