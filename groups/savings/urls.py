"""Savings-circle URLs, below /groepen/ in the `groups` namespace (see groups.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("bijeenkomst/<int:meeting_id>/inleg/", views.deposits, name="deposits"),
    path("<int:group_id>/spaarkring/", views.ledger, name="ledger"),
    path(
        "<int:group_id>/spaarkring/boeking/<int:entry_id>/corrigeren/",
        views.entry_correct,
        name="entry_correct",
    ),
    path("<int:group_id>/spaarkring/uitbetaling/<int:person_id>/", views.payout, name="payout"),
    path("<int:group_id>/spaarkring/mijn-doel/", views.my_goal, name="my_goal"),
]
