"""Every list in the admin comes a page at a time, so that it stays fast
however many records there are; the few that do not are bounded by what
they show, and say so here. Exports are not paginated (Wagtail's
SpreadsheetExportMixin): they hold every row that matches the filters."""

from django.urls import URLResolver, get_resolver
from wagtail.admin.views.generic.base import BaseListingView

# Listings without pages, and why their length is bounded.
BOUNDED = {
    "admin/collections/": "Wagtail's collections: a handful of folders",
    "admin/snippets/": "Wagtail's list of snippet types, not of records",
    "admin/images/": "Wagtail pages it by the number per page the editor picks",
    "admin/aftercare_report/": "a fixed set of figures for one organisation",
    "admin/attendance_report/": "the participants and meetings of one group",
    "admin/attendance_trend/": "the last twelve months",
}


def listing_views(patterns, prefix=""):
    """(route, view class, as_view() arguments) of every listing view."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from listing_views(pattern.url_patterns, prefix + str(pattern.pattern))
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class and issubclass(view_class, BaseListingView):
            yield prefix + str(pattern.pattern), view_class, pattern.callback.view_initkwargs


def unpaginated():
    found = {}
    for route, view_class, kwargs in listing_views(get_resolver().url_patterns):
        if not kwargs.get("paginate_by", view_class.paginate_by):
            found[route.removesuffix("results/")] = view_class.__name__
    return found


def test_every_admin_list_has_pages_or_a_reason_why_it_is_short():
    missing = {route: name for route, name in unpaginated().items() if route not in BOUNDED}
    assert not missing, f"paginate these listings, or add them to BOUNDED with why: {missing}"


def test_every_reason_still_names_a_listing_without_pages():
    assert set(BOUNDED) <= set(unpaginated())
