"""Admin screens for sign-ups and waiting lists: look, give someone a
place, or cancel a sign-up. Sign-ups come from the participants, so there is
no "add"."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button

from people.admin_kit.labels import field_label
from people.admin_kit.views import ConfirmActionView, back_to_listing
from people.admin_kit.viewsets import ScopedInspectView

from .. import services
from ..models import ACTIVE, Enrolment, EnrolmentStatus
from .filters import GroupChoiceFilter


class EnrolmentFilterSet(WagtailFilterSet):
    group = GroupChoiceFilter(label=field_label(Enrolment, "group"))
    status = ChoiceFilter(label=field_label(Enrolment, "status"), choices=EnrolmentStatus.choices)

    class Meta:
        model = Enrolment
        fields = ["group", "status"]


class EnrolmentActionsMixin:
    """The two things a coordinator does with a sign-up, as buttons."""

    promote_url_name = None
    cancel_url_name = None

    def enrolment_actions(self, enrolment, next_url=""):
        if not self.user_has_permission("change"):
            return []
        suffix = f"?{urlencode({'next': next_url})}" if next_url else ""
        actions = []
        if self.promote_url_name and enrolment.status in (
            EnrolmentStatus.WAITING,
            EnrolmentStatus.OFFERED,
        ):
            url = reverse(self.promote_url_name, args=[enrolment.pk]) + suffix
            actions.append((_("Give a place"), url, "plus", 40))
        if self.cancel_url_name and enrolment.status in ACTIVE:
            url = reverse(self.cancel_url_name, args=[enrolment.pk]) + suffix
            actions.append((_("Cancel sign-up"), url, "cross", 50))
        return actions


class EnrolmentIndexView(EnrolmentActionsMixin, generic.IndexView):
    def get_queryset(self):
        return super().get_queryset().select_related("group", "person")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        next_url = back_to_listing(self.request, self.index_url)
        for label, url, icon, priority in self.enrolment_actions(instance, next_url):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons

    @cached_property
    def header_buttons(self):
        return []  # sign-ups come from the participants; no raw "add"


class EnrolmentInspectView(EnrolmentActionsMixin, ScopedInspectView):
    def get_waiting_position_display_value(self):
        return self.object.waiting_position() or "–"

    def get_field_label(self, field_name, field):
        if field_name == "waiting_position":
            return _("Place on the waiting list")
        return super().get_field_label(field_name, field)

    @cached_property
    def header_more_buttons(self):
        return [
            Button(label, url=url, icon_name=icon, priority=priority)
            for label, url, icon, priority in self.enrolment_actions(self.object)
        ]


def enrolment_details(enrolment):
    return [
        (field_label(Enrolment, "person"), str(enrolment.person)),
        (field_label(Enrolment, "group"), enrolment.group.title),
        (field_label(Enrolment, "status"), enrolment.get_status_display()),
        (
            field_label(Enrolment, "created_at"),
            date_format(timezone.localtime(enrolment.created_at), "l j F Y, H:i"),
        ),
    ]


class EnrolmentPromoteView(ConfirmActionView):
    page_title = _("Give a place")
    header_icon = "plus"
    confirm_label = _("Yes, give a place")

    def can_confirm(self):
        return self.object.status in (EnrolmentStatus.WAITING, EnrolmentStatus.OFFERED)

    def get_question(self):
        if not self.can_confirm():
            return _("Only someone on the waiting list can be given a place.")
        return _(
            "Give %(person)s a place in %(group)s? They get an e-mail with the "
            "confirmation and the meetings."
        ) % {"person": self.object.person, "group": self.object.group.title}

    def get_details(self):
        left = self.object.group.places_left()
        return [*enrolment_details(self.object), (_("Places left"), str(left))]

    def perform(self):
        enrolment = services.enrolment_promote(enrolment=self.object, by=self.request.user)
        return _("%(person)s now has a place in %(group)s.") % {
            "person": enrolment.person,
            "group": enrolment.group.title,
        }


class EnrolmentCancelView(ConfirmActionView):
    page_title = _("Cancel sign-up")
    header_icon = "cross"
    confirm_label = _("Yes, cancel the sign-up")
    button_class = "button serious"

    def can_confirm(self):
        return self.object.status in ACTIVE

    def get_question(self):
        if not self.can_confirm():
            return _("This sign-up was already cancelled.")
        return _(
            "Cancel the sign-up of %(person)s for %(group)s? When this frees a "
            "place, the first person on the waiting list is offered it by e-mail."
        ) % {"person": self.object.person, "group": self.object.group.title}

    def get_details(self):
        return enrolment_details(self.object)

    def perform(self):
        enrolment = services.enrolment_cancel(enrolment=self.object, by=self.request.user)
        return _("The sign-up of %(person)s is cancelled.") % {"person": enrolment.person}
