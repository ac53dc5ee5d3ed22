"""Attendance URLs, below /groepen/ in the `groups` namespace (see groups.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("bijeenkomst/<int:meeting_id>/", views.attendance, name="attendance"),
    path("bijeenkomst/<int:meeting_id>/inloop/", views.walk_in_add, name="walk_in_add"),
]
