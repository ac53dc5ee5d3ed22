from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, UpdateView

from .forms import ProfileForm
from .models import Membership


class MyWaakvlamView(LoginRequiredMixin, TemplateView):
    template_name = "people/my.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memberships=Membership.objects.filter(user=self.request.user).select_related(
                "organisation"
            ),
            **kwargs,
        )


class ProfileUpdateView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "people/profile_form.html"
    success_url = reverse_lazy("people:my")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, _("Your details have been saved."))
        return super().form_valid(form)
