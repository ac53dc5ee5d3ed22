"""Every export cell that a spreadsheet would run as a formula is shown as
text (DESIGN.md, invariant 10)."""

from decimal import Decimal

import pytest

from people.admin_kit.exports import neutralise_formula


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
