"""The figures behind the coordinators' attendance reports: who came to
which meeting of a group (a matrix), and attendance per month in an
organisation, with the positions of a server-drawn bar chart."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..offer.models import Enrolment, EnrolmentStatus, Meeting, MeetingStatus
from .models import ATTENDED, Attendance, AttendanceStatus


def percentage(part, whole):
    """A whole percentage, rounded half up (Python's round() goes to even)."""
    return (200 * part + whole) // (2 * whole) if whole else None


def rate_display(part, whole):
    rate = percentage(part, whole)
    if rate is None:
        return "–"
    return gettext("%(rate)s%% (%(attended)s of %(registered)s)") % {
        "rate": rate,
        "attended": part,
        "registered": whole,
    }


# One letter per status, so the matrix is readable without colour; the
# legend and the hidden text for screen readers give the full word.
STATUS_LETTERS = {
    # Translators: the letter for "present" in the attendance table.
    AttendanceStatus.PRESENT: _("P"),
    # Translators: the letter for "late" in the attendance table.
    AttendanceStatus.LATE: _("L"),
    # Translators: the letter for "excused" in the attendance table.
    AttendanceStatus.EXCUSED: _("E"),
    # Translators: the letter for "absent" in the attendance table.
    AttendanceStatus.ABSENT: _("X"),
}


@dataclass(frozen=True)
class Cell:
    """How one status reads in the matrix. A large matrix has thousands of
    cells and few statuses: `attendance_matrix` makes one Cell per status
    and shares it, so each word is translated once per table."""

    status: str | None
    letter: str
    label: str
    title: str  # the label as the table shows it, with a capital

    @classmethod
    def of(cls, status):
        label = str(AttendanceStatus(status).label if status else _("not registered"))
        letter = str(STATUS_LETTERS[status]) if status else "–"
        return cls(status=status, letter=letter, label=label, title=capfirst(label))


@dataclass
class MatrixRow:
    person: object
    cells: list = field(default_factory=list)
    attended: int = 0
    registered: int = 0

    @property
    def rate(self):
        return percentage(self.attended, self.registered)

    @property
    def rate_display(self):
        return rate_display(self.attended, self.registered)


@dataclass
class MeetingColumn:
    meeting: Meeting
    attended: int = 0
    registered: int = 0

    @property
    def key(self):
        return f"meeting_{self.meeting.pk}"

    @property
    def starts(self):
        return timezone.localtime(self.meeting.starts_at)

    @property
    def heading(self):
        return date_format(self.starts, "D j-n-Y H:i")

    @property
    def rate(self):
        return percentage(self.attended, self.registered)


@dataclass
class AttendanceMatrix:
    columns: list
    rows: list

    @property
    def attended(self):
        return sum(row.attended for row in self.rows)

    @property
    def registered(self):
        return sum(row.registered for row in self.rows)

    @property
    def rate_display(self):
        return rate_display(self.attended, self.registered)


def attendance_matrix(group, now=None):
    """Everyone enrolled in `group` (and anyone with attendance in it) against
    its meetings so far, in three queries whatever the size."""
    now = now or timezone.now()
    has_attendance = Exists(Attendance.objects.filter(meeting=OuterRef("pk")))
    meetings = (
        Meeting.objects.filter(group=group)
        .filter(Q(status=MeetingStatus.PLANNED, starts_at__lte=now) | has_attendance)
        .order_by("starts_at", "pk")
    )
    columns = [MeetingColumn(meeting) for meeting in meetings]
    people = (
        get_user_model()
        .objects.filter(
            Q(
                pk__in=Enrolment.objects.filter(
                    group=group, status=EnrolmentStatus.ENROLLED
                ).values("person_id")
            )
            | Q(pk__in=Attendance.objects.filter(meeting__group=group).values("person_id"))
        )
        .order_by("full_name", "email")
        .only("pk", "full_name", "email")
    )
    statuses = {
        (person_id, meeting_id): status
        for person_id, meeting_id, status in Attendance.objects.filter(
            meeting__group=group
        ).values_list("person_id", "meeting_id", "status")
    }
    cells = {status: Cell.of(status) for status in [*AttendanceStatus, None]}
    rows = []
    for person in people:
        row = MatrixRow(person)
        for column in columns:
            status = statuses.get((person.pk, column.meeting.pk))
            row.cells.append(cells[status])
            if status:
                attended = status in ATTENDED
                row.registered += 1
                row.attended += attended
                column.registered += 1
                column.attended += attended
        rows.append(row)
    return AttendanceMatrix(columns=columns, rows=rows)


MONTHS = 12


def month_starts(today, count=MONTHS):
    """The first days of the last `count` months, oldest first."""
    year, month = today.year, today.month
    starts = []
    for _index in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


@dataclass
class MonthRow:
    month: datetime.date
    meetings: int = 0
    registered: int = 0
    attended: int = 0

    @property
    def label(self):
        return date_format(self.month, "F Y")

    @property
    def short_label(self):
        return date_format(self.month, "M")

    @property
    def rate(self):
        return percentage(self.attended, self.registered)

    @property
    def rate_display(self):
        rate = self.rate
        return "–" if rate is None else f"{rate}%"


def attendance_by_month(organisation, today=None):
    """Attendance in the organisation's groups per month (Dutch time) over
    the last twelve months, in one query."""
    today = today or timezone.localdate()
    months = month_starts(today)
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(months[0], datetime.time(), tzinfo=zone)
    end_month = (months[-1] + datetime.timedelta(days=32)).replace(day=1)
    end = datetime.datetime.combine(end_month, datetime.time(), tzinfo=zone)
    totals = (
        Attendance.objects.filter(
            meeting__group__organisation=organisation,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
        )
        .annotate(month=TruncMonth("meeting__starts_at", tzinfo=zone))
        .values("month")
        .annotate(
            meetings=Count("meeting", distinct=True),
            registered=Count("pk"),
            attended=Count("pk", filter=Q(status__in=ATTENDED)),
        )
    )
    rows = {month: MonthRow(month) for month in months}
    for total in totals:
        month = timezone.localtime(total["month"], zone).date()
        row = rows.get(month)
        if row is None:
            continue
        row.meetings, row.registered, row.attended = (
            total["meetings"],
            total["registered"],
            total["attended"],
        )
    return list(rows.values())


# The chart's drawing area, in SVG user units.
CHART_WIDTH, CHART_HEIGHT = 720, 260
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 48, 712, 24, 212


def bar_chart(rows):
    """Positions for a server-drawn SVG bar chart: no JavaScript needed."""
    slot = (PLOT_RIGHT - PLOT_LEFT) / len(rows)
    height = PLOT_BOTTOM - PLOT_TOP
    bars = []
    for index, row in enumerate(rows):
        bar_height = height * (row.rate or 0) / 100
        centre = PLOT_LEFT + slot * index + slot / 2
        bars.append(
            {
                "row": row,
                "x": round(centre - slot * 0.3, 1),
                "width": round(slot * 0.6, 1),
                "y": round(PLOT_BOTTOM - bar_height, 1),
                "height": round(bar_height, 1),
                "centre": round(centre, 1),
                "value_y": round(PLOT_BOTTOM - bar_height - 6, 1),
                # The year under January and under the first month.
                "year": row.month.year if index == 0 or row.month.month == 1 else None,
            }
        )
    gridlines = [
        {"value": value, "y": round(PLOT_BOTTOM - height * value / 100, 1)}
        for value in (0, 25, 50, 75, 100)
    ]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": PLOT_LEFT,
        "right": PLOT_RIGHT,
        "bottom": PLOT_BOTTOM,
        "bars": bars,
        "gridlines": gridlines,
    }
