"""The Dutch word forms the search expands a typed word into."""

import pytest

from knowledge import dutch


@pytest.mark.parametrize(
    ("typed", "also"),
    [
        ("vrijwilliger", "vrijwilligers"),
        ("vrijwilligers", "vrijwilliger"),
        ("groep", "groepen"),
        ("groepen", "groep"),
        ("afspraak", "afspraken"),
        ("afspraken", "afspraak"),
        ("brief", "brieven"),
        ("brieven", "brief"),
        ("gezin", "gezinnen"),
        ("gezinnen", "gezin"),
        ("cursus", "cursussen"),
        ("cursussen", "cursus"),
        ("maatje", "maatjes"),
        ("maatjes", "maatje"),
        ("terugval", "terugvallen"),
        ("terugvallen", "terugval"),
        ("gemeente", "gemeenten"),
        ("gemeenten", "gemeente"),
        ("schuld", "schulden"),
        ("schulden", "schuld"),
        ("schuldhulp", "schuldhulpverlening"),
        ("huis", "huizen"),
        ("Spaarkring", "spaarkringen"),
    ],
)
def test_a_word_expands_to_its_other_forms_and_synonyms(typed, also):
    forms = dutch.variants(typed)
    assert typed.lower() in forms
    assert also in forms


def test_variants_are_few_and_not_fragments():
    for word in ["schuldhulpverlening", "vrijwilligers", "ab", "s", "de"]:
        forms = dutch.variants(word)
        assert len(forms) <= 16
        assert all(len(form) > 2 or form == word for form in forms)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hulp bij schulden", ["hulp", "schulden"]),
        ("De Schulden, de SCHULDEN!", ["schulden"]),
        ("de het een", ["de", "het", "een"]),  # only stop words: keep them
        ("", []),
        (
            "een twee drie vier vijf zes zeven acht negen tien",
            ["twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"],
        ),
    ],
)
def test_words_drops_stop_words_and_repeats_and_keeps_a_few(text, expected):
    assert dutch.words(text) == expected
