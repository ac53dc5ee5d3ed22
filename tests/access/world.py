"""The fixture objects of the fuzz test and the URL of each form on them.

`build_world()` makes an organisation with a savings circle (a trainer, a
participant, a meeting with a deposit), a volunteer, and a superuser; the
staff a form needs sign in through `user_for`, in this one place."""

import datetime
from decimal import Decimal

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse
from django.utils import timezone

from aftercare.models import AftercarePlan
from aftercare.plans.services import plan_close
from aftercare.referrals.services import referral_record
from groups.attendance.links import absence_token
from groups.models import AttentionSignal, GroupKind, SavingsSuccess
from groups.savings import services as savings_services
from groups.savings.cycles import savings_cycle_open
from knowledge.models import Service
from people.models import Role
from tests.aftercare.factories import AFTERCARE_COMPETENCY, aftercare_settings, plan_for
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory, group_index
from tests.volunteers.factories import CompetencyRecordFactory, VolunteerProfileFactory

from .forms_table import ADMIN, ANONYMOUS, CONTACT, PARTICIPANT, PASSWORDLESS, TRAINER


def build_world():
    trainer = MembershipFactory(role=Role.TRAINER).user
    organisation = trainer.memberships.get().organisation
    group = GroupPageFactory(
        organisation=organisation, kind=GroupKind.SAVINGS_CIRCLE, trainers=[trainer]
    )
    participant = EnrolmentFactory(group=group, person__full_name="Anna Deelnemer").person
    meeting = MeetingFactory(group=group, starts_at=timezone.now() - datetime.timedelta(hours=1))
    circle = savings_services.savings_circle_for(group=group)
    (entry, *_rest) = savings_services.deposits_record(
        circle=circle, meeting=meeting, amounts={participant.pk: Decimal("2.50")}, by=trainer
    )
    # Before the day of this one: saying ahead who cannot come.
    later = MeetingFactory(group=group)
    SavingsSuccess.objects.create(
        cycle=savings_cycle_open(circle=circle),
        person=participant,
        goal_reached_at=timezone.now(),
    )
    passwordless = UserFactory()
    passwordless.set_unusable_password()
    passwordless.save()
    VolunteerProfileFactory(organisation=organisation)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    closed = plan_for(organisation=organisation)
    plan_close(plan=closed, by=superuser)
    return {
        "closed_plan": closed,
        "trainer": trainer,
        "participant": participant,
        "passwordless": passwordless,
        "superuser": superuser,
        "organisation": organisation,
        "group": group,
        "meeting": meeting,
        "later": later,
        "entry": entry,
        "signal": AttentionSignal.objects.create(group=group, person=participant, missed=2),
        **_aftercare(organisation),
    }


def _aftercare(organisation):
    """A plan with its steady contact, an open moment and a referral."""
    plan = plan_for(organisation=organisation, person=UserFactory(full_name="Bea Nazorg"))
    service = Service.objects.create(
        name="Geldloket", helps_with="Rekeningen.", place="Utrecht", organisation_type="gemeente"
    )
    referral = referral_record(
        plan=plan,
        service=service,
        by=plan.contact,
        referred_on=timezone.localdate(),
        accompanied=False,
    )
    return {
        "contact": plan.contact,
        "plan": plan,
        "moment": plan.moments.first(),
        "referral": referral,
    }


def user_for(role, world):
    return {
        ANONYMOUS: None,
        PARTICIPANT: world["participant"],
        PASSWORDLESS: world["passwordless"],
        TRAINER: world["trainer"],
        CONTACT: world["contact"],
        ADMIN: world["superuser"],
    }[role]


def _own_plan(world):
    """The participant's aftercare plan, with the trainer as steady contact;
    made once, on first use."""
    participant, trainer = world["participant"], world["trainer"]
    plan = AftercarePlan.objects.filter(person=participant).first()
    if plan is None:
        aftercare_settings(world["organisation"])
        CompetencyRecordFactory(volunteer=trainer, competency=AFTERCARE_COMPETENCY)
        plan = plan_for(organisation=world["organisation"], person=participant, contact=trainer)
    return plan


def _plan_url(name):
    return lambda w: reverse(f"aftercare:{name}", args=[_own_plan(w).pk])


def _reset_key(world):
    user = world["participant"]
    key = default_token_generator.make_token(user)
    return f"/account/password/reset/key/{user_pk_to_url_str(user)}-{key}/"


URLS = {
    "offer": lambda w: group_index().url,
    "home": lambda w: "/",
    "search": lambda w: reverse("knowledge:search"),
    "login": lambda w: reverse("account_login"),
    "signup": lambda w: reverse("account_signup"),
    "reset_password": lambda w: reverse("account_reset_password"),
    "reset_password_key": _reset_key,
    "profile": lambda w: "/mijn/gegevens/",
    "account_delete": lambda w: "/mijn/account-verwijderen/",
    "change_password": lambda w: reverse("account_change_password"),
    "set_password": lambda w: reverse("account_set_password"),
    "email": lambda w: reverse("account_email"),
    "my_goal": lambda w: reverse("groups:my_goal", args=[w["group"].pk]),
    "my_plan_contact": _plan_url("mine_contact"),
    "my_plan_pause": _plan_url("mine_pause"),
    "my_plan_stop": _plan_url("mine_stop"),
    "my_card_people": _plan_url("help_card_my_people"),
    "card_services": _plan_url("help_card_services"),
    "card_people": _plan_url("help_card_people"),
    "enrolment_create": lambda w: reverse("groups:enrolment_create", args=[w["group"].pk]),
    "absence": lambda w: reverse("groups:absence", args=[w["later"].pk]),
    "absence_link": lambda w: reverse(
        "groups:absence_link", args=[absence_token(w["later"], w["participant"])]
    ),
    "absences_ahead": lambda w: reverse("groups:attendance", args=[w["later"].pk]),
    "deposits": lambda w: reverse("groups:deposits", args=[w["meeting"].pk]),
    "ledger": lambda w: reverse("groups:ledger", args=[w["group"].pk]),
    "payouts": lambda w: reverse("groups:payouts", args=[w["group"].pk]),
    "cycle_close": lambda w: reverse("groups:cycle_close", args=[w["group"].pk]),
    "my_success": lambda w: reverse("groups:my_success", args=[w["group"].pk, 1]),
    "entry_correct": lambda w: reverse("groups:entry_correct", args=[w["group"].pk, w["entry"].pk]),
    "group_page_add": lambda w: f"/admin/pages/add/groups/grouppage/{w['group'].get_parent().pk}/",
    "meeting_add": lambda w: "/admin/meetings/new/",
    "meeting_series": lambda w: "/admin/meetings/series/",
    "meeting_extend": lambda w: "/admin/meetings/extend/",
    "closure_add": lambda w: "/admin/closures/new/",
    "closure_holidays": lambda w: "/admin/closures/holidays/",
    "group_pause_add": lambda w: "/admin/group_pauses/new/",
    "group_pause": lambda w: reverse("groups:group_pause", args=[w["group"].pk]),
    "savings_circle_add": lambda w: "/admin/savings_circles/new/",
    "lesson_add": lambda w: "/admin/lessons/new/",
    "completion_rule_add": lambda w: "/admin/completion_rules/new/",
    "membership_add": lambda w: "/admin/memberships/new/",
    "role_invitation_add": lambda w: "/admin/memberships/invite/",
    "organisation_add": lambda w: "/admin/organisations/new/",
    "user_add": lambda w: "/admin/users/new/",
    "user_edit": lambda w: f"/admin/users/edit/{w['participant'].pk}/",
    "volunteer_profile_add": lambda w: "/admin/volunteers/profiles/new/",
    "competency_add": lambda w: "/admin/volunteers/competencies/new/",
    "competency_record_add": lambda w: "/admin/volunteers/records/new/",
    "training_competency_add": lambda w: "/admin/volunteers/training-competencies/new/",
    "topic_add": lambda w: "/admin/snippets/knowledge/topic/add/",
    "service_add": lambda w: "/admin/snippets/knowledge/service/add/",
    "attendance_report": lambda w: "/admin/attendance_report/",
    "attendance_trend": lambda w: "/admin/attendance_trend/",
    "attention_signals": lambda w: "/admin/attention_signals/",
    "attention_outcome": lambda w: f"/admin/attention_signals/outcome/{w['signal'].pk}/",
    "moment_record": lambda w: reverse("aftercare:moment_record", args=[w["moment"].pk]),
    "moment_move": lambda w: reverse("aftercare:moment_move", args=[w["moment"].pk]),
    "referral_add": lambda w: reverse("aftercare:referral_add", args=[w["plan"].pk]),
    "referral_outcome": lambda w: reverse("aftercare:referral_outcome", args=[w["referral"].pk]),
    "success_add": lambda w: reverse("aftercare:success_add", args=[w["plan"].pk]),
    "signal_outcome": lambda w: reverse("groups:signal_outcome", args=[w["signal"].pk]),
    "meetings": lambda w: "/admin/meetings/",
    "enrolments": lambda w: "/admin/enrolments/",
    "lessons": lambda w: "/admin/lessons/",
    "completions": lambda w: "/admin/completions/",
    "volunteer_overview": lambda w: "/admin/volunteers/overview/",
    "volunteer_profiles": lambda w: "/admin/volunteers/profiles/",
    "competency_records": lambda w: "/admin/volunteers/records/",
    "audit_log": lambda w: "/admin/audit-log/",
    "aftercare_plans": lambda w: "/admin/aftercare_plans/",
    "aftercare_plan_open": lambda w: "/admin/aftercare_plans/new/",
    "aftercare_plan_choices": lambda w: f"/admin/aftercare_plans/choices/{w['plan'].pk}/",
    "aftercare_plan_contact": lambda w: f"/admin/aftercare_plans/contact/{w['plan'].pk}/",
    "aftercare_plan_phase": lambda w: f"/admin/aftercare_plans/phase/{w['plan'].pk}/",
    "aftercare_plan_until": lambda w: f"/admin/aftercare_plans/until/{w['plan'].pk}/",
    "aftercare_plan_pause": lambda w: f"/admin/aftercare_plans/pause/{w['plan'].pk}/",
    "aftercare_plan_reopen": lambda w: f"/admin/aftercare_plans/reopen/{w['closed_plan'].pk}/",
    "aftercare_plan_withdraw": lambda w: f"/admin/aftercare_plans/consent-withdraw/{w['plan'].pk}/",
    "aftercare_settings_add": lambda w: "/admin/aftercare_settings/new/",
    "aftercare_overdue": lambda w: "/admin/aftercare_overdue/",
    "aftercare_report": lambda w: "/admin/aftercare_report/",
    "activate_app": lambda w: reverse("mfa_activate_totp"),
    "reauthenticate": lambda w: reverse("mfa_reauthenticate"),
    "add_passkey": lambda w: reverse("mfa_add_webauthn"),
    "passkey_login": lambda w: reverse("mfa_login_webauthn"),
    "reauthenticate_passkey": lambda w: reverse("mfa_reauthenticate_webauthn"),
}
