"""Opening a plan and the actions on one, each a small form whose service
does the work (aftercare.plans.services); a refusal is shown on the form
with what was typed kept, a success as a Dutch message."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views import generic

from people.admin_kit.views import add_service_error
from people.admin_kit.viewsets import ScopedObjectMixin
from people.models import Role
from people.permissions import organisations_with_role

from ..models import AftercarePlan
from ..plans import services
from . import forms as admin_forms
from .policies import plan_policy
from .services import plan_open_with_choices

PLAN_NOT_SAVED = _("The plan was not saved. Please check the form.")


class PlanFormView(generic.PermissionCheckedMixin, generic.WagtailAdminTemplateMixin, FormView):
    permission_policy = plan_policy
    template_name = "aftercare/admin/plan_form.html"
    header_icon = "group"
    index_url_name = None
    inspect_url_name = None
    submit_label = _("Save")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(AftercarePlan._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def form_valid(self, form):
        try:
            with transaction.atomic():
                message = self.perform(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(reverse(self.inspect_url_name, args=[self.plan.pk]))

    def form_invalid(self, form):
        messages.error(self.request, PLAN_NOT_SAVED)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(submit_label=self.submit_label, back_url=self.get_back_url())
        return context

    def get_back_url(self):
        return reverse(self.index_url_name)


class PlanOpenView(PlanFormView):
    permission_required = "add"
    form_class = admin_forms.PlanOpenForm
    page_title = _("Open an aftercare plan")
    template_name = "aftercare/admin/plan_open.html"
    submit_label = _("Open the plan")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": organisations_with_role(self.request.user, Role.COORDINATOR),
        }

    def perform(self, form):
        data = form.cleaned_data
        self.plan = plan_open_with_choices(
            organisation=data["organisation"],
            person=data["person"],
            new_name=data["new_name"],
            new_phone=data["new_phone"],
            contact=data["contact"],
            debt_ended_on=data["debt_ended_on"],
            phase=data["phase"],
            consent_on=data["consent_on"],
            consent_way=data["consent_way"],
            choices=form.choices(),
            by=self.request.user,
        )
        return gettext("The aftercare plan of %(name)s is open.") % {
            "name": self.plan.person.full_name
        }


class PlanActionView(ScopedObjectMixin, PlanFormView):
    """One action on one plan: another organisation's plan is a 404."""

    permission_required = "change"
    scope_actions = ("change",)
    header_icon = "edit"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.pk = kwargs["pk"]

    def dispatch(self, request, *args, **kwargs):
        queryset = self.get_scoped_queryset().filter(person__isnull=False)
        self.plan = get_object_or_404(queryset.select_related("person", "contact"), pk=self.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.plan}

    def get_page_subtitle(self):
        return self.plan.person.full_name

    def get_back_url(self):
        return reverse(self.inspect_url_name, args=[self.plan.pk])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "plan": self.plan}


def _name(plan):
    return {"name": plan.person.full_name}


class ChoicesView(PlanActionView):
    form_class = admin_forms.ChoicesForm
    page_title = _("Choices and consent")

    def perform(self, form):
        data = form.cleaned_data
        services.plan_choices_record(
            plan=self.plan,
            by=self.request.user,
            consent_on=data.get("consent_on"),
            consent_way=data.get("consent_way", ""),
            **form.choices(),
        )
        return gettext("The choices of %(name)s are saved; the moments are planned anew.") % _name(
            self.plan
        )


class ContactChangeView(PlanActionView):
    form_class = admin_forms.ContactChangeForm
    page_title = _("Change steady contact")

    def perform(self, form):
        contact = form.cleaned_data["contact"]
        services.plan_contact_change(
            plan=self.plan,
            contact=contact,
            reason=form.cleaned_data["reason"],
            by=self.request.user,
        )
        return gettext("%(contact)s is now the steady contact. %(name)s gets an e-mail.") % {
            "contact": contact.full_name,
            **_name(self.plan),
        }


class PhaseChangeView(PlanActionView):
    form_class = admin_forms.PhaseChangeForm
    page_title = _("Change phase")

    def perform(self, form):
        services.plan_phase_change(
            plan=self.plan,
            phase=form.cleaned_data["phase"],
            reason=form.cleaned_data["reason"],
            by=self.request.user,
        )
        return gettext("The phase is now: %(phase)s.") % {"phase": self.plan.get_phase_display()}


class UntilChangeView(PlanActionView):
    form_class = admin_forms.UntilChangeForm
    page_title = _("Change “aftercare until”")

    def perform(self, form):
        services.plan_until_change(
            plan=self.plan,
            aftercare_until=form.cleaned_data["aftercare_until"],
            reason=form.cleaned_data["reason"],
            by=self.request.user,
        )
        return gettext("Aftercare now runs until %(day)s.") % {
            "day": self.plan.aftercare_until.strftime("%d-%m-%Y")
        }


class PauseView(PlanActionView):
    form_class = admin_forms.OptionalReasonForm
    page_title = _("Pause the plan")
    submit_label = _("Pause")

    def perform(self, form):
        services.plan_pause(
            plan=self.plan, reason=form.cleaned_data["reason"], by=self.request.user
        )
        return gettext("The plan is paused: no moments until it is resumed.")


class ResumeView(PlanActionView):
    form_class = admin_forms.ConfirmForm
    page_title = _("Resume the plan")
    submit_label = _("Resume")

    def perform(self, form):
        services.plan_resume(plan=self.plan, by=self.request.user)
        return gettext("The plan runs again; the moments are planned.")


class CloseView(PlanActionView):
    form_class = admin_forms.OptionalReasonForm
    page_title = _("Close the plan")
    submit_label = _("Close")

    def perform(self, form):
        services.plan_close(
            plan=self.plan, reason=form.cleaned_data["reason"], by=self.request.user
        )
        return gettext("The plan is closed. %(name)s keeps the help card.") % _name(self.plan)


class ReopenView(PlanActionView):
    form_class = admin_forms.ReopenForm
    page_title = _("Reopen the plan")
    submit_label = _("Reopen")

    def perform(self, form):
        services.plan_reopen(
            plan=self.plan, reason=form.cleaned_data["reason"], by=self.request.user
        )
        return gettext("The plan is open again; the moments are planned.")


class ConsentWithdrawView(PlanActionView):
    form_class = admin_forms.ConfirmForm
    page_title = _("Withdraw consent")
    submit_label = _("Withdraw consent")
    template_name = "aftercare/admin/consent_withdraw.html"

    def perform(self, form):
        services.plan_consent_withdraw(plan=self.plan, by=self.request.user)
        return gettext("Consent is withdrawn: the choices and notes are removed.")


# (url name, route, view): the actions of the plan's page (plans.ACTIONS).
ACTION_VIEWS = (
    ("choices", "choices", ChoicesView),
    ("contact", "contact", ContactChangeView),
    ("phase", "phase", PhaseChangeView),
    ("until", "until", UntilChangeView),
    ("pause", "pause", PauseView),
    ("resume", "resume", ResumeView),
    ("close", "close", CloseView),
    ("reopen", "reopen", ReopenView),
    ("withdraw", "consent-withdraw", ConsentWithdrawView),
)
