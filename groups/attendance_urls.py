"""Attendance of a meeting; included by groups.urls, so the names live in the
`groups:` namespace."""

from django.urls import path

from . import attendance_views

urlpatterns = [
    path("bijeenkomst/<int:pk>/", attendance_views.attendance, name="attendance"),
    path(
        "bijeenkomst/<int:pk>/inloop/",
        attendance_views.attendance_walk_in,
        name="attendance_walk_in",
    ),
]
