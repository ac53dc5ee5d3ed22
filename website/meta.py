"""What a page tells search engines and link previews about itself: a
description and an Open Graph title, from the page's own text when the
editor left "search description" empty."""

from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from knowledge.search import plain_text

# The fields a page's description may come from, the editor's own first.
DESCRIPTION_FIELDS = ("search_description", "intro", "summary", "body")
# Search engines show about this much.
DESCRIPTION_LENGTH = 160
SITE_NAME = "Waakvlam"


def site_description():
    return _(
        "Waakvlam helps you keep a grip on money: courses, savings circles and "
        "groups near you, with volunteers."
    )


def description_of(page):
    """The first text of the page's DESCRIPTION_FIELDS, shortened."""
    for name in DESCRIPTION_FIELDS:
        text = plain_text(getattr(page, name, ""))
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


def meta_for(request, page=None):
    """Description, title and public address of the page being shown; a
    screen that is not a Wagtail page gets the site's own description."""
    title = (page.seo_title or page.title) if page is not None else SITE_NAME
    description = (description_of(page) if page is not None else "") or site_description()
    # Only pages have an address worth sharing; other screens (invitations,
    # sign-ups) carry tokens and ids, and must look alike whatever the link.
    url = None
    if page is not None and request is not None:
        url = f"{settings.SITE_URL}{request.path}"
    return {"title": title, "description": description, "url": url, "site_name": SITE_NAME}
