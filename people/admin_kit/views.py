"""Admin views that let a service do the work: its refusal (a
ValidationError with a Dutch message) is shown on the form or as a message,
never as a server error."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic

from people.messages import error_message

from .viewsets import ScopedObjectMixin


def add_service_error(form, error):
    """Put a ValidationError from a service on the form: on the field it
    names when the form has that field, otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class ServiceFormMixin:
    """For create and edit views whose save_instance() calls a service: a
    refusal shows its message on the form, with everything typed kept."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_error(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def back_to_listing(request, index_url):
    """The listing URL with the filters the coordinator had chosen."""
    query = request.GET.copy()
    for key in ("_w_filter_fragment", "p"):
        query.pop(key, None)
    return f"{index_url}?{query.urlencode()}" if query else index_url


class ConfirmActionView(
    ScopedObjectMixin,
    generic.PermissionCheckedMixin,
    generic.WagtailAdminTemplateMixin,
    TemplateView,
):
    """Ask first, then let a service do it (perform()); other organisations'
    records are a 404."""

    model = None
    permission_required = "change"
    scope_actions = ("change",)
    index_url_name = None
    template_name = "people/admin/confirm_action.html"
    confirm_label = ""
    button_class = "button"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.pk = kwargs["pk"]

    def get_object(self):
        return get_object_or_404(self.get_scoped_queryset(), pk=self.pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(self.model._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(self.index_url_name)

    def get_question(self):
        raise NotImplementedError

    def get_details(self):
        return []

    def can_confirm(self):
        return True

    def perform(self):
        """Run the service; return the success message."""
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            message = self.perform()
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, message)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            question=self.get_question(),
            details=self.get_details(),
            confirm_label=self.confirm_label,
            button_class=self.button_class,
            can_confirm=self.can_confirm(),
            next=get_valid_next_url_from_request(self.request),
            back_url=self.get_success_url(),
        )
        return context
