import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView, UpdateView

from .forms import AccountDeleteForm, ProfileForm
from .models import Membership
from .privacy import personal_data
from .sections import MY_WAAKVLAM_SECTION, sections
from .services import user_anonymise


class MyWaakvlamView(LoginRequiredMixin, TemplateView):
    template_name = "people/my.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memberships=Membership.objects.filter(user=self.request.user).select_related(
                "organisation"
            ),
            sections=sections(MY_WAAKVLAM_SECTION, self.request),
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


class PersonalDataDownloadView(LoginRequiredMixin, View):
    def get(self, request):
        data = personal_data(request.user)
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        filename = f"waakvlam-gegevens-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class AccountDeleteView(LoginRequiredMixin, FormView):
    form_class = AccountDeleteForm
    template_name = "people/account_delete.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        user_anonymise(user=self.request.user)
        logout(self.request)
        messages.success(self.request, _("Your account and your details have been deleted."))
        return redirect("/")
