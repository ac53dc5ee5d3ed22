"""Guards on Wagtail's page actions for group pages: a page with meetings or
sign-ups is never deleted (they must outlive it), and a coordinator edits
only their own organisation's group pages."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from people.permissions import may_edit_pages, may_manage_organisation

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


def _may_edit_group_page(user, page):
    """Editors and superusers edit every page; a coordinator only the group
    pages of their own organisations."""
    specific = page.specific
    if not isinstance(specific, GroupPage):
        return True
    return may_edit_pages(user) or may_manage_organisation(user, specific.organisation_id)


def refuse_editing_other_organisations_groups(request, page):
    if not _may_edit_group_page(request.user, page):
        raise Http404


def refuse_deleting_other_organisations_groups(request, page):
    if not _may_edit_group_page(request.user, page):
        raise Http404
