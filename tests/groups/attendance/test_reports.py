"""Coordinators' attendance reports and savings-circle settings in the admin:
own organisation only, exports that never run a formula."""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from groups.attendance.reports import attendance_by_month, attendance_matrix
from groups.models import (
    Attendance,
    AttendanceStatus,
    EnrolmentStatus,
    GroupKind,
    MeetingStatus,
    SavingsCircle,
)
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory, MeetingFactory
from tests.helpers import csv_rows, nl

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRESENT, LATE, EXCUSED, ABSENT = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)
MATRIX = reverse("attendance_report:index")
TREND = reverse("attendance_trend:index")


def local(year, month, day, hour=19):
    return datetime.datetime(year, month, day, hour, tzinfo=AMSTERDAM)


def past_meetings(group, count, first=None):
    first = first or local(2024, 1, 9)
    return [
        MeetingFactory(
            group=group,
            starts_at=first + datetime.timedelta(weeks=week),
            ends_at=first + datetime.timedelta(weeks=week, hours=2),
        )
        for week in range(count)
    ]


def participants(group, count):
    return [EnrolmentFactory(group=group).person for _ in range(count)]


def record(meeting, person, status):
    return Attendance.objects.create(meeting=meeting, person=person, status=status)


@pytest.fixture
def world(organisations):
    own, other, coordinator = organisations.values()
    group = GroupPageFactory(organisation=own, title="Budgetcursus Oost")
    other_group = GroupPageFactory(organisation=other, title="Spaarkring Elders")
    return locals()


@pytest.fixture
def matrix_group(world):
    """Three people and three past meetings, plus a future and a cancelled one."""
    group = world["group"]
    anna = EnrolmentFactory(group=group, person=UserFactory(full_name="Anna Bakker")).person
    bram = EnrolmentFactory(group=group, person=UserFactory(full_name="Bram de Vries")).person
    # Cees stopped, but his attendance stays in the report.
    cees = EnrolmentFactory(
        group=group,
        person=UserFactory(full_name="Cees Jansen"),
        status=EnrolmentStatus.CANCELLED,
    ).person
    first, second, third = past_meetings(group, 3)
    MeetingFactory(group=group, starts_at=local(2099, 1, 1), ends_at=local(2099, 1, 1, 21))
    MeetingFactory(
        group=group,
        starts_at=local(2024, 2, 20),
        ends_at=local(2024, 2, 20, 21),
        status=MeetingStatus.CANCELLED,
    )
    for meeting, status in zip((first, second, third), (PRESENT, LATE, ABSENT), strict=True):
        record(meeting, anna, status)
    record(first, bram, EXCUSED)
    record(second, bram, PRESENT)
    record(first, cees, ABSENT)
    return {"group": group, "people": (anna, bram, cees), "meetings": (first, second, third)}


# ------------------------------------------------------------ the matrix


def test_the_matrix_shows_every_person_against_every_past_meeting(matrix_group):
    anna, bram, cees = matrix_group["people"]
    matrix = attendance_matrix(matrix_group["group"])

    assert [column.meeting for column in matrix.columns] == list(matrix_group["meetings"])
    assert [row.person for row in matrix.rows] == [anna, bram, cees]
    assert [[cell.status for cell in row.cells] for row in matrix.rows] == [
        [PRESENT, LATE, ABSENT],
        [EXCUSED, PRESENT, None],
        [ABSENT, None, None],
    ]
    # Attended (present or late) out of the meetings registered for that person.
    assert [(row.attended, row.registered, row.rate) for row in matrix.rows] == [
        (2, 3, 67),
        (1, 2, 50),
        (0, 1, 0),
    ]
    assert [(c.attended, c.registered, c.rate) for c in matrix.columns] == [
        (1, 3, 33),
        (2, 2, 100),
        (0, 1, 0),
    ]


def test_the_matrix_page_shows_letters_a_legend_and_the_rates(coordinator_client, matrix_group):
    response = coordinator_client.get(MATRIX, {"group": matrix_group["group"].pk})
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("Anna Bakker", "Bram de Vries", "Cees Jansen"):
        assert name in html
    assert nl("What the letters mean") in html
    rate = "%(rate)s%% (%(attended)s of %(registered)s)"
    assert nl(rate, rate=67, attended=2, registered=3) in html
    assert nl(rate, rate=50, attended=1, registered=2) in html
    assert "33%" in html and "100%" in html
    assert "2-1-2099" not in html  # the future meeting has no column yet
    assert "20-2-2024" not in html  # nor the cancelled one
    assert '<th scope="row" style="position: sticky; left: 0;' in html
    assert ">Anna Bakker</th>" in html
    assert "export=csv" in html and "export=xlsx" in html


# Includes the explorer menu of a coordinator with page permissions.
MATRIX_QUERIES = 18  # with the audit entry of the view


def test_the_matrix_takes_as_many_queries_for_30_people_as_for_3(
    coordinator_client, world, django_assert_max_num_queries
):
    def measure(group, people_count):
        people = participants(group, people_count)
        for meeting in past_meetings(group, 10):
            for index, person in enumerate(people):
                record(meeting, person, (PRESENT, LATE, EXCUSED, ABSENT)[index % 4])
        coordinator_client.get(MATRIX, {"group": group.pk})  # warm caches
        with django_assert_max_num_queries(MATRIX_QUERIES):
            response = coordinator_client.get(MATRIX, {"group": group.pk})
        assert response.status_code == 200

    measure(world["group"], 3)
    measure(GroupPageFactory(organisation=world["own"], title="Spaarkring Groot"), 30)


def test_the_group_choice_offers_only_own_groups(coordinator_client, world):
    html = coordinator_client.get(MATRIX).content.decode()
    assert "Budgetcursus Oost" in html
    assert "Spaarkring Elders" not in html


def test_another_organisations_group_is_a_404(coordinator_client, world):
    other = world["other_group"]
    record(past_meetings(other, 1)[0], participants(other, 1)[0], PRESENT)
    for params in ({"group": other.pk}, {"group": other.pk, "export": "csv"}, {"group": "x"}):
        assert coordinator_client.get(MATRIX, params).status_code == 404, params
    results = reverse("attendance_report:index_results")
    assert coordinator_client.get(results, {"group": other.pk}).status_code == 404


@pytest.mark.parametrize("role", [None, Role.VOLUNTEER, Role.TRAINER, Role.EDITOR])
def test_only_coordinators_see_the_reports_and_savings_settings(client, world, role):
    user = UserFactory()
    if role:
        MembershipFactory(user=user, organisation=world["own"], role=role)
    if role == Role.TRAINER:
        world["group"].trainers.add(user)
        world["group"].save()
    client.force_login(user)
    for address, params in (
        (MATRIX, {"group": world["group"].pk}),
        (MATRIX, {"group": world["group"].pk, "export": "csv"}),
        (TREND, {}),
        (reverse("savings_circles:index"), {}),
        (reverse("savings_circles:add"), {}),
    ):
        response = client.get(address, params)
        assert response.status_code in (302, 403), address
        assert "Budgetcursus Oost" not in response.content.decode()


# ------------------------------------------------------------ exports


@pytest.fixture
def tricky_group(world):
    group = world["group"]
    meeting = past_meetings(group, 1)[0]
    hyperlink = EnrolmentFactory(
        group=group, person=UserFactory(full_name='=HYPERLINK("http://x")')
    ).person
    phone = EnrolmentFactory(group=group, person=UserFactory(full_name="+31 6 12345678")).person
    record(meeting, hyperlink, PRESENT)
    record(meeting, phone, ABSENT)
    return group


def test_the_csv_export_has_a_column_per_meeting_and_no_formulas(coordinator_client, tricky_group):
    response = coordinator_client.get(MATRIX, {"group": tricky_group.pk, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0][1].endswith(" 9-1-2024 19:00")
    assert [rows[0][0], *rows[0][2:]] == [
        capfirst(nl("participant")),
        nl("Present or late"),
        nl("Registered"),
        nl("Attendance rate (%)"),
    ]
    with translation.override("nl"):
        present, absent = AttendanceStatus.PRESENT.label, AttendanceStatus.ABSENT.label
        assert rows[1:] == [
            ["'+31 6 12345678", str(absent), "0", "1", "0"],
            ['\'=HYPERLINK("http://x")', str(present), "1", "1", "100"],
        ]


def test_the_xlsx_export_reads_back_as_text_not_formulas(coordinator_client, tricky_group):
    response = coordinator_client.get(MATRIX, {"group": tricky_group.pk, "export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == capfirst(nl("participant"))
    assert [row[0] for row in rows[1:]] == ["'+31 6 12345678", '\'=HYPERLINK("http://x")']
    assert [row[2:] for row in rows[1:]] == [(0, 1, 0), (1, 1, 100)]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# ------------------------------------------------------------ over time


@pytest.fixture
def trend(world):
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    group = world["group"]
    people = participants(group, 4)
    for month, statuses in (
        (last_month, (PRESENT, PRESENT, LATE, ABSENT)),
        (this_month, (PRESENT, EXCUSED)),
    ):
        start = datetime.datetime.combine(month, datetime.time(10), tzinfo=AMSTERDAM)
        meeting = MeetingFactory(
            group=group, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
        )
        for person, status in zip(people, statuses, strict=False):
            record(meeting, person, status)
    # Another organisation's attendance never counts.
    other_start = datetime.datetime.combine(this_month, datetime.time(10), tzinfo=AMSTERDAM)
    other_meeting = MeetingFactory(
        group=world["other_group"],
        starts_at=other_start,
        ends_at=other_start + datetime.timedelta(hours=2),
    )
    record(other_meeting, participants(world["other_group"], 1)[0], ABSENT)
    return {"this_month": this_month, "last_month": last_month}


def test_attendance_per_month_covers_twelve_months(world, trend):
    rows = attendance_by_month(world["own"])
    assert len(rows) == 12
    assert rows[-1].month == trend["this_month"]
    assert rows[-2].month == trend["last_month"]
    assert (rows[-2].meetings, rows[-2].registered, rows[-2].attended, rows[-2].rate) == (
        1,
        4,
        3,
        75,
    )
    assert (rows[-1].registered, rows[-1].attended, rows[-1].rate) == (2, 1, 50)
    assert all(row.rate is None for row in rows[:-2])


def test_the_chart_page_draws_bars_with_a_data_table(coordinator_client, world, trend):
    response = coordinator_client.get(TREND)
    html = response.content.decode()
    assert response.status_code == 200
    report = html.split('id="listing-results"')[1].split("</main>")[0]
    assert "<svg" in report and 'role="img"' in report
    assert report.count("<rect") == 2
    assert 'y="71.0"' in report  # a bar of 75%, coordinates not localised to "71,0"
    assert "<table" in report and report.count('<th scope="row">') == 12
    assert "75%" in report and "50%" in report
    assert "<script" not in report


def test_the_chart_data_exports_and_other_organisations_are_a_404(coordinator_client, world, trend):
    response = coordinator_client.get(TREND, {"export": "csv"})
    rows = csv_rows(response)
    assert len(rows) == 13
    assert rows[0][1:] == [
        nl("Meetings"),
        nl("Registered"),
        nl("Present or late"),
        nl("Attendance rate (%)"),
    ]
    assert rows[-1][1:] == ["1", "2", "1", "50"]

    response = coordinator_client.get(TREND, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert list(sheet.iter_rows(values_only=True))[-2][1:] == (1, 4, 3, 75)

    assert coordinator_client.get(TREND, {"organisation": world["other"].pk}).status_code == 404


# ------------------------------------------------------------ savings circles


@pytest.fixture
def circle_world(world):
    group = GroupPageFactory(
        organisation=world["own"], title="Spaarkring Oost", kind=GroupKind.SAVINGS_CIRCLE
    )
    member = EnrolmentFactory(group=group, person=UserFactory(full_name="Dewi Member")).person
    outsider = EnrolmentFactory(group=world["group"]).person
    other = GroupPageFactory(organisation=world["other"], kind=GroupKind.SAVINGS_CIRCLE)
    other_circle = SavingsCircle.objects.create(
        group=other, cycle_start=datetime.date(2025, 1, 1), cycle_end=datetime.date(2025, 10, 1)
    )
    return {"group": group, "member": member, "outsider": outsider, "other_circle": other_circle}


def circle_data(circle_group, **changes):
    data = {
        "group": circle_group.pk,
        "money_kept": "shared_box",
        "cycle_start": "2025-01-06",
        "cycle_end": "2025-10-06",
        "bookkeeper": "",
        "fines_enabled": "on",
        "fine_amount": "2.50",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_coordinator_sets_up_a_savings_circle(coordinator_client, circle_world):
    group, member = circle_world["group"], circle_world["member"]
    html = coordinator_client.get(reverse("savings_circles:add")).content.decode()
    assert "Spaarkring Oost" in html
    assert "Budgetcursus Oost" not in html  # not a savings circle
    assert str(circle_world["other_circle"].group.title) not in html

    response = coordinator_client.post(
        reverse("savings_circles:add"), circle_data(group, bookkeeper=member.pk)
    )
    assert response.status_code == 302
    circle = SavingsCircle.objects.get(group=group)
    assert (circle.bookkeeper, circle.fines_enabled, circle.fine_amount) == (
        member,
        True,
        Decimal("2.50"),
    )

    response = coordinator_client.post(
        reverse("savings_circles:edit", args=[circle.pk]),
        circle_data(group, group=None, fine_amount="3", bookkeeper=""),
    )
    assert response.status_code == 302
    circle.refresh_from_db()
    assert (circle.group, circle.fine_amount, circle.bookkeeper) == (group, Decimal("3"), None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cycle_end": "2025-01-01"}, "The cycle must end after it starts."),
        ({"fine_amount": "-1"}, "The fine cannot be less than € 0."),
        ({"bookkeeper": "outsider"}, "Choose a member of this savings circle as bookkeeper."),
    ],
)
def test_bad_savings_settings_get_a_clear_message_and_keep_the_input(
    coordinator_client, circle_world, changes, message
):
    group = circle_world["group"]
    if changes.get("bookkeeper") == "outsider":
        changes = {"bookkeeper": circle_world["outsider"].pk}
    response = coordinator_client.post(
        reverse("savings_circles:add"), circle_data(group, **changes)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not SavingsCircle.objects.filter(group=group).exists()
    if "bookkeeper" in changes:
        # Someone from another group is not even a choice.
        assert "Dewi Member" in html and circle_world["outsider"].full_name not in html
    else:
        assert nl(message) in html
    assert "Constraint" not in html
    assert 'value="2025-01-06"' in html


def test_the_bookkeeper_must_be_a_member_when_editing(coordinator_client, circle_world):
    group = circle_world["group"]
    circle = SavingsCircle.objects.create(
        group=group, cycle_start=datetime.date(2025, 1, 6), cycle_end=datetime.date(2025, 10, 6)
    )
    response = coordinator_client.post(
        reverse("savings_circles:edit", args=[circle.pk]),
        circle_data(group, group=None, bookkeeper=circle_world["outsider"].pk),
    )
    assert response.status_code == 200
    circle.refresh_from_db()
    assert circle.bookkeeper is None


def test_another_organisations_savings_circle_is_a_404(coordinator_client, circle_world):
    other = circle_world["other_circle"]
    html = coordinator_client.get(reverse("savings_circles:index")).content.decode()
    assert other.group.title not in html
    for name in ("savings_circles:edit", "savings_circles:history"):
        assert coordinator_client.get(reverse(name, args=[other.pk])).status_code == 404, name
    response = coordinator_client.post(
        reverse("savings_circles:edit", args=[other.pk]),
        circle_data(other.group, group=None, fine_amount="9"),
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.fine_amount == Decimal("0.00")
    assert coordinator_client.get(f"/admin/savings_circles/delete/{other.pk}/").status_code == 404


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_an_export_before_a_group_is_chosen_shows_the_choice(coordinator_client, world, export):
    response = coordinator_client.get(MATRIX, {"export": export})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert world["group"].title in response.content.decode()
