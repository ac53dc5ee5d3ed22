"""Attendance URLs, below /groepen/ in the `groups` namespace (see groups.urls)."""

from django.urls import path

from . import absence_views, signal_views, views

urlpatterns = [
    path("bijeenkomst/<int:meeting_id>/", views.attendance, name="attendance"),
    path("bijeenkomst/<int:meeting_id>/inloop/", views.walk_in_add, name="walk_in_add"),
    path("bijeenkomst/<int:meeting_id>/afmelden/", absence_views.absence_self, name="absence"),
    path("afmelden/<token:token>/", absence_views.absence_link, name="absence_link"),
    path("signaal/<int:signal_id>/", signal_views.signal_outcome, name="signal_outcome"),
]
