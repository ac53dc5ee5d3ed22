"""The aftercare report: the numbers from a known data set, counts only,
the export (audited), another organisation refused, and a fixed number of
queries whatever the size."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from aftercare.admin.figures import aftercare_figures
from aftercare.models import ContactMoment, Outcome, Phase, Referral, Success
from aftercare.plans.services import plan_phase_change
from knowledge.models import Service
from people.audit.models import AuditEntry
from people.audit.services import EXPORT
from tests.factories import UserFactory
from tests.helpers import csv_rows

from ..factories import plan_for

pytestmark = pytest.mark.django_db

REPORT = reverse("aftercare_report:index")
TODAY = timezone.localdate()


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def moment(plan, due, done=None, outcome=""):
    return ContactMoment.objects.create(plan=plan, due_on=due, done_on=done, outcome=outcome)


@pytest.fixture
def data(world):
    """Anna: four moments due in the period (on time, on time within the
    grace, too late, not done); three done, one of them not reached. One
    referral taken along of two. Bram moved on to development."""
    anna, coordinator = world["anna"], world["coordinator"]
    anna.moments.all().delete()
    moment(anna, days_ago(40), days_ago(40), Outcome.WELL)
    moment(anna, days_ago(30), days_ago(24), Outcome.UNREACHED)
    moment(anna, days_ago(20), days_ago(5), Outcome.CONCERNS)
    moment(anna, days_ago(10))
    bram = plan_for(organisation=world["own"], person=UserFactory(), by=coordinator)
    bram.moments.all().delete()
    plan_phase_change(plan=bram, phase=Phase.DEVELOPMENT, by=coordinator)
    service = Service.objects.create(
        name="Huurteam", helps_with="Huur", place="Utrecht", organisation_type="welzijn"
    )
    Referral.objects.create(plan=anna, service=service, referred_on=days_ago(3), accompanied=True)
    Referral.objects.create(plan=bram, service=service, referred_on=days_ago(2))
    Success.objects.create(plan=anna, kind="own", title="Alles op tijd betaald")
    return world


def test_the_figures_of_a_known_data_set(data):
    figures = aftercare_figures(data["own"], days_ago(60), TODAY)
    phases = {figure.label: figure.count for figure in figures.phases}
    assert phases == {"Stabilisatie": 1, "Ontwikkeling": 1, "Nazorg": 0, "Afgesloten": 0}
    due, on_time, done, reached = figures.moments
    assert (due.count, on_time.count, on_time.total, on_time.rate) == (4, 2, 4, 50)
    assert (done.count, reached.count, reached.rate) == (3, 2, 67)
    referred, taken_along = figures.referrals
    assert (referred.count, taken_along.count, taken_along.rate) == (2, 1, 50)
    successes = {figure.label: figure.count for figure in figures.successes}
    assert successes["Zelf opgeschreven"] == 1 and successes["Fase afgerond"] == 1


def test_the_page_shows_counts_and_no_names(client, data):
    client.force_login(data["coordinator"])
    response = client.get(REPORT, {"start": days_ago(60), "end": TODAY})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "50%" in html
    assert "Anna Bakker" not in html and "Alles op tijd betaald" not in html


def test_the_export_has_the_figures_and_is_audited(client, data):
    client.force_login(data["coordinator"])
    rows = csv_rows(client.get(REPORT, {"start": days_ago(60), "end": TODAY, "export": "csv"}))
    assert rows[0] == ["Onderdeel", "Wat", "Aantal", "Van het totaal", "Percentage"]
    assert ["Contactmomenten", "Op tijd gedaan", "2", "4", "50"] in rows
    assert ["Doorverwijzingen", "Meegenomen", "1", "2", "50"] in rows
    entry = AuditEntry.objects.get(user=data["coordinator"], action=EXPORT)
    assert entry.data["report"] == "aftercare_report:index"


def test_another_organisation_is_a_404(client, data):
    client.force_login(data["coordinator"])
    assert client.get(REPORT, {"organisation": data["other"].pk}).status_code == 404


@pytest.mark.parametrize("count", [10, 100])
def test_the_report_takes_the_same_queries_at_two_sizes(client, world, assert_page_queries, count):
    for _number in range(count):
        plan = plan_for(
            organisation=world["own"], contact=world["contact"], by=world["coordinator"]
        )
        moment(plan, days_ago(3), days_ago(1), Outcome.WELL)
    client.force_login(world["coordinator"])
    assert_page_queries(REPORT, 19)
