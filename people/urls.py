from django.urls import path

from . import views
from .invitations import views as invitation_views

app_name = "people"

urlpatterns = [
    path("", views.MyWaakvlamView.as_view(), name="my"),
    path("gegevens/", views.ProfileUpdateView.as_view(), name="profile"),
    path("gegevens/downloaden/", views.PersonalDataDownloadView.as_view(), name="data_download"),
    path(
        "uitnodiging/<token:token>/",
        invitation_views.role_invitation_answer,
        name="role_invitation",
    ),
    path("account-verwijderen/", views.AccountDeleteView.as_view(), name="account_delete"),
]
