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


def url_patterns():
    """Sorted, without duplicates (allauth lists a few patterns twice)."""
    return sorted(set(_walk(get_resolver().url_patterns)), key=lambda item: item[0])
