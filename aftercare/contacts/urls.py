"""The steady contact's URLs, included in aftercare.urls (under /nazorg/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("moment/<int:moment_id>/", views.moment_record_view, name="moment_record"),
    path("moment/<int:moment_id>/verzetten/", views.moment_move_view, name="moment_move"),
    path("traject/<int:plan_id>/", views.plan_view, name="contact_plan"),
    path("traject/<int:plan_id>/doorverwijzen/", views.referral_add, name="referral_add"),
    path("traject/<int:plan_id>/succes/", views.success_add, name="success_add"),
    path("doorverwijzing/<int:referral_id>/", views.referral_outcome, name="referral_outcome"),
]
