"""The coordinator's screens for closures: listing, adding and changing
them (their own organisations only), a year's public holidays in one step,
and cancelling the planned meetings a closure covers."""

from django import forms
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from people.admin_kit.columns import choice_column
from people.admin_kit.labels import field_label
from people.admin_kit.views import ConfirmActionView, add_service_error
from people.admin_kit.viewsets import ScopedModelViewSet
from people.models import Role
from people.permissions import organisations_with_role

from ..models import Meeting
from . import services
from .models import Closure

CANCEL_CLOSURE_MEETINGS_LOG_ACTION = "groups.cancel_closure_meetings"


def planned_in_closure():
    """The number of planned, coming meetings a listed closure covers, as a
    subquery: one query for the whole listing."""
    meetings = (
        Meeting.objects.planned()
        .filter(
            group__organisation_id=OuterRef("organisation_id"),
            starts_at__date__gte=OuterRef("first_day"),
            starts_at__date__lte=OuterRef("last_day"),
            ends_at__gte=timezone.now(),
        )
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(meetings, output_field=IntegerField())


def own_organisations(user):
    return organisations_with_role(user, Role.COORDINATOR).order_by("name")


class ClosureForm(WagtailAdminModelForm):
    """Only the coordinator's own organisations; with one, it is filled in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "organisation" in self.fields:
            organisations = (
                own_organisations(self.for_user) if self.for_user else Closure.objects.none()
            )
            self.fields["organisation"].queryset = organisations
            if not self.is_bound and len(organisations) == 1:
                self.initial.setdefault("organisation", organisations[0].pk)


class CoveredMeetingsRedirectMixin:
    """After saving, a closure that covers planned meetings leads to the
    screen that cancels them."""

    cancel_meetings_url_name = None

    def get_success_url(self):
        if services.meetings_in_closure(self.object).exists():
            return reverse(self.cancel_meetings_url_name, args=[self.object.pk])
        return super().get_success_url()


class ClosureCreateView(CoveredMeetingsRedirectMixin, generic.CreateView):
    pass


class ClosureEditView(CoveredMeetingsRedirectMixin, generic.EditView):
    pass


class ClosureIndexView(generic.IndexView):
    cancel_meetings_url_name = None
    holidays_url_name = None

    def get_queryset(self):
        queryset = super().get_queryset().select_related("organisation")
        return queryset.annotate(planned_meetings=planned_in_closure())

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.planned_meetings and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Cancel the meetings in this period"),
                    url=reverse(self.cancel_meetings_url_name, args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.holidays_url_name and self.user_has_permission("add"):
            buttons.append(
                HeaderButton(
                    _("Add the public holidays of a year"),
                    url=reverse(self.holidays_url_name),
                    icon_name="date",
                )
            )
        return buttons


class HolidaysForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Closure.objects.none(), label=field_label(Closure, "organisation")
    )
    year = forms.IntegerField(
        label=_("Year"), min_value=services.FIRST_YEAR, max_value=services.LAST_YEAR
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = own_organisations(user)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk


class HolidaysView(generic.PermissionCheckedMixin, generic.WagtailAdminTemplateMixin, FormView):
    model = Closure
    permission_required = "add"
    index_url_name = None
    holidays_url_name = None
    form_class = HolidaysForm
    template_name = "groups/admin/public_holidays.html"
    page_title = _("Add the public holidays of a year")
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Closure._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"year": timezone.localdate().year + 1}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            added = services.closure_add_public_holidays(
                organisation=data["organisation"], year=data["year"]
            )
        except forms.ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        for closure in added:
            log(closure, "wagtail.create", user=self.request.user)
        self.report(added, data["year"])
        return redirect(reverse(self.index_url_name))

    def report(self, added, year):
        if added:
            messages.success(
                self.request,
                ngettext(
                    "%(count)s public holiday of %(year)s added.",
                    "%(count)s public holidays of %(year)s added.",
                    len(added),
                )
                % {"count": len(added), "year": year},
            )
        else:
            messages.info(
                self.request,
                _("The public holidays of %(year)s were already there.") % {"year": year},
            )
        if any(services.meetings_in_closure(closure).exists() for closure in added):
            messages.warning(
                self.request,
                _(
                    "On some of these days meetings are planned. In the list, choose "
                    "'Cancel the meetings in this period' for those days."
                ),
            )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse(self.holidays_url_name),
            submit_button_label=_("Add public holidays"),
            submit_button_active_label=_("Adding…"),
        )
        return context


def meeting_line(meeting):
    start = timezone.localtime(meeting.starts_at)
    return (meeting.group.title, capfirst(date_format(start, "l j F Y, H:i")))


class ClosureCancelMeetingsView(ConfirmActionView):
    """The planned meetings in a closure, cancelled in one step with the
    closure's name as the reason; each participant gets one e-mail."""

    page_title = _("Cancel the meetings in this period")
    header_icon = "cross"
    confirm_label = _("Yes, cancel these meetings")
    button_class = "button serious"

    @cached_property
    def meetings(self):
        return list(services.meetings_in_closure(self.object))

    def get_page_subtitle(self):
        closure = self.object
        period = date_format(closure.first_day, "j F Y")
        if closure.last_day != closure.first_day:
            period = f"{period} – {date_format(closure.last_day, 'j F Y')}"
        return f"{closure.name} ({period})"

    def get_question(self):
        if not self.meetings:
            return _("No planned meetings fall in this period.")
        return ngettext(
            "This meeting is planned in this period. Cancel it? Everyone signed up gets one "
            "e-mail with the reason '%(name)s'.",
            "These %(count)s meetings are planned in this period. Cancel them? Everyone signed "
            "up gets one e-mail with all their dates and the reason '%(name)s'.",
            len(self.meetings),
        ) % {"count": len(self.meetings), "name": self.object.name}

    def get_details(self):
        return [meeting_line(meeting) for meeting in self.meetings]

    def can_confirm(self):
        return bool(self.meetings)

    def perform(self):
        cancelled = services.closure_cancel_meetings(closure=self.object)
        for meeting in cancelled:
            log(meeting, CANCEL_CLOSURE_MEETINGS_LOG_ACTION, user=self.request.user)
        return ngettext(
            "%(count)s meeting cancelled. Everyone signed up gets an e-mail about it.",
            "%(count)s meetings cancelled. Everyone signed up gets an e-mail about it.",
            len(cancelled),
        ) % {"count": len(cancelled)}


class ClosureViewSet(ScopedModelViewSet):
    model = Closure
    icon = "date"
    menu_label = _("Holidays and closures")
    add_to_reference_index = False
    list_per_page = 50
    ordering = "first_day"
    list_filter = ["kind"]
    list_display = [
        "name",
        Column(
            "first_day",
            label=field_label(Closure, "first_day"),
            sort_key="first_day",
            accessor=lambda closure: date_format(closure.first_day, "D j-n-Y"),
        ),
        Column(
            "last_day",
            label=field_label(Closure, "last_day"),
            sort_key="last_day",
            accessor=lambda closure: date_format(closure.last_day, "D j-n-Y"),
        ),
        choice_column(Closure, "kind"),
        Column(
            "planned_meetings",
            label=_("Planned meetings"),
            accessor=lambda closure: closure.planned_meetings or "–",
        ),
        "organisation",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("organisation", widget=forms.Select),
            FieldPanel("name"),
            FieldPanel("first_day"),
            FieldPanel("last_day"),
            FieldPanel("kind", widget=forms.RadioSelect),
        ],
        base_form_class=ClosureForm,
    )

    @property
    def index_view_class(self):
        return self._scoped(ClosureIndexView)

    @property
    def add_view_class(self):
        return ClosureCreateView

    @property
    def edit_view_class(self):
        return self._scoped(ClosureEditView)

    def _urls(self):
        return {"cancel_meetings_url_name": self.get_url_name("cancel_meetings")}

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            holidays_url_name=self.get_url_name("holidays"), **self._urls(), **kwargs
        )

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(**self._urls(), **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(**self._urls(), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "holidays/",
                self.construct_view(
                    HolidaysView,
                    index_url_name=self.get_url_name("index"),
                    holidays_url_name=self.get_url_name("holidays"),
                ),
                name="holidays",
            ),
            path(
                "cancel-meetings/<int:pk>/",
                self.construct_view(
                    ClosureCancelMeetingsView,
                    model=self.model,
                    index_url_name=self.get_url_name("index"),
                ),
                name="cancel_meetings",
            ),
        ]
