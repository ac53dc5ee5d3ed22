"""The help card's pages (see aftercare.urls): the card and the person's
own people below /nazorg/mijn/, the contact's editing below /nazorg/traject/."""

from django.urls import path

from . import views

urlpatterns = [
    path("mijn/<int:plan_id>/hulpkaart/", views.card, name="help_card"),
    path(
        "mijn/<int:plan_id>/hulpkaart/mensen/",
        views.card_people,
        {"own": True},
        name="help_card_my_people",
    ),
    path("traject/<int:plan_id>/hulpkaart/", views.card_services, name="help_card_services"),
    path(
        "traject/<int:plan_id>/hulpkaart/mensen/",
        views.card_people,
        {"own": False},
        name="help_card_people",
    ),
]
