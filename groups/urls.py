"""The groups app's URLs, all in the `groups` namespace: the pages below
/groepen/ and each group page's public calendar at `<page URL>agenda.ics`
(Wagtail's page URLs have no dots, so it cannot clash with a page)."""

from django.urls import include, path, re_path

from .attendance import urls as attendance_urls
from .offer import feeds
from .offer import urls as offer_urls
from .savings import urls as savings_urls

app_name = "groups"

urlpatterns = [
    path(
        "groepen/",
        include(offer_urls.urlpatterns + attendance_urls.urlpatterns + savings_urls.urlpatterns),
    ),
    re_path(r"^(?P<page_path>(?:[\w\-]+/)+)agenda\.ics$", feeds.group_feed, name="group_feed"),
]
