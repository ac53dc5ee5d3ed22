"""The admin viewsets of the offer: meetings, and sign-ups with the waiting
list. What may be done with them is their permission policy's say
(groups.wagtail_hooks): cancelled, never deleted."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from people.admin_kit.columns import LocalDateTimeColumn, status_column
from people.admin_kit.viewsets import ScopedModelViewSet, add_and_edit_handlers

from ..models import Enrolment, EnrolmentStatus, Meeting, MeetingStatus
from . import enrolments, meetings, series


class MeetingViewSet(ScopedModelViewSet):
    model = Meeting
    icon = "calendar-alt"
    menu_label = _("Meetings")
    # Meetings are not "usages" of a page for editors; a page hook protects
    # group pages with meetings from deletion instead.
    add_to_reference_index = False
    inspect_view_enabled = True
    inspect_view_fields = ["group", "starts_at", "ends_at", "topic", "location", "status"]
    list_per_page = 50
    ordering = "starts_at"
    filterset_class = meetings.MeetingFilterSet
    list_display = [
        "group",
        LocalDateTimeColumn("starts_at", model=Meeting),
        LocalDateTimeColumn("ends_at", model=Meeting, format="H:i"),
        status_column(Meeting, MeetingStatus.PLANNED),
        "topic",
    ]
    add_view_class = meetings.MeetingCreateView

    # A meeting's time, place or topic change; its group stays.
    create_handler, edit_handler = add_and_edit_handlers(
        "group",
        [FieldPanel(name) for name in ("starts_at", "ends_at", "topic", "location")],
        meetings.MeetingForm,
    )

    @property
    def index_view_class(self):
        return self._scoped(meetings.MeetingIndexView)

    @property
    def edit_view_class(self):
        return self._scoped(meetings.MeetingEditView)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            cancel_url_name=self.get_url_name("cancel"),
            series_url_name=self.get_url_name("series"),
            extend_url_name=self.get_url_name("extend"),
            **kwargs,
        )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(cancel_url_name=self.get_url_name("cancel"), **kwargs)

    @property
    def cancel_view(self):
        return self.construct_view(
            meetings.MeetingCancelView,
            model=self.model,
            index_url_name=self.get_url_name("index"),
        )

    def _series_view(self, view_class):
        return self.construct_view(
            view_class,
            index_url_name=self.get_url_name("index"),
            series_url_name=self.get_url_name("series"),
            extend_url_name=self.get_url_name("extend"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("series/", self._series_view(series.MeetingSeriesView), name="series"),
            path("extend/", self._series_view(series.MeetingExtendView), name="extend"),
            path("cancel/<int:pk>/", self.cancel_view, name="cancel"),
        ]


class EnrolmentViewSet(ScopedModelViewSet):
    model = Enrolment
    audit_subject = "person"
    icon = "list-ul"
    menu_label = _("Sign-ups and waiting lists")
    # Sign-ups name a participant; they must not show up as page "usage".
    add_to_reference_index = False
    # Changed only by giving a place or cancelling.
    edit_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "person",
        "group",
        "status",
        "waiting_position",
        "created_at",
        "enrolled_at",
        "offer_expires_at",
        "enrolled_by",
    ]
    list_per_page = 50
    ordering = "created_at"
    filterset_class = enrolments.EnrolmentFilterSet
    list_display = [
        "person",
        "group",
        status_column(Enrolment, EnrolmentStatus.ENROLLED),
        LocalDateTimeColumn("created_at", model=Enrolment),
    ]
    inspect_view_class = enrolments.EnrolmentInspectView

    @property
    def index_view_class(self):
        return self._scoped(enrolments.EnrolmentIndexView)

    def _action_url_names(self):
        return {
            "promote_url_name": self.get_url_name("promote"),
            "cancel_url_name": self.get_url_name("cancel"),
        }

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(**self._action_url_names(), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(**self._action_url_names(), **kwargs)

    def _action_view(self, view_class):
        return self.construct_view(
            view_class, model=self.model, index_url_name=self.get_url_name("index")
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "promote/<int:pk>/",
                self._action_view(enrolments.EnrolmentPromoteView),
                name="promote",
            ),
            path(
                "cancel/<int:pk>/", self._action_view(enrolments.EnrolmentCancelView), name="cancel"
            ),
        ]
