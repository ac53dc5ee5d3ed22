"""The person's own pages, below /nazorg/mijn/ (see aftercare.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:plan_id>/contact/", views.contact, name="mine_contact"),
    path("<int:plan_id>/pauze/", views.pause, name="mine_pause"),
    path("<int:plan_id>/stoppen/", views.stop, name="mine_stop"),
]
