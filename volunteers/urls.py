"""Public URLs of the volunteers app, under /vrijwilligers/."""

from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("trainingen/<int:group_id>/aanmelden/", views.training_enrol, name="training_enrol"),
]
