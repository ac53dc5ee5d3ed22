"""Savings-circle URLs, below /groepen/ in the `groups` namespace (see groups.urls)."""

from django.urls import path

from . import cycle_views, views

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
    path("<int:group_id>/spaarkring/uitbetalen/", cycle_views.payouts, name="payouts"),
    path("<int:group_id>/spaarkring/afsluiten/", cycle_views.cycle_close, name="cycle_close"),
    path(
        "<int:group_id>/spaarkring/ronde/<int:number>/",
        cycle_views.cycle_statement,
        name="cycle_statement",
    ),
    path(
        "<int:group_id>/spaarkring/ronde/<int:number>/uitbetaling/<int:person_id>/",
        views.payout,
        name="cycle_payout",
    ),
    path(
        "<int:group_id>/spaarkring/ronde/<int:number>/gelukt/",
        cycle_views.my_success,
        name="my_success",
    ),
]
