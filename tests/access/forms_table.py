"""Every form and filter of the project, and where the fuzz test finds it.

FORMS maps a form class or filter set (dotted path) to the URL that
renders and handles it (a key of `world.URLS`, filled from the fuzz
test's fixture objects), the role that uses it and the method. A form
rendered only by allauth's or Wagtail's internals, or a mixin never
rendered alone, is in COVERED_ELSEWHERE with the reason. VIEWS lists the
filters a view reads straight from the query string, without a form class.

To add a form: put its dotted path (as `project_forms()` prints it) in
FORMS with a URL key of `tests/access/world.py` (add one there when the
form lives on a new page), the role and the method.
"""

import importlib
import pkgutil

import django_filters
from django import forms

PACKAGES = ("website", "aftercare", "people", "groups", "courses", "knowledge", "volunteers")

ANONYMOUS, PARTICIPANT, PASSWORDLESS, TRAINER, ADMIN = (
    "anonymous",
    "participant",
    "passwordless",
    "trainer",
    "admin",
)
# The steady contact of an aftercare plan.
CONTACT = "contact"

FORMS = {
    # The public site and the accounts.
    "groups.offer.forms.OfferFilterForm": ("offer", ANONYMOUS, "GET"),
    "website.forms.NearbyFilterForm": ("home", ANONYMOUS, "GET"),
    "people.account_forms.LoginForm": ("login", ANONYMOUS, "POST"),
    "people.account_forms.SignupForm": ("signup", ANONYMOUS, "POST"),
    "people.forms.SignupForm": ("signup", ANONYMOUS, "POST"),
    "people.account_forms.ResetPasswordForm": ("reset_password", ANONYMOUS, "POST"),
    "people.account_forms.ResetPasswordKeyForm": ("reset_password_key", ANONYMOUS, "POST"),
    # A participant's own pages.
    "people.forms.ProfileForm": ("profile", PARTICIPANT, "POST"),
    "people.forms.AccountDeleteForm": ("account_delete", PARTICIPANT, "POST"),
    "people.account_forms.ChangePasswordForm": ("change_password", PARTICIPANT, "POST"),
    "people.account_forms.ChangeEmailForm": ("email", PARTICIPANT, "POST"),
    "people.account_forms.ActivateAppForm": ("activate_app", PARTICIPANT, "POST"),
    "people.account_forms.ReauthenticateForm": ("reauthenticate", ADMIN, "POST"),
    "people.account_forms.AddPasskeyForm": ("add_passkey", PARTICIPANT, "POST"),
    "people.account_forms.LoginPasskeyForm": ("passkey_login", ANONYMOUS, "POST"),
    "people.account_forms.ReauthenticatePasskeyForm": ("reauthenticate_passkey", ADMIN, "POST"),
    "people.account_forms.SetPasswordForm": ("set_password", PASSWORDLESS, "POST"),
    "groups.savings.forms.OwnGoalForm": ("my_goal", PARTICIPANT, "POST"),
    "groups.attendance.forms.AbsenceForm": ("absence", PARTICIPANT, "POST"),
    "groups.savings.forms.SuccessStoryForm": ("my_success", PARTICIPANT, "POST"),
    # The person's own aftercare pages (the fuzz world's participant has a plan).
    "aftercare.mine.forms.ContactForm": ("my_plan_contact", PARTICIPANT, "POST"),
    "aftercare.mine.forms.PauseForm": ("my_plan_pause", PARTICIPANT, "POST"),
    "aftercare.helpcard.forms.CardPersonForm": ("my_card_people", PARTICIPANT, "POST"),
    # A trainer's pages.
    "groups.offer.forms.AssistedEnrolmentForm": ("enrolment_create", TRAINER, "POST"),
    "groups.attendance.forms.TrainerAbsenceForm": ("absences_ahead", TRAINER, "POST"),
    "groups.offer.closures.forms.PauseForm": ("group_pause", TRAINER, "POST"),
    "groups.savings.forms.DepositsForm": ("deposits", TRAINER, "POST"),
    "groups.attendance.forms.SignalOutcomeForm": ("signal_outcome", TRAINER, "POST"),
    "groups.savings.forms.GoalForm": ("ledger", TRAINER, "POST"),
    "groups.savings.forms.CorrectionForm": ("entry_correct", TRAINER, "POST"),
    "groups.savings.forms.PayoutForm": ("payouts", TRAINER, "POST"),
    "groups.savings.forms.CycleCloseForm": ("cycle_close", TRAINER, "POST"),
    # The steady contact's pages.
    "aftercare.contacts.forms.MomentRecordForm": ("moment_record", CONTACT, "POST"),
    "aftercare.contacts.forms.MomentMoveForm": ("moment_move", CONTACT, "POST"),
    "aftercare.contacts.forms.ReferralForm": ("referral_add", CONTACT, "POST"),
    "aftercare.contacts.forms.ReferralOutcomeForm": ("referral_outcome", CONTACT, "POST"),
    "aftercare.contacts.forms.SuccessForm": ("success_add", CONTACT, "POST"),
    # The steady contact (the fuzz world's trainer) fills the help card.
    "aftercare.helpcard.forms.CardServiceForm": ("card_services", TRAINER, "POST"),
    # The admin.
    "groups.offer.admin.page_form.GroupPageForm": ("group_page_add", ADMIN, "POST"),
    "groups.offer.admin.meetings.MeetingForm": ("meeting_add", ADMIN, "POST"),
    "groups.offer.admin.series.MeetingSeriesForm": ("meeting_series", ADMIN, "POST"),
    "groups.offer.admin.series.MeetingExtendForm": ("meeting_extend", ADMIN, "POST"),
    "groups.offer.closures.admin.ClosureForm": ("closure_add", ADMIN, "POST"),
    "groups.offer.closures.admin.HolidaysForm": ("closure_holidays", ADMIN, "POST"),
    "groups.offer.closures.pause_admin.PauseForm": ("group_pause_add", ADMIN, "POST"),
    "groups.savings.admin.SavingsCircleForm": ("savings_circle_add", ADMIN, "POST"),
    "courses.admin_views.LessonForm": ("lesson_add", ADMIN, "POST"),
    "courses.admin_views.CompletionRuleForm": ("completion_rule_add", ADMIN, "POST"),
    "people.wagtail_hooks.MembershipAdminForm": ("membership_add", ADMIN, "POST"),
    "people.invitations.forms.RoleInvitationForm": ("role_invitation_add", ADMIN, "POST"),
    "people.wagtail_users.WaakvlamUserCreationForm": ("user_add", ADMIN, "POST"),
    "people.wagtail_users.WaakvlamUserEditForm": ("user_edit", ADMIN, "POST"),
    "volunteers.admin.forms.VolunteerProfileForm": ("volunteer_profile_add", ADMIN, "POST"),
    "volunteers.admin.forms.CompetencyForm": ("competency_add", ADMIN, "POST"),
    "volunteers.admin.forms.CompetencyRecordForm": ("competency_record_add", ADMIN, "POST"),
    "volunteers.admin.forms.TrainingCompetencyForm": ("training_competency_add", ADMIN, "POST"),
    "aftercare.admin.forms.PlanOpenForm": ("aftercare_plan_open", ADMIN, "POST"),
    "aftercare.admin.forms.ChoicesForm": ("aftercare_plan_choices", ADMIN, "POST"),
    "aftercare.admin.forms.ContactChangeForm": ("aftercare_plan_contact", ADMIN, "POST"),
    "aftercare.admin.forms.PhaseChangeForm": ("aftercare_plan_phase", ADMIN, "POST"),
    "aftercare.admin.forms.UntilChangeForm": ("aftercare_plan_until", ADMIN, "POST"),
    "aftercare.admin.forms.OptionalReasonForm": ("aftercare_plan_pause", ADMIN, "POST"),
    "aftercare.admin.forms.ReopenForm": ("aftercare_plan_reopen", ADMIN, "POST"),
    "aftercare.admin.forms.ConfirmForm": ("aftercare_plan_withdraw", ADMIN, "POST"),
    "aftercare.admin.forms.AftercareSettingsForm": ("aftercare_settings_add", ADMIN, "POST"),
    # The admin's listings and reports: their filters.
    "aftercare.admin.plans.PlanFilterSet": ("aftercare_plans", ADMIN, "GET"),
    "aftercare.admin.overdue.OverdueFilterSet": ("aftercare_overdue", ADMIN, "GET"),
    "aftercare.admin.reports.AftercareReportFilterSet": ("aftercare_report", ADMIN, "GET"),
    "groups.attendance.admin.AttendanceMatrixFilterSet": ("attendance_report", ADMIN, "GET"),
    "groups.attendance.admin.AttendanceTrendFilterSet": ("attendance_trend", ADMIN, "GET"),
    "groups.attendance.attention_admin.AttentionFilterSet": ("attention_signals", ADMIN, "GET"),
    "people.audit.admin.AuditEntryFilterSet": ("audit_log", ADMIN, "GET"),
    "groups.offer.admin.meetings.MeetingFilterSet": ("meetings", ADMIN, "GET"),
    "groups.offer.admin.enrolments.EnrolmentFilterSet": ("enrolments", ADMIN, "GET"),
    "courses.admin_views.LessonFilterSet": ("lessons", ADMIN, "GET"),
    "courses.admin_views.CompletionFilterSet": ("completions", ADMIN, "GET"),
    "volunteers.admin.overview.QualificationFilterSet": ("volunteer_overview", ADMIN, "GET"),
    "volunteers.admin.profiles.VolunteerProfileFilterSet": ("volunteer_profiles", ADMIN, "GET"),
    "volunteers.admin.records.CompetencyRecordFilterSet": ("competency_records", ADMIN, "GET"),
}

# Filters and forms without a project form class: fuzzed by URL.
VIEWS = {
    "the reminder's one-click absence link (AbsenceForm, signed in or not)": (
        "absence_link",
        ANONYMOUS,
        "POST",
    ),
    "knowledge search": ("search", ANONYMOUS, "GET"),
    "stopping aftercare (a confirmation without fields)": ("my_plan_stop", PARTICIPANT, "POST"),
    "the contact's people on the help card (CardPersonForm, no consent box)": (
        "card_people",
        TRAINER,
        "POST",
    ),
    "the attention list's outcome form (SignalOutcomeForm in the admin)": (
        "attention_outcome",
        ADMIN,
        "POST",
    ),
    "topic snippet (Wagtail's form from the panels)": ("topic_add", ADMIN, "POST"),
    "service snippet (Wagtail's form from the panels)": ("service_add", ADMIN, "POST"),
    "organisation (Wagtail's form from the panels)": ("organisation_add", ADMIN, "POST"),
}

# Where a page shows the typed text as it was used, not byte for byte: the
# search box shows the query as searched (control characters out, spaces
# collapsed, cut to a sane length).
SHOWN_AS = {"knowledge search": "knowledge.views.clean_query"}

COVERED_ELSEWHERE = {
    "aftercare.admin.forms.ChoicesFields": (
        "the person's choices and consent, the base of PlanOpenForm and ChoicesForm, "
        "which are fuzzed; never rendered alone"
    ),
    "people.account_forms.AuthenticateForm": (
        "shown only during a log-in, after the right password; wrong and empty "
        "codes are in tests/people/test_second_factor.py"
    ),
    "people.account_forms.AuthenticatePasskeyForm": (
        "shown only during a log-in, after the right password; wrong and malformed "
        "passkey answers are in tests/people/test_passkeys.py"
    ),
    "people.account_forms.EditPasskeyForm": (
        "needs a passkey of the person's own (the fuzz world has none); renaming and "
        "bad names are in tests/people/test_passkeys.py"
    ),
    "people.wagtail_users.ProfileFieldsMixin": (
        "a mixin of the user creation and edit forms, never rendered alone; "
        "fuzzed as part of WaakvlamUserCreationForm and WaakvlamUserEditForm"
    ),
    "aftercare.helpcard.forms.RemoveForm": (
        "the small hidden form of each item's remove button; the fuzz posts the "
        "biggest form of a page, so bad and foreign ids are in "
        "tests/aftercare/helpcard/test_edit.py"
    ),
    "courses.admin_views.CourseFilterSet": (
        "the base of LessonFilterSet and CompletionFilterSet, which are fuzzed; "
        "no listing uses it alone"
    ),
}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _import_project():
    for package in PACKAGES:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if ".migrations" not in info.name and ".settings" not in info.name:
                importlib.import_module(info.name)


def project_forms():
    """The dotted paths of the project's form classes and filter sets."""
    _import_project()
    found = set()
    for base in (forms.BaseForm, django_filters.FilterSet):
        for cls in _subclasses(base):
            if cls.__module__.split(".")[0] in PACKAGES:
                found.add(f"{cls.__module__}.{cls.__qualname__}")
    return sorted(found)


def table_problems(found, table=None, covered=None):
    table = FORMS if table is None else table
    covered = COVERED_ELSEWHERE if covered is None else covered
    problems = [
        f"Form {path!r} is not fuzzed: add it to FORMS in tests/access/forms_table.py "
        f"with the URL key (tests/access/world.py) that renders it, the role and the "
        f"method, or to COVERED_ELSEWHERE with the reason."
        for path in found
        if path not in table and path not in covered
    ]
    problems += [
        f"FORMS or COVERED_ELSEWHERE in tests/access/forms_table.py lists {path!r}, "
        f"which is no form of the project any more: remove it."
        for path in {*table, *covered}
        if path not in found
    ]
    return problems
