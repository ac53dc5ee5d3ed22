"""Spreadsheet exports (CSV/XLSX) that cannot carry a formula (DESIGN.md,
invariant 10): every Waakvlam export uses SafeSpreadsheetExportMixin."""

from django.utils import timezone, translation
from wagtail.admin.views.mixins import SpreadsheetExportMixin

# OWASP "CSV injection": a cell starting with one of these is run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
# Control characters that some spreadsheets skip before looking for a formula.
FORMULA_CONTROL_STARTS = ("\t", "\r", "\n")


def neutralise_formula(value):
    """Prefix a text that a spreadsheet would run as a formula with `'`, so
    it is shown as text. Other values (numbers, dates) are left alone."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_CONTROL_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export, with every text cell (headings too)
    neutralised. Use this instead of SpreadsheetExportMixin for any export."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value)

    def get_heading(self, queryset, field):
        return neutralise_formula(super().get_heading(queryset, field))

    def stream_csv(self, queryset):
        # Wagtail streams the CSV after the view has returned, outside the
        # admin user's language and time zone: keep them for every row.
        language, zone = translation.get_language(), timezone.get_current_timezone()
        return self._streamed_in(super().stream_csv(queryset), language, zone)

    @staticmethod
    def _streamed_in(rows, language, zone):
        with translation.override(language), timezone.override(zone):
            yield from rows
