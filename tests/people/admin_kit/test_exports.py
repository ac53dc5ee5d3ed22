"""Every export cell that a spreadsheet would run as a formula is shown as
text (DESIGN.md, invariant 10)."""

import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.utils import timezone

from people.admin_kit.exports import SafeSpreadsheetExportMixin, neutralise_formula


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("  =1+1", "'  =1+1"),
        ("\t=1+1", "'\t=1+1"),
        ("\rcmd", "'\rcmd"),
        ("Anna Bakker", "Anna Bakker"),
        ("06-12345678", "06-12345678"),
        ("", ""),
        (None, None),
        (-3, -3),
        (Decimal("-1.50"), Decimal("-1.50")),
    ],
)
def test_formulas_are_neutralised_and_other_values_kept(value, expected):
    assert neutralise_formula(value) == expected


# ------------------------------------------------------------ Dutch Excel


class _Export(SafeSpreadsheetExportMixin):
    list_export = ["name", "amount", "share", "count", "on", "at"]
    export_headings = {"name": "Naam", "amount": "Financiële ruimte"}


ROW = {
    "name": "Zoë Çelik",
    "amount": Decimal("-12.50"),
    "share": 0.25,
    "count": 3,
    "on": datetime.date(2026, 1, 9),
    # 18:30 UTC in winter is 19:30 in Amsterdam.
    "at": datetime.datetime(2026, 1, 9, 18, 30, tzinfo=datetime.UTC),
}


def _csv(rows):
    export = _Export()
    with timezone.override(ZoneInfo("Europe/Amsterdam")):
        return b"".join(export.write_csv_response(rows).streaming_content)


def test_a_csv_export_starts_with_a_byte_order_mark_and_says_it_is_utf8():
    response = _Export().write_csv_response([])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(response.streaming_content).startswith(b"\xef\xbb\xbf")


def test_a_csv_export_uses_semicolons_decimal_commas_and_dutch_dates():
    text = _csv([ROW]).decode("utf-8-sig")
    heading, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert heading[:2] == ["Naam", "Financiële ruimte"]
    assert row == ["Zoë Çelik", "-12,50", "0,25", "3", "09-01-2026", "09-01-2026 19:30"]


def test_text_that_looks_like_a_formula_is_still_neutralised_but_a_negative_amount_is_not():
    text = _csv([{**ROW, "name": "=1+1", "amount": Decimal("-1")}]).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert row[:2] == ["'=1+1", "-1"]


def test_the_xlsx_export_keeps_numbers_and_dates_as_spreadsheet_values():
    output = io.BytesIO()
    with timezone.override(ZoneInfo("Europe/Amsterdam")):
        _Export().write_xlsx([ROW], output)
    output.seek(0)
    sheet = openpyxl.load_workbook(output).active
    values = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert values[1:4] == [-12.5, 0.25, 3]
    assert values[4] in (datetime.date(2026, 1, 9), datetime.datetime(2026, 1, 9))
