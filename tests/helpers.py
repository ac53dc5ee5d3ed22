"""Small helpers the tests share (fixtures live in tests/conftest.py)."""

import re

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation

from groups.hooks import GROUP_PAGE_SECTION
from people.sections import sections


def nl(message, **params):
    """What the (Dutch) site shows for `message`, with `params` filled in."""
    with translation.override("nl"):
        text = translation.gettext(message)
    return text % params if params else text


def squeezed(html):
    """HTML without the white space between and around tags."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def group_page_section(page, template):
    """The section with `template` that the hooks add to `page` for an
    anonymous visitor, or None."""
    request = RequestFactory().get(page.url)
    request.user = AnonymousUser()
    found = [s for s in sections(GROUP_PAGE_SECTION, request, page) if s.template == template]
    assert len(found) <= 1
    return found[0] if found else None
