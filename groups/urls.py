from django.urls import include, path

from . import views

app_name = "groups"

urlpatterns = [
    path("<int:group_id>/aanmelden/", views.enrol, name="enrol"),
    path("<int:group_id>/deelnemers/", views.participants, name="participants"),
    path("aanmelding/<int:pk>/", views.enrolment_detail, name="enrolment"),
    path("aanmelding/<int:pk>/afmelden/", views.enrolment_cancel, name="enrolment_cancel"),
    path("plek/<str:token>/", views.offer_accept, name="offer_accept"),
    path("agenda/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("agenda/nieuwe-link/", views.feed_renew, name="feed_renew"),
    path("", include("groups.attendance_urls")),
    path("", include("groups.savings_urls")),
]
