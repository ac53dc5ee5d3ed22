"""Every URL pattern the project's resolver knows, as (route, name)."""

from django.urls import URLResolver, get_resolver


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield prefix + str(pattern.pattern), name


PROJECT_PACKAGES = (
    "website",
    "people",
    "groups",
    "courses",
    "knowledge",
    "volunteers",
    "aftercare",
)


def _view_module(callback):
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    return getattr(view, "__module__", "") or ""


def _walk_views(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk_views(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), _view_module(pattern.callback)


def project_routes():
    """Routes served by a view of the project's own: they must be listed one
    by one, also below the admin's or allauth's prefix."""
    return {
        route
        for route, module in _walk_views(get_resolver().url_patterns)
        if module.split(".")[0] in PROJECT_PACKAGES
    }


def url_patterns():
    """Sorted, without duplicates (allauth lists a few patterns twice)."""
    return sorted(set(_walk(get_resolver().url_patterns)), key=lambda item: item[0])
