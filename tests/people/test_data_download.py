"""The data download (AVG art. 15) holds everything stored about a person.

The test finds every relation that can point at a user (foreign keys,
one-to-ones, many-to-manys and generic foreign keys), builds one row for
each, and looks for that row in the download. A model added later that
points at a user fails here until it is exported or excluded with a reason.
"""

import datetime
import json
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.users.models import UserProfile

from groups.models import (
    AbsenceChannel,
    AbsenceNotice,
    Attendance,
    AttendanceStatus,
    AttentionSignal,
    CalendarToken,
    GroupKind,
    MeetingReminder,
    SavingsEntry,
    SavingsSuccess,
)
from groups.offer import services as offer_services
from groups.savings import services as savings_services
from groups.savings.cycles import savings_cycle_open
from people.models import Membership, OutboxKind, OutboxMessage, OutboxStatus, Role
from tests.aftercare.factories import plan_for
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory
from tests.helpers import give_authenticator_app
from tests.volunteers.factories import CompetencyRecordFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db

STAFF_WORK = "staff work on the site (pages, files, history), not data about the person"
RECORDED_BY = "who recorded it for someone else; the row is in that person's download"
NOT_USERS = "points at content, never at a user in this project"

# "app_label.Model.field": why the download leaves it out.
EXCLUDED = {
    "wagtailcore.Page.owner": STAFF_WORK,
    "wagtailcore.Page.locked_by": STAFF_WORK,
    "wagtailcore.Revision.user": STAFF_WORK,
    "wagtailcore.PageLogEntry.user": STAFF_WORK,
    "wagtailcore.ModelLogEntry.user": STAFF_WORK,
    "wagtailcore.ModelLogEntry.content_type": "the admin's change history of accounts: "
    "the controller's own accountability record",
    "wagtailcore.ReferenceIndex.content_type": NOT_USERS,
    "wagtailcore.ReferenceIndex.to_content_type": "which content uses which object, for "
    "editors; the person's part is exported from the content itself",
    "wagtailcore.WorkflowState.requested_by": STAFF_WORK,
    "wagtailcore.TaskState.finished_by": STAFF_WORK,
    "wagtailcore.Comment.user": STAFF_WORK,
    "wagtailcore.Comment.resolved_by": STAFF_WORK,
    "wagtailcore.CommentReply.user": STAFF_WORK,
    "wagtailcore.PageSubscription.user": STAFF_WORK,
    "wagtailcore.UploadedFile.uploaded_by_user": STAFF_WORK,
    "wagtailcore.APIToken.user": "Wagtail's API tokens: never issued in this project",
    "wagtaildocs.Document.uploaded_by_user": STAFF_WORK,
    "wagtailimages.Image.uploaded_by_user": STAFF_WORK,
    "wagtailadmin.EditingSession.user": "a few minutes' note that an editor has a page open",
    "wagtailadmin.FormState.user": "an editor's unsaved admin form, kept for minutes",
    "wagtailadmin.EditingSession.content_object": NOT_USERS,
    "wagtailadmin.FormState.content_object": NOT_USERS,
    "wagtailcore.Revision.content_object": NOT_USERS,
    "wagtailcore.WorkflowState.content_object": NOT_USERS,
    "wagtailcore.WorkflowState.content_type": NOT_USERS,
    "wagtailsearch.IndexEntry.content_object": NOT_USERS,
    "taggit.TaggedItem.content_object": NOT_USERS,
    "people.WeeklyDigestSent.user": "a note that this week's digest went out; the e-mail "
    "itself is in the download",
    "volunteers.TrainerLapseNotice.trainer": "a note that the coordinators were told; what "
    "lapsed follows from the competency records in the download",
    "people.AuditEntry.user": "the audit trail of staff who saw others' data: the "
    "controller's accountability record, for superusers",
    "people.AuditEntry.subject": "the audit trail: an internal record of the controller's "
    "staff looking at the data that is itself in this download",
    "people.AuditEntry.content_type": "the audit trail: what staff looked at",
    "groups.Attendance.recorded_by": RECORDED_BY,
    "groups.GroupPause.paused_by": "a trainer's or coordinator's work on a group they run, "
    "not data about them",
    "groups.GroupPause.resumed_by": "a trainer's or coordinator's work on a group they run, "
    "not data about them",
    "groups.ParticipantNotice.person": "a note that the person was told of a closure or a "
    "pause; the e-mail itself is in the download",
    "groups.AbsenceNotice.recorded_by": RECORDED_BY,
    "groups.AttentionSignal.closed_by": RECORDED_BY,
    "groups.AttentionSignal.unreached_by": RECORDED_BY,
    "groups.Enrolment.enrolled_by": RECORDED_BY,
    "groups.EnrolmentInvitation.invited_by": RECORDED_BY,
    "people.RoleInvitation.invited_by": RECORDED_BY,
    "groups.SavingsEntry.recorded_by": RECORDED_BY,
    "volunteers.CompetencyRecord.recorded_by": RECORDED_BY,
    "aftercare.AftercarePlan.opened_by": RECORDED_BY,
    "aftercare.AftercarePlan.consent_recorded_by": RECORDED_BY,
    "aftercare.ContactMoment.done_by": RECORDED_BY,
    "aftercare.PlanHistory.by": RECORDED_BY,
    "aftercare.PlanHistory.old_contact": "someone's earlier steady contact: the plan and its "
    "history are in that person's download",
    "aftercare.Referral.recorded_by": RECORDED_BY,
    "aftercare.Success.recorded_by": RECORDED_BY,
}


def user_relations():
    """Every "app_label.Model.field" through which a row can point at a user:
    relations to the user model, generic foreign keys, and content types
    with an object id beside them that no generic foreign key wraps."""
    user_model = get_user_model()
    found = set()
    for model in apps.get_models():
        fields = [f for f in model._meta.get_fields() if f.is_relation and not f.auto_created]
        wrapped = {f.ct_field for f in fields if isinstance(f, GenericForeignKey)}
        names = {f.name for f in model._meta.get_fields()}
        for field in fields:
            paired = field.name.replace("content_type", "object_id") in names
            generic = isinstance(field, GenericForeignKey) or (
                field.related_model is ContentType and paired and field.name not in wrapped
            )
            if generic or field.related_model is user_model:
                found.add(f"{field.model._meta.label}.{field.name}")
    return found


def _group(title, **kwargs):
    return GroupPageFactory(title=title, **kwargs)


def _when(day):
    return datetime.datetime(2020, 1, day, 9, 30, tzinfo=datetime.UTC)


def build_profile(person):
    VolunteerProfileFactory(user=person, organisation=OrganisationFactory(name="Org Profiel"))
    return "volunteer_profiles", "Org Profiel"


def build_competency(person):
    record = CompetencyRecordFactory(volunteer=person, competency="gespreksvoering")
    return "competencies", record.competency.name


def build_completion(person):
    from courses.models import Completion

    group = _group("Cursus Afgerond")
    today = datetime.date(2020, 1, 1)
    Completion.objects.create(
        person=person, group=group, attended=5, meetings=6, first_date=today, last_date=today
    )
    return "certificates", "Cursus Afgerond"


def build_attendance(person):
    meeting = MeetingFactory(group=_group("Groep Aanwezig"))
    Attendance.objects.create(meeting=meeting, person=person, status=AttendanceStatus.PRESENT)
    return "attendance", "Groep Aanwezig"


def build_attention_signal(person):
    AttentionSignal.objects.create(group=_group("Groep Signaal"), person=person, missed=3)
    return "attention_signals", "Groep Signaal"


def build_absence_notice(person):
    meeting = MeetingFactory(group=_group("Groep Afgemeld"))
    AbsenceNotice.objects.create(meeting=meeting, person=person, channel=AbsenceChannel.EMAIL)
    return "announced_absences", "Groep Afgemeld"


def build_enrolment(person):
    EnrolmentFactory(person=person, group=_group("Groep Inschrijving"))
    return "sign_ups", "Groep Inschrijving"


def build_calendar_token(person):
    token = offer_services.calendar_token_for(user=person)
    CalendarToken.objects.filter(pk=token.pk).update(created_at=_when(3))
    return "calendar_links", _when(3).isoformat()


def build_reminder(person):
    meeting = MeetingFactory(group=_group("Groep Herinnering"))
    MeetingReminder.objects.create(meeting=meeting, person=person)
    return "meeting_reminders", "Groep Herinnering"


def build_trainer(person):
    _group("Groep Geleid", trainers=[person])
    return "groups_led", "Groep Geleid"


def build_co_trainer(person):
    _group("Groep Meelopen", co_trainers=[person])
    return "groups_co_trained", "Groep Meelopen"


def _circle(title, person):
    group = _group(title, kind=GroupKind.SAVINGS_CIRCLE)
    offer_services.enrolment_create(group=group, person=person)
    return savings_services.savings_circle_for(group=group)


def build_bookkeeper(person):
    circle = _circle("Kring Boekhouder", person)
    circle.bookkeeper = person
    circle.save()
    return "savings_circles_kept", "Kring Boekhouder"


def build_savings_goal(person):
    circle = _circle("Kring Doel", person)
    savings_services.savings_goal_set(
        circle=circle, person=person, purpose="Een wasmachine", target_amount=Decimal("300")
    )
    return "savings_goals", "Een wasmachine"


def build_savings_entry(person):
    circle = _circle("Kring Inleg", person)
    SavingsEntry.objects.create(
        circle=circle,
        cycle=savings_cycle_open(circle=circle),
        person=person,
        kind="deposit",
        amount=Decimal("7.25"),
    )
    return "savings_entries", "7.25"


def build_savings_success(person):
    circle = _circle("Kring Gelukt", person)
    SavingsSuccess.objects.create(
        cycle=savings_cycle_open(circle=circle),
        person=person,
        paid_out_at=_when(2),
        story="Een nieuw bed",
    )
    return "savings_successes", "Een nieuw bed"


def build_savings_round_closed(person):
    circle = _circle("Kring Ronde", person)
    cycle = savings_cycle_open(circle=circle)
    cycle.closed_at, cycle.closed_by = _when(3), person
    cycle.save()
    return "savings_rounds_closed", "Kring Ronde"


def build_membership(person):
    Membership.objects.create(
        user=person, organisation=OrganisationFactory(name="Org Rol"), role=Role.TRAINER
    )
    return "roles", "Org Rol"


def build_outbox_message(person):
    OutboxMessage.objects.create(
        user=person,
        to_address=person.email,
        subject="Uw inschrijving",
        kind=OutboxKind.TEMPLATED,
        status=OutboxStatus.SENT,
        sent_at=_when(4),
    )
    return "emails", "Uw inschrijving"


def build_email_address(person):
    EmailAddress.objects.create(user=person, email="tweede@example.org")
    return "email_addresses", "tweede@example.org"


def build_admin_profile(person):
    UserProfile.objects.create(user=person, current_time_zone="Europe/Amsterdam")
    return "admin_preferences", "Europe/Amsterdam"


def build_second_factor(person):
    authenticator = give_authenticator_app(person)
    return "second_factors", authenticator.created_at.isoformat()


def build_aftercare_plan(person):
    plan_for(person=person, watch_out_for="Brieven van de belasting")
    return "aftercare_plans", "Brieven van de belasting"


def build_aftercare_contact(person):
    organisation = OrganisationFactory(name="Org Nazorgcontact")
    MembershipFactory(organisation=organisation, role=Role.VOLUNTEER, user=person)
    plan_for(organisation=organisation, contact=person)
    return "aftercare_contact_of", "Org Nazorgcontact"


BUILDERS = {
    "aftercare.AftercarePlan.person": build_aftercare_plan,
    "aftercare.AftercarePlan.contact": build_aftercare_contact,
    "volunteers.VolunteerProfile.user": build_profile,
    "volunteers.CompetencyRecord.volunteer": build_competency,
    "courses.Completion.person": build_completion,
    "groups.Attendance.person": build_attendance,
    "groups.AttentionSignal.person": build_attention_signal,
    "groups.AbsenceNotice.person": build_absence_notice,
    "groups.Enrolment.person": build_enrolment,
    "groups.CalendarToken.user": build_calendar_token,
    "groups.MeetingReminder.person": build_reminder,
    "groups.GroupPage.trainers": build_trainer,
    "groups.GroupPage.co_trainers": build_co_trainer,
    "groups.SavingsCircle.bookkeeper": build_bookkeeper,
    "groups.SavingsGoal.person": build_savings_goal,
    "groups.SavingsEntry.person": build_savings_entry,
    "groups.SavingsSuccess.person": build_savings_success,
    "groups.SavingsCycle.closed_by": build_savings_round_closed,
    "people.Membership.user": build_membership,
    "people.OutboxMessage.user": build_outbox_message,
    "account.EmailAddress.user": build_email_address,
    "wagtailusers.UserProfile.user": build_admin_profile,
    "mfa.Authenticator.user": build_second_factor,
}


def test_every_relation_to_a_user_is_exported_or_excluded_with_a_reason():
    relations = user_relations()
    unknown = sorted(relations - BUILDERS.keys() - EXCLUDED.keys())
    assert not unknown, (
        f"These fields point at a user but are not in the data download: {unknown}. "
        "Export them with an EXPORT_PERSONAL_DATA hook in their app and add a builder "
        "to BUILDERS here, or add them to EXCLUDED with the reason."
    )
    stale = sorted((BUILDERS.keys() | EXCLUDED.keys()) - relations)
    assert not stale, f"These fields no longer exist; remove them here: {stale}"
    assert all(reason.strip() for reason in EXCLUDED.values())


def test_the_download_holds_a_row_of_every_model_that_points_at_the_person(client):
    person = UserFactory()
    expected = {relation: build(person) for relation, build in BUILDERS.items()}
    client.force_login(person)
    data = json.loads(client.get(reverse("people:data_download")).content)
    missing = [
        relation
        for relation, (section, marker) in expected.items()
        if marker not in json.dumps(data.get(section), ensure_ascii=False)
    ]
    assert not missing, f"Rows built for these fields are not in the download: {missing}"


def test_the_download_says_who_signed_the_person_up_but_never_the_calendar_token(client):
    person = UserFactory()
    volunteer = UserFactory(full_name="Henk Helpt")
    EnrolmentFactory(person=person, enrolled_by=volunteer)
    token = offer_services.calendar_token_for(user=person)
    renewed = offer_services.calendar_token_renew(user=person)
    client.force_login(person)
    response = client.get(reverse("people:data_download"))
    data = json.loads(response.content)
    assert data["sign_ups"][0]["signed_up_by"] == "Henk Helpt"
    assert data["calendar_links"][0]["revoked_at"] is not None
    assert token.token not in response.content.decode()
    assert renewed.token not in response.content.decode()
