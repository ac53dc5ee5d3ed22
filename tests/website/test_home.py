"""The home page leads to the offer with one clear button and names the
organisations near you, each with a phone number to tap."""

import pytest

from tests.factories import OrganisationFactory
from tests.groups.factories import group_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    return [
        OrganisationFactory(name="Op Koers Utrecht", region="Utrecht", phone="030 123 45 67"),
        OrganisationFactory(name="Geldmaatjes Zeist", region="Utrecht", phone="030-7654321"),
        OrganisationFactory(
            name="SchuldHulpMaatje Amersfoort", region="Amersfoort", phone="033 765 43 21"
        ),
    ]


def test_the_home_page_has_a_button_to_the_offer(client):
    offer = group_index()
    html = client.get("/").content.decode()
    assert f'id="home-offer-link" href="{offer.url}"' in html


def test_the_home_page_lists_organisations_by_region_with_tap_to_call(client, organisations):
    response = client.get("/")
    html = response.content.decode()
    assert 'href="tel:0301234567"' in html and 'href="tel:030-7654321"' in html
    assert 'href="tel:0337654321"' in html
    assert html.index("Amersfoort</h3>") < html.index("SchuldHulpMaatje")
    assert html.index("Utrecht</h3>") < html.index("Op Koers Utrecht")
    assert response.context["nearby_region"] == ""


def test_choosing_a_region_shows_only_its_organisations(client, organisations):
    response = client.get("/", {"region": "Amersfoort"})
    names = [o.name for o in response.context["nearby"]]
    assert names == ["SchuldHulpMaatje Amersfoort"]
    assert 'href="/#organisaties"' in response.content.decode()  # back to all


@pytest.mark.parametrize("region", ["Atlantis", "\x00", "x" * 5000, "<script>"])
def test_an_unknown_region_shows_every_organisation(client, organisations, region):
    response = client.get("/", {"region": region})
    assert response.status_code == 200
    assert len(response.context["nearby"]) == 3
    assert "<script>" not in response.content.decode()
