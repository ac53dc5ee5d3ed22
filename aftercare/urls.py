"""Public URLs of the aftercare app, under /nazorg/: the steady contact's
and the person's own screens (coordinators work in the admin)."""

app_name = "aftercare"

urlpatterns = []
