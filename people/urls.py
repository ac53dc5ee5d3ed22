from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.MyWaakvlamView.as_view(), name="my"),
    path("gegevens/", views.ProfileUpdateView.as_view(), name="profile"),
]
