"""Public URLs of the courses app: the certificate."""

from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("certificaat/<token:code>/", views.certificate, name="certificate"),
]
