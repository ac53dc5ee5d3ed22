"""The one-tap links to reach a person in the way they chose."""

import pytest

from aftercare.contacts.links import phone_digits, tel_href, whatsapp_href


@pytest.mark.database_free
@pytest.mark.parametrize(
    ("phone", "digits"),
    [
        ("06 1234 5678", "31612345678"),
        ("06-12345678", "31612345678"),
        ("+31 6 1234 5678", "31612345678"),
        ("0031 6 12345678", "31612345678"),
        ("+32 470 12 34 56", "32470123456"),
        ("", ""),
        ("geen", ""),
    ],
)
def test_whatsapp_needs_the_international_digits(phone, digits):
    assert phone_digits(phone) == digits
    assert whatsapp_href(phone) == (f"https://wa.me/{digits}" if digits else "")


@pytest.mark.database_free
def test_a_call_link_keeps_only_what_a_dialler_understands():
    assert tel_href("06 - 1234 5678") == "tel:0612345678"
    assert tel_href("+31 (0)6 1234") == "tel:+31061234"
    assert tel_href("onbekend") == ""
