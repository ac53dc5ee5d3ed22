"""Spreadsheet exports (CSV/XLSX) that cannot carry a formula (DESIGN.md,
invariant 10) and that open well in Dutch Excel: every Waakvlam export uses
SafeSpreadsheetExportMixin."""

import csv
import datetime
from decimal import Decimal

from django.utils import timezone, translation
from wagtail.admin.views.mixins import SpreadsheetExportMixin

# OWASP "CSV injection": a cell starting with one of these is run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
# Control characters that some spreadsheets skip before looking for a formula.
FORMULA_CONTROL_STARTS = ("\t", "\r", "\n")

# Excel set to Dutch reads a CSV as Windows-1252 with `;` between columns
# unless the file starts with a byte-order mark; `,` is its decimal sign.
CSV_BOM = "\ufeff"
CSV_DELIMITER = ";"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def neutralise_formula(value):
    """Prefix a text that a spreadsheet would run as a formula with `'`, so
    it is shown as text. Other values (numbers, dates) are left alone."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_CONTROL_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value


def dutch_number(value):
    """12.5 → "12,5": the decimal comma Dutch Excel reads as a number.
    Decimals keep their places (money stays "12,50")."""
    text = format(value, "f") if isinstance(value, Decimal) else repr(value)
    return text.replace(".", ",")


def dutch_datetime(value):
    """A moment in the admin's time zone, day first, as Dutch Excel reads it."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d-%m-%Y %H:%M")


def dutch_date(value):
    return value.strftime("%d-%m-%Y")


class _Line:
    """csv.writer's file: hands back each written line."""

    def write(self, value):
        return value


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export, with every text cell (headings too)
    neutralised, and a CSV that Dutch Excel opens in columns with its
    accents and decimal commas intact. Use this instead of
    SpreadsheetExportMixin for any export."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        (Decimal, float): {SpreadsheetExportMixin.FORMAT_CSV: dutch_number},
        datetime.datetime: {
            **SpreadsheetExportMixin.custom_value_preprocess[datetime.datetime],
            SpreadsheetExportMixin.FORMAT_CSV: dutch_datetime,
        },
        datetime.date: {SpreadsheetExportMixin.FORMAT_CSV: dutch_date},
    }

    def preprocess_field_value(self, field, value, export_format):
        # Only text can be a formula: a negative amount ("-5,00") stays a number.
        was_text = isinstance(value, str) or not isinstance(
            value, (int, float, Decimal, datetime.date, datetime.time)
        )
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value) if was_text else value

    def get_heading(self, queryset, field):
        return neutralise_formula(super().get_heading(queryset, field))

    def stream_csv(self, queryset):
        # Wagtail streams the CSV after the view has returned, outside the
        # admin user's language and time zone: keep them for every row.
        language, zone = translation.get_language(), timezone.get_current_timezone()
        return self._streamed_in(self._csv_lines(queryset), language, zone)

    def _csv_lines(self, queryset):
        writer = csv.DictWriter(_Line(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
        headings = {field: self.get_heading(queryset, field) for field in self.list_export}
        yield CSV_BOM + writer.writerow(headings)
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = CSV_CONTENT_TYPE
        return response

    @staticmethod
    def _streamed_in(rows, language, zone):
        with translation.override(language), timezone.override(zone):
            yield from rows
