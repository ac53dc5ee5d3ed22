"""The README describes what the software does: its claims about attendance
and deposits are checked against the words the pages really use."""

from pathlib import Path

import pytest
from django.utils import translation

from groups.attendance.views import SEGMENTS
from tests.helpers import nl

pytestmark = pytest.mark.database_free

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def paragraph(start):
    return " ".join(README.split(f"- **{start}**", 1)[1].split("\n- ", 1)[0].split())


def test_attendance_is_said_to_be_saved_with_the_button_the_page_shows():
    attendance = paragraph("Attendance")
    assert "saved at once" not in attendance
    assert f'"{nl("Save")}"' in attendance
    with translation.override("nl"):
        labels = [str(label).lower() for _status, label in SEGMENTS]
    assert all(label in attendance for label in labels), labels


def test_deposits_are_said_to_be_saved_with_the_button_and_asked_about_twice():
    savings = paragraph("Savings circles")
    assert f'"{nl("Save deposits")}"' in savings
    assert f'"{nl("Yes, book it again")}"' in savings
