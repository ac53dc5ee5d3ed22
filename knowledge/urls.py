"""The knowledge base's own URL: Dutch search, mounted at /zoeken/."""

from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [path("", views.search, name="search")]
