from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.MyWaakvlamView.as_view(), name="my"),
    path("gegevens/", views.ProfileUpdateView.as_view(), name="profile"),
    path("gegevens/downloaden/", views.PersonalDataDownloadView.as_view(), name="data_download"),
    path("account-verwijderen/", views.AccountDeleteView.as_view(), name="account_delete"),
]
