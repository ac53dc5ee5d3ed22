"""Public URLs of the aftercare app, under /nazorg/: the steady contact's
and the person's own screens (coordinators work in the admin)."""

from .contacts import urls as contacts_urls

app_name = "aftercare"

urlpatterns = [
    *contacts_urls.urlpatterns,
]
