"""The audit trail: who looked at or exported other people's data, what and
when (never the data), readable by superusers only, kept for
AUDIT_RETENTION_DAYS, and without the name of a person who was erased."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from people.audit.services import DOWNLOAD, EXPORT, VIEW, audit_log
from people.audit.services import audit_entries_prune as prune
from people.models import AuditEntry, Role
from people.services import ANONYMOUS_NAME, user_anonymise
from people.tasks import prune_audit_entries
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory
from tests.volunteers.factories import (
    CompetencyRecordFactory,
    VolunteerProfileFactory,
    certificate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    organisation = OrganisationFactory(name="Schuldhulp Oost")
    coordinator = MembershipFactory(
        organisation=organisation, role=Role.COORDINATOR, user__full_name="Cora Coördinator"
    ).user
    trainer = MembershipFactory(organisation=organisation, role=Role.TRAINER).user
    group = GroupPageFactory(
        organisation=organisation, title="Budgetcursus Oost", trainers=[trainer]
    )
    participant = EnrolmentFactory(group=group, person=UserFactory(full_name="Anna Bakker")).person
    return locals()


def entries():
    return list(AuditEntry.objects.order_by("pk"))


def assert_no_personal_data(entry):
    assert "Anna Bakker" not in f"{entry.label} {entry.data}"


def test_viewing_and_exporting_the_attendance_report_leaves_entries(client, world):
    client.force_login(world["coordinator"])
    report = reverse("attendance_report:index")
    client.get(report)  # nothing chosen yet: nothing seen, nothing logged
    assert not entries()
    client.get(report, {"group": world["group"].pk})
    response = client.get(report, {"group": world["group"].pk, "export": "csv"})
    b"".join(response.streaming_content)
    viewed, exported = entries()
    assert (viewed.action, exported.action) == (VIEW, EXPORT)
    assert viewed.user == world["coordinator"]
    assert viewed.data == {"report": "attendance_report:index", "group": "Budgetcursus Oost"}
    assert exported.data["format"] == "csv"
    assert_no_personal_data(exported)


def test_the_qualification_overview_and_its_export_are_logged(client, world):
    client.force_login(world["coordinator"])
    overview = reverse("qualification:index")
    client.get(overview, {"organisation": world["organisation"].pk})
    client.get(overview, {"organisation": world["organisation"].pk, "export": "xlsx"})
    assert [entry.action for entry in entries()] == [VIEW, EXPORT]
    assert entries()[1].data["organisation"] == "Schuldhulp Oost"


def test_a_certificate_download_names_whose_it_was(client, world):
    volunteer = VolunteerProfileFactory(
        organisation=world["organisation"], user__full_name="Vera Vrijwilliger"
    ).user
    record = CompetencyRecordFactory(volunteer=volunteer, evidence=certificate())
    client.force_login(world["coordinator"])
    client.get(reverse("volunteers_admin:evidence", args=[record.pk]))
    (entry,) = entries()
    assert entry.action == DOWNLOAD and entry.subject == volunteer
    assert entry.label.startswith("Vera Vrijwilliger")
    assert entry.object_id == str(record.pk)


def test_admin_listings_and_records_of_people_are_logged(client, world):
    enrolment = world["participant"].enrolments.get()
    client.force_login(world["coordinator"])
    client.get("/admin/enrolments/", {"group": world["group"].pk, "q": "Anna"})
    client.get(f"/admin/enrolments/inspect/{enrolment.pk}/")
    listing, record = entries()
    assert listing.action == VIEW and listing.user == world["coordinator"]
    assert listing.data == {
        "listing": "enrolments:index",
        "group": str(world["group"].pk),
        "searched": True,
    }
    assert_no_personal_data(listing)
    assert record.subject == world["participant"]
    assert record.object_id == str(enrolment.pk)


@pytest.mark.parametrize(
    "listing",
    [
        "/admin/completions/",
        "/admin/emails/",
        "/admin/volunteers/profiles/",
        "/admin/volunteers/records/",
    ],
)
def test_every_admin_listing_of_people_is_logged(client, world, listing):
    client.force_login(world["coordinator"])
    assert client.get(listing).status_code == 200
    (entry,) = entries()
    assert entry.data["listing"].endswith(":index")


def test_lists_without_personal_data_are_not_logged(client, world):
    client.force_login(world["coordinator"])
    client.get("/admin/meetings/")
    client.get("/admin/lessons/")
    assert not entries()


def test_trainers_opening_participants_attendance_and_ledger_are_logged(client, world):
    meeting = MeetingFactory(group=world["group"])
    client.force_login(world["trainer"])
    client.get(reverse("groups:participants", args=[world["group"].pk]))
    client.get(reverse("groups:attendance", args=[meeting.pk]))
    pages = [entry.data["page"] for entry in entries()]
    assert pages == ["participants", "attendance"]
    assert all(entry.user == world["trainer"] for entry in entries())
    for entry in entries():
        assert_no_personal_data(entry)


def test_only_superusers_see_the_audit_log(client, world):
    audit_log(user=world["coordinator"], action=VIEW, label="Budgetcursus Oost")
    client.force_login(world["coordinator"])
    assert client.get(reverse("waakvlam_audit_log")).status_code in (302, 403)
    assert "audit-log" not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("waakvlam_audit_log"))
    assert response.status_code == 200
    assert "Cora Coördinator" in response.content.decode()
    assert (
        reverse("waakvlam_audit_log") in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_the_audit_log_filters_and_exports_without_formulas(client, world):
    audit_log(user=world["coordinator"], action=VIEW, label="=HYPERLINK(1)")
    audit_log(user=world["trainer"], action=EXPORT, label="Budgetcursus Oost")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("waakvlam_audit_log"), {"action": EXPORT})
    assert "Budgetcursus Oost" in response.content.decode()
    assert "HYPERLINK" not in response.content.decode()
    export = client.get(reverse("waakvlam_audit_log"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert "'=HYPERLINK(1)" in body


def test_audit_entries_stay_out_of_wagtails_site_history(client, world):
    audit_log(user=world["coordinator"], action=VIEW, label="Kijkje in de lijst")
    for user in (world["coordinator"], UserFactory(is_superuser=True, is_staff=True)):
        client.force_login(user)
        history = client.get(reverse("wagtailadmin_reports:site_history"))
        assert "Kijkje in de lijst" not in history.content.decode()


def test_entries_older_than_the_retention_period_are_removed(settings, world):
    settings.AUDIT_RETENTION_DAYS = 30
    old = audit_log(user=world["coordinator"], action=VIEW, label="Oud")
    AuditEntry.objects.filter(pk=old.pk).update(
        timestamp=timezone.now() - datetime.timedelta(days=31)
    )
    recent = audit_log(user=world["coordinator"], action=VIEW, label="Recent")
    assert prune_audit_entries() == 1
    assert entries() == [recent]
    assert prune() == 0


def test_pruning_runs_as_a_daily_schedule():
    schedule = Schedule.objects.get(func="people.tasks.prune_audit_entries")
    assert schedule.schedule_type == Schedule.DAILY


def test_an_erased_persons_name_leaves_the_entries_about_them(world):
    person = world["participant"]
    audit_log(
        user=world["coordinator"],
        action=DOWNLOAD,
        label=f"{person.full_name} – Gespreksvoering",
        subject=person,
    )
    user_anonymise(user=person)
    (entry,) = entries()
    assert entry.label == f"{ANONYMOUS_NAME} – Gespreksvoering"
    assert entry.user == world["coordinator"]


def test_a_filter_value_with_a_nul_character_is_stored_without_it():
    # PostgreSQL's JSON refuses NUL; anyone may type one into a filter.
    user = UserFactory()
    entry = audit_log(
        user=user, action=VIEW, label="Lijst\x00", data={"q\x00": ["a\x00b", {"c": "\x00"}]}
    )
    entry.refresh_from_db()
    assert entry.label == "Lijst"
    assert entry.data == {"q": ["ab", {"c": ""}]}
