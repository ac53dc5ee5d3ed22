"""Public URLs of the aftercare app, under /nazorg/: the steady contact's
and the person's own screens (coordinators work in the admin)."""

from django.urls import include, path

from .contacts import urls as contacts_urls
from .helpcard import urls as helpcard_urls
from .mine import urls as mine_urls

app_name = "aftercare"

urlpatterns = [
    *contacts_urls.urlpatterns,
    path("mijn/", include(mine_urls.urlpatterns)),
    *helpcard_urls.urlpatterns,
]
