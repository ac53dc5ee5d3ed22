"""The site's own addresses beside its pages, in the `website` namespace."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import views

app_name = "website"

urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
