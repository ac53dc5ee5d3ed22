"""The offer's URLs, below /groepen/ in the `groups` namespace (see groups.urls)."""

from django.urls import path

from . import feeds, views
from .closures import views as closure_views

urlpatterns = [
    path("<int:group_id>/aanmelden/", views.enrolment_create, name="enrolment_create"),
    path("<int:group_id>/deelnemers/", views.participants, name="participants"),
    path("<int:group_id>/pauze/", closure_views.group_pause, name="group_pause"),
    path("aanmelding/<int:enrolment_id>/", views.enrolment_detail, name="enrolment"),
    path(
        "aanmelding/<int:enrolment_id>/afmelden/",
        views.enrolment_cancel,
        name="enrolment_cancel",
    ),
    path("uitnodiging/<token:token>/", views.invitation_answer, name="invitation"),
    path("plek/<token:token>/", views.offer_accept, name="offer_accept"),
    path("agenda/<token:token>.ics", feeds.personal_feed, name="personal_feed"),
    path("agenda/nieuwe-link/", views.feed_renew, name="feed_renew"),
]
