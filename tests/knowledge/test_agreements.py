import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction, Site

from knowledge.models import (
    AgreementIndexPage,
    AgreementPage,
    AgreementParty,
    AgreementStatus,
    KnowledgeIndexPage,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def make_index():
    home = Site.objects.get(is_default_site=True).root_page
    knowledge = KnowledgeIndexPage(title="Kennisbank", slug="kennisbank-test")
    home.add_child(instance=knowledge)
    index = AgreementIndexPage(title="Lokale afspraken", slug="afspraken")
    knowledge.add_child(instance=index)
    return index


def make_agreement(parent, title, *, live=True, **fields):
    fields.setdefault("kind", "convenant")
    fields.setdefault("municipality", "Utrecht")
    page = AgreementPage(title=title, live=live, **fields)
    parent.add_child(instance=page)
    return page


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, AgreementStatus.FINAL),
        ({"status_override": "concept"}, AgreementStatus.DRAFT),
        ({"status_override": "definitief"}, AgreementStatus.FINAL),
        ({"valid_from": datetime.date(2026, 1, 1)}, AgreementStatus.IN_FORCE),
        ({"valid_from": datetime.date(2026, 6, 15)}, AgreementStatus.IN_FORCE),
        ({"valid_from": datetime.date(2026, 7, 1)}, AgreementStatus.FINAL),
        (
            {"valid_from": datetime.date(2022, 1, 1), "valid_until": datetime.date(2026, 6, 14)},
            AgreementStatus.EXPIRED,
        ),
        (
            {"valid_from": datetime.date(2022, 1, 1), "valid_until": datetime.date(2026, 6, 15)},
            AgreementStatus.IN_FORCE,
        ),
        # A draft whose end date has passed is of no use any more either.
        (
            {"status_override": "concept", "valid_until": datetime.date(2025, 1, 1)},
            AgreementStatus.EXPIRED,
        ),
        # The override wins while the agreement has not started.
        (
            {"status_override": "concept", "valid_from": datetime.date(2026, 1, 1)},
            AgreementStatus.DRAFT,
        ),
    ],
)
def test_status_follows_from_the_dates_with_an_override_before_signing(fields, expected):
    assert AgreementPage(title="x", **fields).get_status(TODAY) == expected


@pytest.mark.parametrize(
    ("review_date", "valid_until", "past"),
    [
        (None, None, False),
        (datetime.date(2026, 6, 15), None, False),
        (datetime.date(2026, 6, 14), None, True),
        (datetime.date(2020, 1, 1), datetime.date(2021, 1, 1), False),  # expired
    ],
)
def test_past_review_date_flag(review_date, valid_until, past):
    page = AgreementPage(title="x", review_date=review_date, valid_until=valid_until)
    assert page.is_past_review(TODAY) is past


@pytest.fixture
def agreements():
    index = make_index()
    today = datetime.date.today()
    year = datetime.timedelta(days=365)
    covenant = make_agreement(
        index,
        "Convenant bewindvoering",
        kind="convenant",
        municipality="Utrecht",
        valid_from=today - year,
        review_date=today - datetime.timedelta(days=1),
    )
    plan = make_agreement(
        index,
        "Beleidsplan schulden",
        kind="beleidsplan",
        municipality="Amersfoort",
        valid_from=today - 5 * year,
        valid_until=today - year,
    )
    draft = make_agreement(
        index,
        "Werkafspraken nazorg",
        kind="werkafspraken",
        municipality="Utrecht",
        status_override="concept",
    )
    make_agreement(index, "Nog niet gepubliceerd", live=False)
    return index, covenant, plan, draft


def titles(response):
    return [a.title for a in response.context["agreements"]]


def test_index_lists_live_agreements_and_flags_past_review(client, agreements):
    index, covenant, *_ = agreements
    response = client.get(index.url)
    assert response.status_code == 200
    assert sorted(titles(response)) == [
        "Beleidsplan schulden",
        "Convenant bewindvoering",
        "Werkafspraken nazorg",
    ]
    assert "Nog niet gepubliceerd" not in response.content.decode()
    assert response.content.decode().count("waakvlam-warning") == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"municipality": "Utrecht"}, ["Convenant bewindvoering", "Werkafspraken nazorg"]),
        ({"type": "beleidsplan"}, ["Beleidsplan schulden"]),
        ({"status": "geldend"}, ["Convenant bewindvoering"]),
        ({"status": "vervallen"}, ["Beleidsplan schulden"]),
        ({"status": "concept"}, ["Werkafspraken nazorg"]),
        ({"municipality": "Utrecht", "type": "werkafspraken"}, ["Werkafspraken nazorg"]),
        ({"municipality": "Utrecht", "status": "vervallen"}, []),
        # Unknown values are ignored, not an error and not an empty list.
        (
            {"municipality": "Atlantis", "type": "'; DROP TABLE x;--", "status": "<b>"},
            ["Beleidsplan schulden", "Convenant bewindvoering", "Werkafspraken nazorg"],
        ),
        (
            {"type": "x" * 5000},
            ["Beleidsplan schulden", "Convenant bewindvoering", "Werkafspraken nazorg"],
        ),
    ],
)
def test_index_filters(client, agreements, query, expected):
    index = agreements[0]
    response = client.get(index.url, query)
    assert response.status_code == 200
    assert sorted(titles(response)) == expected


def test_agreement_page_shows_parties_status_and_related(client, agreements):
    _, covenant, plan, _ = agreements
    covenant.parties = [
        AgreementParty(name="Gemeente Utrecht", signatory="J. de Wit", capacity="wethouder")
    ]
    covenant.related_agreements = [plan]
    covenant.save()
    html = client.get(covenant.url).content.decode()
    assert "Gemeente Utrecht" in html and "J. de Wit" in html and "wethouder" in html
    assert "Beleidsplan schulden" in html
    assert "Geldend" in html or "In force" in html


def make_document(title):
    document = get_document_model()(title=title)
    document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


def test_document_of_an_unpublished_agreement_is_not_served(client, agreements, files_on_disk):
    index = agreements[0]
    hidden = make_document("concept-convenant")
    make_agreement(index, "Concept convenant", live=False, document=hidden)
    shown = make_document("convenant")
    make_agreement(index, "Getekend convenant", document=shown)
    private_document = make_document("besloten")
    private = make_agreement(index, "Besloten convenant", document=private_document)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    loose = make_document("los")

    assert client.get(hidden.url).status_code == 404
    assert client.get(private_document.url).status_code == 404
    assert client.get(shown.url).status_code == 200
    # A document no agreement uses is Wagtail's business, as before.
    assert client.get(loose.url).status_code == 200


def test_publishing_the_agreement_makes_its_document_available(client, agreements, files_on_disk):
    index = agreements[0]
    document = make_document("later")
    page = make_agreement(index, "Later gepubliceerd", live=False, document=document)
    assert client.get(document.url).status_code == 404
    page.save_revision().publish()
    assert client.get(document.url).status_code == 200
