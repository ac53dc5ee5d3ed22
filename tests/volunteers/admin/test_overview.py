"""The qualification overview: every volunteer of the organisation against
the competencies, readable without colour, filtered by role and status,
exported without formulas, in a fixed number of queries."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from people.models import Membership, Role
from tests.helpers import csv_rows, nl
from tests.volunteers.factories import CompetencyRecordFactory, VolunteerProfileFactory
from volunteers.models import (
    Competency,
    CompetencyRecord,
    RecordSource,
    VolunteerProfile,
    VolunteerRole,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
OVERVIEW = reverse("qualification:index")


def day(date):
    return date.strftime("%d-%m-%Y")


def days(n):
    return TODAY + datetime.timedelta(days=n)


def volunteer_in(organisation, name, **profile):
    return VolunteerProfileFactory(organisation=organisation, user__full_name=name, **profile)


def record(profile, slug, achieved_on, expires_on=None):
    return CompetencyRecordFactory(
        volunteer=profile.user, competency=slug, achieved_on=achieved_on, expires_on=expires_on
    )


@pytest.fixture
def world(organisations):
    own, other, coordinator = organisations.values()
    anna = volunteer_in(own, "Anna de Vries", vog_date=days(-100))
    bert = volunteer_in(own, "Bert Jansen", status="applying")
    gone = volunteer_in(own, "Gerda Vertrokken", status="left", vog_date=days(-100))
    kees = volunteer_in(other, "Kees Elders", vog_date=days(-100))
    # Anna: privacy valid for long, stress-sensitive expiring, referral expired.
    record(anna, "privacy-avg", days(-30), expires_on=days(400))
    record(anna, "stress-sensitief-werken", days(-700), expires_on=days(20))
    record(anna, "doorverwijzen-sociale-kaart", days(-800), expires_on=days(-5))
    record(anna, "gespreksvoering", days(-30))  # never expires
    record(kees, "privacy-avg", days(-30))
    return locals()


def rows_of(response):
    return {row.profile.user.full_name: row for row in response.context["object_list"]}


def test_each_cell_says_its_state_in_words_and_with_a_symbol(coordinator_client, world):
    response = coordinator_client.get(OVERVIEW)
    html = response.content.decode()
    assert nl("Valid until %(date)s", date=day(days(400))) in html
    assert nl("Expires %(date)s", date=day(days(20))) in html
    assert nl("Expired") in html
    assert nl("Missing") in html
    assert nl("Valid") in html  # gespreksvoering: no expiry
    for symbol in ("✓", "!", "✗", "–"):
        assert f'<span aria-hidden="true" class="vq__symbol">{symbol}</span>' in html
    anna = rows_of(response)["Anna de Vries"]
    states = {
        cell.text: cell.state
        for competency, cell in zip(response.context["competencies"], anna.cells, strict=True)
    }
    assert states[nl("Valid until %(date)s", date=day(days(400)))] == "valid"
    assert states[nl("Expires %(date)s", date=day(days(20)))] == "expiring"
    assert states[nl("Expired")] == "expired"
    assert states[nl("Missing")] == "missing"
    assert anna.vog.state == "valid"
    assert rows_of(response)["Bert Jansen"].vog.text == nl("Missing")


def test_only_the_organisations_volunteers_who_have_not_left(coordinator_client, world):
    names = set(rows_of(coordinator_client.get(OVERVIEW)))
    assert names == {"Anna de Vries", "Bert Jansen"}


def test_a_row_opens_the_volunteers_page(coordinator_client, world):
    html = coordinator_client.get(OVERVIEW).content.decode()
    assert reverse("volunteer_profiles:inspect", args=[world["anna"].pk]) in html


def test_filter_by_status(coordinator_client, world):
    assert set(rows_of(coordinator_client.get(OVERVIEW, {"status": "applying"}))) == {"Bert Jansen"}


def test_another_organisation_cannot_be_chosen(coordinator_client, world):
    assert coordinator_client.get(OVERVIEW, {"organisation": world["other"].pk}).status_code == 404
    response = coordinator_client.get(OVERVIEW, {"organisation": world["own"].pk})
    assert set(rows_of(response)) == {"Anna de Vries", "Bert Jansen"}


@pytest.fixture
def spaarkring():
    # gespreksvoering, financiele-basiskennis, privacy-avg; a VOG is required.
    return VolunteerRole.objects.get(slug="spaarkringbegeleider")


def test_a_role_shows_its_competencies_and_who_is_qualified(coordinator_client, world, spaarkring):
    response = coordinator_client.get(OVERVIEW, {"role": spaarkring.pk})
    assert {c.slug for c in response.context["competencies"]} == {
        "gespreksvoering",
        "financiele-basiskennis",
        "privacy-avg",
    }
    rows = rows_of(response)
    assert rows["Anna de Vries"].qualified is False  # financial knowledge missing
    record(world["anna"], "financiele-basiskennis", days(-3))
    rows = rows_of(coordinator_client.get(OVERVIEW, {"role": spaarkring.pk}))
    assert rows["Anna de Vries"].qualified is True
    assert rows["Bert Jansen"].qualified is False
    html = coordinator_client.get(OVERVIEW, {"role": spaarkring.pk}).content.decode()
    assert nl("Qualified as %(role)s", role=spaarkring.name) in html


def test_filter_qualified_for_a_role(coordinator_client, world, spaarkring):
    record(world["anna"], "financiele-basiskennis", days(-3))
    qualified = coordinator_client.get(OVERVIEW, {"role": spaarkring.pk, "qualified": "yes"})
    assert set(rows_of(qualified)) == {"Anna de Vries"}
    not_qualified = coordinator_client.get(OVERVIEW, {"role": spaarkring.pk, "qualified": "no"})
    assert set(rows_of(not_qualified)) == {"Bert Jansen"}


def test_an_expired_vog_disqualifies_when_the_role_needs_one(coordinator_client, world, spaarkring):
    anna = world["anna"]
    record(anna, "financiele-basiskennis", days(-3))
    anna.vog_received_on, anna.vog_valid_until = days(-365 * 4), days(-365)
    anna.save()
    rows = rows_of(coordinator_client.get(OVERVIEW, {"role": spaarkring.pk}))
    assert rows["Anna de Vries"].vog.text == nl("Expired")
    assert rows["Anna de Vries"].qualified is False


def test_a_renewal_counts_not_the_old_record(coordinator_client, world):
    record(world["anna"], "doorverwijzen-sociale-kaart", days(-2))  # renewed
    anna = rows_of(coordinator_client.get(OVERVIEW))["Anna de Vries"]
    texts = [cell.text for cell in anna.cells]
    assert nl("Expired") not in texts


# ------------------------------------------------------------------ exports


def test_the_csv_export_has_words_and_no_formulas(coordinator_client, world, spaarkring):
    trick = world["anna"].user
    trick.full_name = '=HYPERLINK("http://kwaad.example","klik")'
    trick.save()
    response = coordinator_client.get(OVERVIEW, {"role": spaarkring.pk, "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    heading, *body = rows
    assert "Privacy en AVG" in heading
    assert heading[-1] == nl("Qualified as %(role)s", role=spaarkring.name)
    anna = next(row for row in body if "HYPERLINK" in row[0])
    assert anna[0].startswith("'=")
    assert nl("Valid until %(date)s", date=day(days(400))) in anna


def test_the_xlsx_export_reads_back_as_text(coordinator_client, world):
    world["anna"].user.full_name = "@SUM(1+1)"
    world["anna"].user.save()
    response = coordinator_client.get(OVERVIEW, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert any(row[0] == "'@SUM(1+1)" for row in values)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# ------------------------------------------------------------------ queries


def vog_profile(user, organisation, n):
    """Every seventh has a VOG requested and not in; the rest one of any age."""
    if not n % 7:
        return VolunteerProfile(
            user=user, organisation=organisation, status="active", vog_requested_on=days(-n % 90)
        )
    received = days(-n % 1000)
    return VolunteerProfile(
        user=user,
        organisation=organisation,
        status="active",
        vog_received_on=received,
        vog_valid_until=received + datetime.timedelta(days=1095),
    )


def add_volunteers(organisation, count, start=0):
    """Volunteers with a record of every competency, made in bulk."""
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"vrijwilliger{start + n}@example.org", full_name=f"Vrijwilliger {start + n:04}")
        for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=organisation, role=Role.VOLUNTEER) for user in users
    )
    VolunteerProfile.objects.bulk_create(
        vog_profile(user, organisation, n) for n, user in enumerate(users)
    )
    competencies = list(Competency.objects.all())
    records = []
    for n, user in enumerate(users):
        for i, competency in enumerate(competencies):
            if not (n + i) % 4:
                continue  # a quarter missing
            # Spread over valid, expiring and expired.
            achieved = days(-1 - (n * 37 + i * 91) % 1200)
            expires = achieved + datetime.timedelta(days=300 + (n * 53 + i * 17) % 900)
            records.append(
                CompetencyRecord(
                    volunteer=user,
                    competency=competency,
                    achieved_on=achieved,
                    expires_on=expires,
                    source=RecordSource.OBSERVATION,
                )
            )
    CompetencyRecord.objects.bulk_create(records)


# The most queries today's overview needs; more would be a regression.
@pytest.mark.parametrize(
    # Including the two queries of the view's audit entry, the four of who
    # is in training (selectors.in_training) and the count for the pages.
    "params, most",
    [({}, 23), ({"role": "spaarkring"}, 24), ({"role": "spaarkring", "qualified": "no"}, 23)],
    ids=["all", "role", "qualified"],
)
def test_the_number_of_queries_does_not_grow_with_volunteers(
    coordinator_client, world, params, most, assert_page_queries
):
    if params:
        params = {**params, "role": VolunteerRole.objects.get(slug="spaarkringbegeleider").pk}
    add_volunteers(world["own"], 3)  # 5 volunteers with Anna and Bert
    response = assert_page_queries(OVERVIEW, most, **params)
    assert len(response.context["object_list"]) <= 5
    add_volunteers(world["own"], 115, start=3)  # 120: three pages
    for page in ("1", "3"):
        response = assert_page_queries(OVERVIEW, most, p=page, **params)
        assert len(response.context["object_list"]) <= 50
    assert response.context["page_obj"].number == 3


def test_500_volunteers_by_10_competencies_are_shown_and_exported(coordinator_client, world):
    """How long it takes is for `make bench`; here: it works at that size."""
    for n in range(10 - Competency.objects.count()):
        Competency.objects.create(name=f"Extra competentie {n}", slug=f"extra-{n}")
    add_volunteers(world["own"], 498)  # 500 with Anna and Bert
    response = coordinator_client.get(OVERVIEW)
    assert response.context["paginator"].count == 500
    assert len(response.context["object_list"]) == 50
    assert len(response.context["competencies"]) == 10
    assert "500 vrijwilligers." in response.content.decode()
    export = coordinator_client.get(OVERVIEW, {"export": "csv"})
    assert len(b"".join(export.streaming_content).splitlines()) == 501


# ------------------------------------------------------------------ pages


def names(response):
    return [row.profile.user.full_name for row in response.context["object_list"]]


def test_page_two_has_the_next_volunteers_and_keeps_the_filters(coordinator_client, world):
    add_volunteers(world["own"], 60)  # 61 active with Anna; Bert is applying
    first = coordinator_client.get(OVERVIEW, {"status": "active"})
    second = coordinator_client.get(OVERVIEW, {"status": "active", "p": "2"})
    assert first.context["paginator"].count == 61
    assert len(names(first)) == 50 and len(names(second)) == 11
    assert not set(names(first)) & set(names(second))
    assert "Bert Jansen" not in names(first) + names(second)
    assert "?status=active&amp;p=2" in first.content.decode()


@pytest.mark.parametrize("number", ["abc", "0", "-3", "999", "9" * 5000])
def test_any_page_number_gives_a_normal_page(coordinator_client, world, number):
    add_volunteers(world["own"], 60)
    response = coordinator_client.get(OVERVIEW, {"p": number})
    assert response.status_code == 200
    assert response.context["page_obj"].number in (1, 2)


def test_the_export_has_every_matching_row_not_one_page(coordinator_client, world, spaarkring):
    add_volunteers(world["own"], 120)
    chosen = {"role": spaarkring.pk, "qualified": "no", "p": "2"}
    page = coordinator_client.get(OVERVIEW, chosen)
    matching = page.context["paginator"].count
    assert matching > 50
    heading, *body = csv_rows(coordinator_client.get(OVERVIEW, {**chosen, "export": "csv"}))
    assert len(body) == matching
    assert {row[-1] for row in body} == {nl("no")}
    everyone = csv_rows(coordinator_client.get(OVERVIEW, {"export": "csv", "p": "3"}))
    assert len(everyone) - 1 == 122  # Anna, Bert and the 120


def test_the_filters_refresh_the_results_in_place(coordinator_client, world, spaarkring):
    response = coordinator_client.get(
        reverse("qualification:index_results"), {"role": spaarkring.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anna de Vries" in html and "Kees Elders" not in html
    assert nl("Qualified as %(role)s", role=spaarkring.name) in html
